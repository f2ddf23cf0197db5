package org.incidentplatform.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** HTTP to a running stack, as the end-to-end tests call it. */
final class StackHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private StackHttp() {}

    static HttpResponse<String> post(String token, String url, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A POST with an Idempotency-Key, waiting at most {@code timeout} for the answer. */
    static HttpResponse<String> post(String token, String url, String body, String idempotencyKey, Duration timeout)
            throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(timeout)
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", idempotencyKey)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** As a well-behaved client does: 503 means try again later, with the same Idempotency-Key. */
    static HttpResponse<String> retryWhileUnavailable(String token, String url, String body, String idempotencyKey)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        HttpResponse<String> response = post(token, url, body, idempotencyKey, Duration.ofSeconds(30));
        while (response.statusCode() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            response = post(token, url, body, idempotencyKey, Duration.ofSeconds(30));
        }
        return response;
    }

    /** A webhook subscription to every component, readable back from notification-service; returns its id. */
    static String subscribeWebhook(String token, String notificationUrl, String target) throws Exception {
        JsonNode subscription = created(post(
                token,
                notificationUrl + "/api/v1/subscriptions",
                "{\"channel\":\"webhook\",\"target\":\"" + target + "\"}"));
        String id = subscription.path("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (get(notificationUrl + "/api/v1/subscriptions/" + id, Map.of("Authorization", "Bearer " + token))
                        .statusCode()
                != 200) {
            assertThat(System.nanoTime()).as("subscription " + id + " readable").isLessThan(deadline);
            Thread.sleep(100);
        }
        return id;
    }

    static HttpResponse<String> get(String url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A component answered 201 can be named at once: the declaration is created on its first try. */
    static JsonNode declare(String token, String url, String body) throws Exception {
        return created(post(token, url, body));
    }

    static JsonNode created(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    /** Waits until projection-service's incident API shows {@code id} at {@code version} or later (2 minutes at most). */
    static JsonNode awaitProjectedVersion(String projectionUrl, String id, int version) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get(projectionUrl + "/api/v1/incidents/" + id, Map.of());
            if (response.statusCode() == 200) {
                last = JSON.readTree(response.body());
                if (last.path("version").asLong() >= version) {
                    return last;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("projection of " + id + " did not reach version " + version + ": " + last);
    }
}
