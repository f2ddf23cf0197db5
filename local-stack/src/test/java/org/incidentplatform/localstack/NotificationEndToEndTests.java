package org.incidentplatform.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.incidentplatform.local.kafka.LocalKafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Across the three services, as the README runs them: an incident declared through
 * incident-service's HTTP API reaches a webhook subscriber of notification-service, served by a
 * real HTTP server on loopback (which the stack's allow-list lets it reach), signed as Standard
 * Webhooks says.
 */
class NotificationEndToEndTests {

    private static final Path HOME = Path.of(System.getProperty("localstack.home", ".."))
            .toAbsolutePath()
            .normalize();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    static LocalStack stack;
    static HttpServer receiver;
    static final BlockingQueue<Map<String, String>> received = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/hooks/status", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(Map.of(
                        "body", new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        "id", exchange.getRequestHeaders().getFirst("webhook-id"),
                        "timestamp", exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        "signature", exchange.getRequestHeaders().getFirst("webhook-signature")));
                exchange.sendResponseHeaders(204, -1);
            } finally {
                exchange.close();
            }
        });
        receiver.start();
        StackSettings settings = new StackSettings(
                HOME,
                dataDir,
                LocalKafkaBroker.freePort(),
                LocalKafkaBroker.freePort(),
                LocalKafkaBroker.freePort(),
                LocalKafkaBroker.freePort(),
                LocalKafkaBroker.freePort(),
                LocalKafkaBroker.freePort(),
                "127.0.0.1");
        stack = LocalStack.start(settings, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void incidentDeclaredThroughIncidentService_reachesAWebhookSubscriber() throws Exception {
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/status";
        HttpResponse<String> subscribed = post(
                stack.notificationServiceUrl() + "/api/v1/subscriptions",
                stack.adminToken(),
                "{\"channel\":\"webhook\",\"target\":\"" + hook + "\",\"components\":[\"checkout\"]}");
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
        JsonNode subscription = JSON.readTree(subscribed.body());
        awaitKnown(stack.notificationServiceUrl() + "/api/v1/subscriptions/"
                + subscription.path("id").asText());
        assertThat(post(
                                stack.incidentServiceUrl() + "/api/v1/components",
                                stack.adminToken(),
                                "{\"id\":\"checkout\",\"name\":\"Checkout\"}")
                        .statusCode())
                .isEqualTo(201);

        JsonNode declared = declare("{\"title\":\"Card payments failing\",\"impact\":\"major\","
                + "\"status\":\"investigating\",\"message\":\"Card payments fail for some customers.\","
                + "\"components\":{\"checkout\":\"partial_outage\"}}");

        Map<String, String> webhook = received.poll(60, TimeUnit.SECONDS);
        assertThat(webhook).as("a webhook within 60 s").isNotNull();
        JsonNode body = JSON.readTree(webhook.get("body"));
        assertThat(body.at("/incident/id").asText())
                .isEqualTo(declared.path("id").asText());
        assertThat(body.at("/incident/name").asText()).isEqualTo("Card payments failing");
        assertThat(body.at("/incident/incident_updates/0/body").asText())
                .isEqualTo("Card payments fail for some customers.");
        assertThat(webhook.get("signature"))
                .isEqualTo(signature(
                        subscription.path("secret").asText(),
                        webhook.get("id"),
                        webhook.get("timestamp"),
                        webhook.get("body")));
        // As Atlassian splits them: the component's change comes as a component_update webhook of its own.
        Map<String, String> componentWebhook = received.poll(60, TimeUnit.SECONDS);
        assertThat(componentWebhook)
                .as("a component_update webhook within 60 s")
                .isNotNull();
        JsonNode componentBody = JSON.readTree(componentWebhook.get("body"));
        assertThat(componentBody.has("incident")).isFalse();
        assertThat(componentBody.at("/component_update/component_id").asText()).isEqualTo("checkout");
        assertThat(componentBody.at("/component_update/new_status").asText()).isEqualTo("partial_outage");
        assertThat(componentWebhook.get("id")).isNotEqualTo(webhook.get("id"));
        assertThat(componentWebhook.get("signature"))
                .isEqualTo(signature(
                        subscription.path("secret").asText(),
                        componentWebhook.get("id"),
                        componentWebhook.get("timestamp"),
                        componentWebhook.get("body")));
    }

    /** A component answered 201 can be named at once: the declaration is created on its first try. */
    private static JsonNode declare(String body) throws Exception {
        HttpResponse<String> response =
                post(stack.incidentServiceUrl() + "/api/v1/incidents", stack.adminToken(), body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    /** notification-service reads its subscriptions back from Kafka; the fan-out reads them alongside. */
    private static void awaitKnown(String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", "Bearer " + stack.adminToken())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("subscription not readable at " + url);
    }

    private static String signature(String secret, String id, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1,"
                + Base64.getEncoder()
                        .encodeToString(
                                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> post(String url, String token, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
