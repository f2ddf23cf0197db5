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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** incident-service's HTTP API as far as the benchmark uses it: the set-up writes and the measured update. */
final class IncidentServiceClient {

    static final String COMPONENT_ID = "bench-app";
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

    /** Adds the component the incidents affect; one that already exists (409) is fine. */
    void addComponent() {
        HttpResponse<String> response = setUp("/api/v1/components", tokens.admin(),
                "{\"id\":\"" + COMPONENT_ID + "\",\"name\":\"Bench App\"}");
        if (response.statusCode() != 201 && response.statusCode() != 409) {
            throw unexpected("adding component " + COMPONENT_ID, response);
        }
    }

    /**
     * Declares {@code count} incidents. The component reaches every partition's processor moments
     * after it is added, so a 422 naming it is retried for a few seconds.
     */
    List<String> declareIncidents(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = "{\"title\":\"Bench incident " + i + "\",\"impact\":\"minor\",\"status\":\"investigating\","
                    + "\"message\":\"Declared by the benchmark harness.\","
                    + "\"components\":{\"" + COMPONENT_ID + "\":\"degraded_performance\"}}";
            Instant deadline = Instant.now().plusSeconds(15);
            HttpResponse<String> response = setUp("/api/v1/incidents", tokens.responder(), body);
            while (response.statusCode() == 422 && Instant.now().isBefore(deadline)) {
                pause(200);
                response = setUp("/api/v1/incidents", tokens.responder(), body);
            }
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
        HttpRequest request = request("/api/v1/incidents/" + incidentId + "/updates", tokens.reporter(),
                "{\"message\":\"" + message + "\"}").build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * A set-up write. Right after start the service may answer 503 until its stream tasks and the
     * reader of their answers are assigned; the write is retried under one Idempotency-Key, so it is
     * recorded once whatever the first attempts did.
     */
    private HttpResponse<String> setUp(String path, String token, String body) {
        HttpRequest request = request(path, token, body)
                .header("Idempotency-Key", UUID.randomUUID().toString()).build();
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
