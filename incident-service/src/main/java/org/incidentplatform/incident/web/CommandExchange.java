package org.incidentplatform.incident.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.incidentplatform.incident.command.CommandGateway;
import org.incidentplatform.incident.command.CommandOutcome;
import org.incidentplatform.incident.command.CommandOutcome.Accepted;
import org.incidentplatform.incident.command.CommandRequest;
import org.incidentplatform.incident.domain.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP side of every write: reads the headers that shape a command ({@code Idempotency-Key},
 * {@code If-Match}, {@code X-Correlation-Id}), hands the command to the gateway with the authenticated
 * principal as its actor, and turns an acceptance into the response or anything else into a problem.
 */
@Component
class CommandExchange {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String CORRELATION_ID = "X-Correlation-Id";
    /** Set on the answer to a retry that appended nothing, as Stripe does. */
    static final String REPLAYED = "Idempotent-Replayed";

    private static final Logger log = LoggerFactory.getLogger(CommandExchange.class);
    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final Pattern CORRELATION = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern VERSION = Pattern.compile("\"?(\\d{1,18})\"?");
    /** Its own mapper, so the fingerprint of a request never changes with the application's JSON settings. */
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final CommandGateway gateway;

    CommandExchange(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /** The facts of one write request that are not in its body's fields. */
    record Write(String actor, String idempotencyKey, String requestHash, Long expectedVersion, String correlationId) {}

    /** @param body the parsed request body, or null for a write without one */
    Write open(HttpServletRequest http, Principal principal, Object body) {
        return new Write(
                principal.getName(),
                idempotencyKey(http),
                requestHash(http, body),
                expectedVersion(http),
                correlationId(http));
    }

    Submitted submit(Write write, String streamId, Command command) {
        return submit(write, streamId, command, Map.of());
    }

    /** @param requestFieldNames the request's name for a command field the decider may name, where they differ */
    Submitted submit(Write write, String streamId, Command command, Map<String, String> requestFieldNames) {
        // Every line logged for this write, here and below, names the incident; structured logs carry it as a field.
        MDC.put("incidentId", streamId);
        MDC.put("correlationId", write.correlationId());
        try {
            CommandOutcome outcome = gateway.submit(new CommandRequest(
                    streamId,
                    command,
                    write.actor(),
                    write.idempotencyKey(),
                    write.requestHash(),
                    write.expectedVersion(),
                    write.correlationId()));
            if (outcome instanceof Accepted accepted) {
                MDC.put("eventId", String.join(",", accepted.eventIds()));
                log.info(
                        "{} {} by {}: version {}{}",
                        command.getClass().getSimpleName(),
                        streamId,
                        write.actor(),
                        accepted.version(),
                        accepted.replayed() ? " (replayed for a retry)" : "");
                return new Submitted(write, accepted);
            }
            if (outcome instanceof CommandOutcome.Unavailable unavailable) {
                log.warn(
                        "{} {} not confirmed (correlation {}): {}",
                        command.getClass().getSimpleName(),
                        streamId,
                        write.correlationId(),
                        unavailable.reason());
            }
            throw new CommandNotAcceptedException(outcome, requestFieldNames);
        } finally {
            MDC.remove("incidentId");
            MDC.remove("correlationId");
            MDC.remove("eventId");
        }
    }

    /** An accepted command, ready to be answered. */
    record Submitted(Write write, Accepted accepted) {

        long version() {
            return accepted.version();
        }

        <T> ResponseEntity<T> created(String location, T body) {
            return headers(ResponseEntity.created(URI.create(location))).body(body);
        }

        /** 201 without a Location: the command added to an existing stream rather than creating a resource. */
        <T> ResponseEntity<T> appended(T body) {
            return headers(ResponseEntity.status(201)).body(body);
        }

        <T> ResponseEntity<T> ok(T body) {
            return headers(ResponseEntity.ok()).body(body);
        }

        private ResponseEntity.BodyBuilder headers(ResponseEntity.BodyBuilder response) {
            response.eTag(etag(accepted.version())).header(CORRELATION_ID, write.correlationId());
            if (accepted.replayed()) {
                response.header(REPLAYED, "true");
            }
            return response;
        }
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    private static String idempotencyKey(HttpServletRequest http) {
        String key = single(http, IDEMPOTENCY_KEY);
        if (key != null && !VISIBLE_ASCII.matcher(key).matches()) {
            throw new MalformedHeaderException(
                    IDEMPOTENCY_KEY, "Idempotency-Key must be 1 to 255 visible ASCII characters, e.g. a UUID");
        }
        return key;
    }

    private static Long expectedVersion(HttpServletRequest http) {
        String value = single(http, HttpHeaders.IF_MATCH);
        if (value == null) {
            return null;
        }
        Matcher version = VERSION.matcher(value.trim());
        if (!version.matches()) {
            throw new MalformedHeaderException(
                    HttpHeaders.IF_MATCH,
                    "If-Match must name one version as the ETag gave it, e.g. \"3\"; was '" + value + "'");
        }
        return Long.parseLong(version.group(1));
    }

    private static String correlationId(HttpServletRequest http) {
        String given = http.getHeader(CORRELATION_ID);
        return given != null && CORRELATION.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
    }

    private static String single(HttpServletRequest http, String header) {
        List<String> values = Collections.list(http.getHeaders(header));
        if (values.size() > 1) {
            throw new MalformedHeaderException(header, header + " must be given once");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * Tells a retry from a different request under the same Idempotency-Key: method, path and the body
     * as parsed, written with sorted keys, so spacing and key order do not matter.
     */
    private static String requestHash(HttpServletRequest http, Object body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((http.getMethod() + " " + http.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                sha256.update(CANONICAL.writeValueAsBytes(body));
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
