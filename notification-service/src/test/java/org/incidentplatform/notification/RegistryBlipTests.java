package org.incidentplatform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.incidentplatform.events.ComponentStatus.partial_outage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.incidentplatform.events.Impact;
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The schema registry stops answering schema look-ups (503) just as an incident is declared, on an
 * instance that has not read that schema yet: nothing is skipped or dead-lettered for it, health
 * says the fan-out waits, and once the registry answers the subscriber is told.
 */
@ExtendWith(LocalPlatformExtension.class)
class RegistryBlipTests {

    private final GivenEvents given = GivenEvents.happeningNow();

    @Test
    void aRegistryThatIsBrieflyAway_delaysTheNotice_butLosesNothing() throws Exception {
        IncidentLog.createTopics();
        try (RegistryProxy registry = new RegistryProxy(LocalPlatformExtension.schemaRegistryUrl());
             WebhookSink sink = new WebhookSink(); IncidentLog incidents = new IncidentLog();
             NotificationInstance service = NotificationInstance.start(NotificationInstance.newStateDir(),
                     Map.of("platform.schema-registry-url", registry.url()))) {
            String component = "component-" + UUID.randomUUID();
            String hook = sink.hook();
            service.subscribeWebhook(hook, component);

            registry.away.set(true);
            String incident = "inc-" + UUID.randomUUID();
            incidents.append(given.declared(incident, "Checkout errors", Impact.major,
                    Map.of(component, partial_outage)).event());

            await().atMost(Duration.ofSeconds(30)).until(() -> registry.refused.get() >= 3);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    service.get("/actuator/health", true).body().at("/components/fanOutStreams/details")
                            .has("waitingForSchemaRegistrySince")).isTrue());
            assertThat(sink.receivedAt(hook)).isEmpty();

            registry.away.set(false);
            await().atMost(Duration.ofSeconds(60)).until(() -> sink.incidentsAt(hook).size() == 1);
            assertThat(NotificationInstance.JSON.readTree(sink.incidentsAt(hook).get(0).body()).at("/incident/id")
                    .asText()).isEqualTo(incident);
            MeterRegistry metrics = service.context().getBean(MeterRegistry.class);
            assertThat(metrics.find("notification.unreadable.events").counters()).as("nothing skipped").isEmpty();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    service.get("/actuator/health", true).body().at("/components/fanOutStreams/details")
                            .has("waitingForSchemaRegistrySince")).isFalse());
        }
    }

    /** Passes every request to the registry, except schema look-ups by id while {@link #away}: those get 503. */
    private static final class RegistryProxy implements AutoCloseable {

        final AtomicBoolean away = new AtomicBoolean();
        final AtomicInteger refused = new AtomicInteger();
        private final HttpServer server;
        private final String target;
        private final HttpClient http = HttpClient.newHttpClient();

        RegistryProxy(String target) throws IOException {
            this.target = target.replaceAll("/$", "");
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                String path = exchange.getRequestURI().toString();
                if (away.get() && path.startsWith("/schemas/ids/")) {
                    refused.incrementAndGet();
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + path))
                        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                String type = exchange.getRequestHeaders().getFirst("Content-Type");
                if (type != null) {
                    request.header("Content-Type", type);
                }
                HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                answer.headers().firstValue("Content-Type")
                        .ifPresent(value -> exchange.getResponseHeaders().set("Content-Type", value));
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
