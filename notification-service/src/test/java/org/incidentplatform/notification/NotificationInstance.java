package org.incidentplatform.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One running notification-service, started and stopped by the test itself (so a test can restart
 * it), talked to over real HTTP.
 */
public final class NotificationInstance implements AutoCloseable {

    public static final String ADMIN_TOKEN = "test-notification-admin-token-0123456789";
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    private NotificationInstance(ConfigurableApplicationContext context) {
        this.context = context;
        this.base = "http://127.0.0.1:"
                + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** @param stateDir the Kafka Streams state directory; another instance's, to restart it */
    public static NotificationInstance start(String stateDir, Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>();
        all.put("server.port", 0);
        all.put("STREAMS_STATE_DIR", stateDir);
        all.putAll(properties);
        // As arguments: SpringApplicationBuilder.properties() would only set defaults, below application.yml.
        String[] args = all.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        return new NotificationInstance(new SpringApplicationBuilder(NotificationServiceApplication.class).run(args));
    }

    public static String newStateDir() {
        return "target/streams-" + UUID.randomUUID();
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public String baseUrl() {
        return base;
    }

    public record Answer(int status, JsonNode body, HttpResponse<String> response) {}

    public Answer post(String path, String json, boolean admin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (admin) {
            request.header("Authorization", "Bearer " + ADMIN_TOKEN);
        }
        return send(request);
    }

    /** As a browser submits a form with no fields, such as the confirm button. */
    public Answer submit(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Answer get(String path, boolean admin) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (admin) {
            request.header("Authorization", "Bearer " + ADMIN_TOKEN);
        }
        return send(request);
    }

    public Answer delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .DELETE()
                .header("Authorization", "Bearer " + ADMIN_TOKEN));
    }

    /** Subscribes a webhook to one component; returns id and secret. */
    public JsonNode subscribeWebhook(String url, String component) {
        Answer answer = post(
                "/api/v1/subscriptions",
                "{\"channel\":\"webhook\",\"target\":\"" + url + "\",\"components\":[\"" + component + "\"]}",
                true);
        if (answer.status() != 201) {
            throw new IllegalStateException("subscribe answered " + answer.status() + ": "
                    + answer.response().body());
        }
        return answer.body();
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            JsonNode json = body == null || body.isBlank() || !body.trim().matches("(?s)^[\\[{].*")
                    ? null
                    : JSON.readTree(body);
            return new Answer(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
