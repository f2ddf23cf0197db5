package org.incidentplatform.incident.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.incidentplatform.incident.command.RecordedEvent;
import org.incidentplatform.incident.command.StreamKind;
import org.incidentplatform.incident.command.StreamReader;
import org.incidentplatform.incident.command.StreamReader.NotFound;
import org.incidentplatform.incident.command.StreamReader.OwnedElsewhere;
import org.incidentplatform.incident.command.StreamReader.Page;
import org.incidentplatform.incident.command.StreamsUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Answers the audit reads of a stream's events, a page at a time ({@code after}, {@code limit}; a
 * {@code Link: rel="next"} when more follow), on whichever instance is asked: a stream whose
 * partition another instance owns is read there and its answer passed on unchanged.
 */
@Component
class Streams {

    /** Set on a read passed on to the owner, so that an owner that moved meanwhile answers 503 instead of passing it on again. */
    static final String FORWARDED = "X-Incident-Service-Forwarded";

    private static final Logger log = LoggerFactory.getLogger(Streams.class);
    private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(10);

    private final StreamReader reader;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    Streams(StreamReader reader) {
        this.reader = reader;
    }

    /** @param emptyIsFine answer a stream with no events as an empty page rather than 404 (the catalogue) */
    ResponseEntity<?> events(
            StreamKind kind,
            String what,
            String id,
            boolean emptyIsFine,
            String after,
            String limit,
            HttpServletRequest request) {
        long afterSequence = number("after", after, 0, Long.MAX_VALUE - 1, 0);
        int pageSize = (int) number("limit", limit, 1, StreamReader.PAGE_MAX, StreamReader.PAGE_MAX);
        StreamReader.Read read = reader.read(kind, id, afterSequence, pageSize);
        if (read instanceof OwnedElsewhere owner) {
            return forward(owner.hostAndPort(), request);
        }
        if (read instanceof Page page) {
            return page(page, request, afterSequence);
        }
        if (read instanceof NotFound && emptyIsFine) {
            return page(new Page(List.of(), false), request, afterSequence);
        }
        throw new StreamNotFoundException(what, id);
    }

    /**
     * The events, with the stream's version as ETag when the page reaches the end: the value an
     * {@code If-Match} on the next write would take.
     */
    private static ResponseEntity<List<RecordedEvent>> page(Page page, HttpServletRequest request, long after) {
        List<RecordedEvent> events = page.events();
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (page.more()) {
            long last = events.get(events.size() - 1).sequence();
            answer.header(
                    HttpHeaders.LINK,
                    "<" + request.getRequestURI() + "?after=" + last
                            + (request.getParameter("limit") != null ? "&limit=" + request.getParameter("limit") : "")
                            + ">; rel=\"next\"");
        } else {
            long version =
                    events.isEmpty() ? after : events.get(events.size() - 1).sequence();
            answer.eTag(CommandExchange.etag(version));
        }
        return answer.body(events);
    }

    private ResponseEntity<byte[]> forward(String owner, HttpServletRequest request) {
        if (request.getHeader(FORWARDED) != null) {
            throw new StreamsUnavailableException(
                    "the stream's partition moved while the read was passed on;" + " ask again in a moment");
        }
        String query = request.getQueryString();
        URI target = URI.create("http://" + owner + request.getRequestURI() + (query == null ? "" : "?" + query));
        HttpRequest.Builder forwarded = HttpRequest.newBuilder(target)
                .GET()
                .timeout(FORWARD_TIMEOUT)
                .header(FORWARDED, "1")
                .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            forwarded.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(forwarded.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            log.warn("audit read of {} could not be passed on to {}: {}", request.getRequestURI(), owner, e.toString());
            throw new StreamsUnavailableException(
                    "the instance that owns this stream (" + owner + ") did not answer; ask again in a moment");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamsUnavailableException("interrupted while asking the owner of this stream");
        }
        ResponseEntity.BodyBuilder passedOn = ResponseEntity.status(answer.statusCode());
        for (String header :
                List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG, HttpHeaders.LINK, HttpHeaders.RETRY_AFTER)) {
            answer.headers().firstValue(header).ifPresent(value -> passedOn.header(header, value));
        }
        return passedOn.body(answer.body());
    }

    private static long number(String name, String value, long min, long max, long absent) {
        if (value == null) {
            return absent;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // Answered below.
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                name + " must be a whole number from " + min + " to " + max + "; was '" + value + "'");
        problem.setProperty("parameter", name);
        throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }
}
