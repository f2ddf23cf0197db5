package org.incidentplatform.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.incidentplatform.local.junit.IncidentStreams;

/** incident-service's HTTP API as far as the benchmark uses it: the set-up writes and the measured update. */
final class IncidentServiceClient {

    static final String COMPONENT_ID = "bench-app";
    /** The component the fan-out's subscribers follow: no other section's events touch it. */
    static final String FAN_OUT_COMPONENT_ID = "bench-api";

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SET_UP_TIMEOUT = Duration.ofSeconds(90);

    private final URI base;
    private final AccessTokens tokens;
    private final HttpClient http;

    IncidentServiceClient(URI base, AccessTokens tokens) {
        this.base = base;
        this.tokens = tokens;
        // HTTP/1.1 keeps one connection per concurrent request alive, as an internal service's pool would.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * The catalogue every section's events refer to: the groups and components of the seeded
     * history ({@link IncidentStreams}), the command path's and end-to-end section's component, and
     * the fan-out's. Added through the API, so incident-service's catalogue stream holds them and
     * its own later writes follow on. One that already exists (409) is fine.
     */
    void addCatalogue() {
        for (int g = 0; g < IncidentStreams.GROUPS; g++) {
            catalogueWrite(
                    "/api/v1/component-groups",
                    "{\"id\":\"group-" + g + "\",\"name\":\"Group " + g + "\",\"description\":\"Services of group " + g
                            + "\",\"position\":" + g + "}");
        }
        for (int c = 0; c < IncidentStreams.COMPONENTS; c++) {
            String group = c == IncidentStreams.COMPONENTS - 1
                    ? ""
                    : ",\"group\":\"group-" + (c % IncidentStreams.GROUPS) + "\"";
            catalogueWrite(
                    "/api/v1/components",
                    "{\"id\":\"" + IncidentStreams.component(c) + "\",\"name\":\"Component "
                            + c + "\",\"description\":\"Component number " + c + " of the catalogue\",\"position\":" + c
                            + group + "}");
        }
        catalogueWrite("/api/v1/components", "{\"id\":\"" + COMPONENT_ID + "\",\"name\":\"Bench App\"}");
        catalogueWrite("/api/v1/components", "{\"id\":\"" + FAN_OUT_COMPONENT_ID + "\",\"name\":\"Bench API\"}");
    }

    private void catalogueWrite(String path, String body) {
        HttpResponse<String> response = setUp(path, tokens.admin(), body);
        if (response.statusCode() != 201 && response.statusCode() != 409) {
            throw unexpected("POST " + path + " " + body, response);
        }
    }

    /** Resolves the incidents, so they leave the status page's summary. */
    void resolveIncidents(List<String> incidents) {
        for (String incident : incidents) {
            HttpResponse<String> response = setUp(
                    "/api/v1/incidents/" + incident + "/resolve",
                    tokens.responder(),
                    "{\"message\":\"Resolved by the benchmark harness.\"}");
            if (response.statusCode() != 201 && response.statusCode() != 200) {
                throw unexpected("resolving " + incident, response);
            }
        }
    }

    /** Declares {@code count} incidents naming the component added before. */
    List<String> declareIncidents(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = "{\"title\":\"Bench incident " + i + "\",\"impact\":\"minor\",\"status\":\"investigating\","
                    + "\"message\":\"Declared by the benchmark harness.\","
                    + "\"components\":{\"" + COMPONENT_ID + "\":\"degraded_performance\"}}";
            HttpResponse<String> response = setUp("/api/v1/incidents", tokens.responder(), body);
            if (response.statusCode() != 201) {
                throw unexpected("declaring an incident", response);
            }
            Matcher id = ID.matcher(response.body());
            if (!id.find()) {
                throw unexpected("declaring an incident (no id in the answer)", response);
            }
            ids.add(id.group(1));
        }
        return ids;
    }

    /** The measured request: one update, one new event. Returns the status code. */
    int postUpdate(String incidentId, String message) throws IOException, InterruptedException {
        HttpRequest request = request(
                        "/api/v1/incidents/" + incidentId + "/updates",
                        tokens.reporter(),
                        "{\"message\":\"" + message + "\"}")
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * The end-to-end section's update, sent without waiting: completes with the answer's status
     * and, for a {@code 201}, the stream's new version from its ETag (else -1).
     */
    CompletableFuture<long[]> postUpdateAsync(String incidentId, String message) {
        HttpRequest request = request(
                        "/api/v1/incidents/" + incidentId + "/updates",
                        tokens.reporter(),
                        "{\"message\":\"" + message + "\"}")
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(response -> new long[] {
            response.statusCode(),
            response.statusCode() == 201
                    ? version(response.headers().firstValue("ETag").orElse(""))
                    : -1
        });
    }

    /** {@code "12"} or {@code W/"12"} → 12; -1 when there is none. */
    static long version(String etag) {
        String digits = etag.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? -1 : Long.parseLong(digits);
    }

    /**
     * A set-up write. Right after start the service may answer 503 until its stream tasks and the
     * reader of their answers are assigned; the write is retried under one Idempotency-Key, so it is
     * recorded once whatever the first attempts did.
     */
    private HttpResponse<String> setUp(String path, String token, String body) {
        HttpRequest request = request(path, token, body)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .build();
        Instant deadline = Instant.now().plus(SET_UP_TIMEOUT);
        while (true) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 503 || Instant.now().isAfter(deadline)) {
                    return response;
                }
            } catch (IOException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new BenchException("incident-service at " + base + " did not answer " + path + ": " + e, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted");
            }
            pause(500);
        }
    }

    private HttpRequest.Builder request(String path, String token, String body) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static BenchException unexpected(String what, HttpResponse<String> response) {
        return new BenchException(what + " failed: HTTP " + response.statusCode() + " " + response.body());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }
}
