package org.incidentplatform.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Checks a running deployment end to end, after a deploy: adds a hidden test component, subscribes a
 * temporary webhook receiver to it, declares a test incident on it, sees the incident in the projection
 * (read-your-writes) and at the receiver, resolves and retracts it, and removes what it added. Each step is
 * reported with its latency; the exit code is 1 if any step fails. Nothing stays on the public page or in
 * the analytics: the component is hidden and removed, and a retracted incident is excluded from both.
 *
 * <p>The receiver listens on this machine's loopback, so notification-service must be allowed to deliver
 * there ({@code NOTIFICATION_SERVICE_ALLOW_LIST}; the local stack allows 127.0.0.1).
 */
public final class SmokeCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    private final URI incidents;
    private final URI projection;
    private final URI notifications;
    private final String token;
    private final PrintStream out;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SmokeCheck(URI incidents, URI projection, URI notifications, String token, PrintStream out) {
        this.incidents = incidents;
        this.projection = projection;
        this.notifications = notifications;
        this.token = token;
        this.out = out;
    }

    /**
     * Arguments: {@code --incident-service URL --projection-service URL --notification-service URL}; the
     * admin token from {@code PLATFORM_ADMIN_TOKEN}, else from the local stack's token file.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        String incidentUrl = "http://127.0.0.1:8080";
        String projectionUrl = "http://127.0.0.1:8082";
        String notificationUrl = "http://127.0.0.1:8083";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--incident-service" -> incidentUrl = args[i + 1];
                case "--projection-service" -> projectionUrl = args[i + 1];
                case "--notification-service" -> notificationUrl = args[i + 1];
                default ->
                    throw new IllegalArgumentException("unknown option " + args[i]
                            + "; use --incident-service, --projection-service, --notification-service");
            }
        }
        String token = env.get("PLATFORM_ADMIN_TOKEN");
        if (token == null || token.isBlank()) {
            token = AccessTokenFile.loadOrCreate(Path.of(env.getOrDefault("DATA_DIR", "data")))
                    .admin();
        }
        boolean passed = new SmokeCheck(
                        URI.create(incidentUrl),
                        URI.create(projectionUrl),
                        URI.create(notificationUrl),
                        token,
                        System.out)
                .run();
        System.exit(passed ? 0 : 1);
    }

    /** Runs every step in order, stopping at the first failure but always cleaning up; true if all passed. */
    boolean run() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String component = "smoke-check-" + run;
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                received.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String subscription = null;
        String incident = null;
        boolean retracted = false;
        boolean componentAdded = false;
        boolean passed = false;
        try {
            step(
                    "add hidden component " + component,
                    () -> expect(
                            201,
                            send(
                                    "POST",
                                    incidents,
                                    "/api/v1/components",
                                    "{\"id\":\"" + component + "\",\"name\":\"Smoke check " + run
                                            + "\",\"hidden\":true}",
                                    null)));
            componentAdded = true;
            String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            JsonNode subscribed = step(
                    "subscribe a webhook receiver",
                    () -> expect(
                            201,
                            send(
                                    "POST",
                                    notifications,
                                    "/api/v1/subscriptions",
                                    "{\"channel\":\"webhook\",\"target\":\"" + hook + "\",\"components\":[\""
                                            + component + "\"]}",
                                    null)));
            subscription = subscribed.path("id").asText();
            JsonNode declared = step("declare a test incident", () -> declare(component, run));
            incident = declared.path("id").asText();
            String id = incident;
            step(
                    "projection shows it",
                    () -> awaitVersion(id, declared.path("version").asLong()));
            step("webhook delivered", () -> awaitDelivery(received, id));
            step(
                    "resolve it",
                    () -> expect(
                            201,
                            send(
                                    "POST",
                                    incidents,
                                    "/api/v1/incidents/" + id + "/resolve",
                                    "{\"message\":\"Smoke check resolved.\"}",
                                    null)));
            JsonNode retraction = step("retract it", () -> retract(id));
            retracted = true;
            step(
                    "gone from the public page",
                    () -> awaitGone(id, retraction.path("version").asLong()));
            passed = true;
        } catch (StepFailed failed) {
            passed = false;
        } finally {
            if (incident != null && !retracted) {
                // A failed run must not leave its test incident on the public page.
                String id = incident;
                passed &= attempt("retract the test incident", () -> retract(id));
            }
            passed &= cleanUp(subscription, componentAdded ? component : null);
            receiver.stop(0);
        }
        out.println(passed ? "SMOKE CHECK PASSED" : "SMOKE CHECK FAILED");
        return passed;
    }

    private boolean cleanUp(String subscription, String component) {
        boolean clean = true;
        if (subscription != null) {
            clean &= attempt(
                    "remove the webhook subscription",
                    () -> expect(
                            204, send("DELETE", notifications, "/api/v1/subscriptions/" + subscription, null, null)));
        }
        if (component != null) {
            clean &= attempt(
                    "remove the hidden component",
                    () -> expect(200, send("DELETE", incidents, "/api/v1/components/" + component, null, null)));
        }
        return clean;
    }

    /** A clean-up step: reported like the others, and the next one runs even if it fails. */
    private boolean attempt(String name, Step<?> step) {
        try {
            step(name, step);
            return true;
        } catch (StepFailed failed) {
            return false;
        }
    }

    private JsonNode retract(String incident) throws Exception {
        return expect(
                201,
                send(
                        "POST",
                        incidents,
                        "/api/v1/incidents/" + incident + "/retract",
                        "{\"reason\":\"Smoke check after a deploy.\"}",
                        null));
    }

    /** A component answered 201 can be named at once: a 422 here is a failed check, not a delay. */
    private JsonNode declare(String component, String run) throws Exception {
        String body = "{\"title\":\"Smoke check " + run + "\",\"impact\":\"none\",\"status\":\"investigating\","
                + "\"message\":\"Automated check after a deploy; retracted at once.\",\"components\":{\""
                + component + "\":\"degraded_performance\"}}";
        return expect(201, send("POST", incidents, "/api/v1/incidents", body, null));
    }

    private JsonNode awaitVersion(String incident, long version) throws Exception {
        HttpResponse<String> response =
                send("GET", projection, "/api/v1/incidents/" + incident, null, incident + "=" + version);
        if (!"reached".equals(response.headers().firstValue("X-Awaited-Version").orElse(""))) {
            throw new StepFailed(
                    "projection did not reach version " + version + " (HTTP " + response.statusCode() + ")");
        }
        return expect(200, response);
    }

    private JsonNode awaitDelivery(List<String> received, String incident) throws Exception {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String body : received) {
                JsonNode delivered = JSON.readTree(body);
                if (incident.equals(delivered.path("incident").path("id").asText())) {
                    return delivered;
                }
            }
            Thread.sleep(100);
        }
        throw new StepFailed("no webhook for " + incident + " within " + STEP_TIMEOUT.toSeconds() + " s");
    }

    private JsonNode awaitGone(String incident, long version) throws Exception {
        HttpResponse<String> response =
                send("GET", projection, "/api/v2/incidents.json", null, incident + "=" + version);
        JsonNode page = expect(200, response);
        for (JsonNode listed : page.path("incidents")) {
            if (incident.equals(listed.path("id").asText())) {
                throw new StepFailed("the retracted incident is still listed publicly");
            }
        }
        return page;
    }

    private HttpResponse<String> send(String method, URI base, String path, String body, String awaitVersion)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(STEP_TIMEOUT)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (base != projection) {
            // The status page's API is public, and reads it as any visitor would: without a token.
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (awaitVersion != null) {
            request.header("X-Await-Version", awaitVersion);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode expect(int status, HttpResponse<String> response) throws IOException {
        if (response.statusCode() != status) {
            throw new StepFailed("HTTP " + response.statusCode() + " from "
                    + response.request().method() + " " + response.uri().getPath() + ", expected " + status + ": "
                    + abbreviate(response.body()));
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private <T> T step(String name, Step<T> step) {
        long start = System.nanoTime();
        try {
            T result = step.run();
            record(name, true, start, "");
            return result;
        } catch (StepFailed failed) {
            record(name, false, start, failed.getMessage());
            throw failed;
        } catch (Exception failed) {
            record(name, false, start, failed.toString());
            throw new StepFailed(failed.toString());
        }
    }

    private void record(String name, boolean ok, long start, String detail) {
        String line = String.format(
                Locale.ROOT,
                "%-4s %7.0f ms  %s%s",
                ok ? "ok" : "FAIL",
                (System.nanoTime() - start) / 1e6,
                name,
                detail.isEmpty() ? "" : ": " + detail);
        out.println(line);
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws Exception;
    }

    private static final class StepFailed extends RuntimeException {
        StepFailed(String message) {
            super(message);
        }
    }
}
