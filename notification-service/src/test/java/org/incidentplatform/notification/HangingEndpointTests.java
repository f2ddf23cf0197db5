package org.incidentplatform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.incidentplatform.events.ComponentStatus.partial_outage;
import static org.incidentplatform.events.IncidentStatus.identified;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.local.junit.EventLog;
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * One dispatcher consumer, so every delivery shares its polls with the deliveries to an endpoint
 * that accepts the connection and never answers: the others must not wait for its timeout, each hanging
 * delivery is attempted once, and the announcements are not committed past one whose attempt is still in
 * flight (a crash then would re-read it).
 */
@ExtendWith(LocalPlatformExtension.class)
class HangingEndpointTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(6);
    private static final int HEALTHY = 5;

    /** The consumer group that reads the announcements: the dispatcher's listener id. */
    private static final String ANNOUNCEMENTS_GROUP = "announce";

    private static final Map<String, Object> SETTINGS = Map.of(
            "notification-service.webhook.timeout", TIMEOUT.toSeconds() + "s",
            "notification-service.retry.max-attempts", 1,
            "notification-service.dispatch-consumers", 1);

    private final GivenEvents given = GivenEvents.happeningNow();

    @Test
    void aHangingEndpoint_holdsUpNoOtherSubscriber_andIsAttemptedOncePerDelivery() throws Exception {
        IncidentLog.createTopics();
        String component = "component-" + UUID.randomUUID();
        CountDownLatch closing = new CountDownLatch(1);
        AtomicInteger hangingRequests = new AtomicInteger();
        ExecutorService threads = Executors.newCachedThreadPool();
        HttpServer hanging = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        hanging.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                hangingRequests.incrementAndGet();
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        hanging.setExecutor(threads);
        hanging.start();
        try (WebhookSink sink = new WebhookSink();
                IncidentLog incidents = new IncidentLog();
                NotificationInstance service =
                        NotificationInstance.start(NotificationInstance.newStateDir(), SETTINGS)) {
            String hangingId = service.subscribeWebhook(
                            "http://127.0.0.1:" + hanging.getAddress().getPort() + "/hook", component)
                    .get("id")
                    .asText();
            List<String> hooks = new ArrayList<>();
            for (int i = 0; i < HEALTHY; i++) {
                hooks.add(sink.hook());
                service.subscribeWebhook(hooks.get(i), component);
            }
            String incident = "inc-" + UUID.randomUUID();
            List<IncidentEvent> events = new ArrayList<>();
            events.add(incidents.append(
                    given.declared(incident, "Search down", Impact.critical, Map.of(component, partial_outage))
                            .event()));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> hooks.stream()
                                    .allMatch(hook -> sink.incidentsAt(hook).size() == 1)
                            && hangingRequests.get() == 1);
            // Both while the declaration's attempt to the hanging endpoint is still waiting for an answer.
            for (long sequence = 2; sequence <= 3; sequence++) {
                Thread.sleep(300);
                events.add(incidents.append(given.incident(incident)
                        .updated("Update " + sequence, identified, Map.of())
                        .event()));
            }

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> hooks.stream()
                            .allMatch(hook -> sink.incidentsAt(hook).size() == 3));
            long slowest = 0;
            List<String> latencies = new ArrayList<>();
            for (String hook : hooks) {
                for (WebhookSink.Received received : sink.receivedAt(hook)) {
                    long sequence = NotificationInstance.JSON
                            .readTree(received.body())
                            .get("meta")
                            .get("sequence")
                            .asLong();
                    IncidentEvent event = events.get((int) sequence - 1);
                    long latency = Duration.between(event.getRecordedAt(), received.at())
                            .toMillis();
                    latencies.add(sequence + ": " + event.getRecordedAt() + " -> " + received.at() + " = " + latency);
                    if (sequence > 1) {
                        // The declaration went out beside the hanging attempt, on a cold instance: not the question.
                        slowest = Math.max(slowest, latency);
                    }
                }
            }
            // Had a poll waited for the hanging attempt, sequences 2 and 3 would have taken about the whole timeout.
            assertThat(slowest)
                    .as("append to delivery, slowest healthy of sequences 2 and 3 (ms): %s", latencies)
                    .isLessThan(TIMEOUT.toMillis() / 2);
            // Every healthy subscriber has all three, the hanging endpoint's first attempt is still in flight: the
            // watermark stays at the declaration's announcement.
            List<Long> announcements = announcementOffsets(incident);
            assertThat(announcements).hasSize(3);
            assertThat(committedAnnouncements(incident))
                    .as(
                            "committed offset of the incident's announcements, while the first is in flight (%s)",
                            announcements)
                    .isLessThanOrEqualTo(announcements.get(0));

            // Each hanging delivery times out once and is parked (one attempt allowed), and is not tried again.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode parked = service.get("/api/v1/deliveries?status=parked&subscriptionId=" + hangingId, true)
                        .body();
                assertThat(parked).hasSize(3);
            });
            Thread.sleep(TIMEOUT.plusSeconds(2).toMillis());
            assertThat(hangingRequests.get())
                    .as("requests to the hanging endpoint")
                    .isEqualTo(3);
            assertThat(committedAnnouncements(incident))
                    .as("all three finished: committed past the last")
                    .isEqualTo(announcements.get(2) + 1);
            JsonNode parked = service.get("/api/v1/deliveries?subscriptionId=" + hangingId, true)
                    .body();
            assertThat(parked).hasSize(3).allSatisfy(delivery -> {
                assertThat(delivery.get("status").asText()).isEqualTo("parked");
                assertThat(delivery.get("attempts")).hasSize(1);
                assertThat(delivery.get("attempts").get(0).get("detail").asText())
                        .isEqualTo("no response within " + TIMEOUT.toSeconds() + " s");
            });
            for (String hook : hooks) {
                assertThat(sink.incidentsAt(hook))
                        .as("incident webhooks to %s", hook)
                        .hasSize(3);
                // and the declaration's component_update webhook
                assertThat(sink.receivedAt(hook)).as("requests to %s", hook).hasSize(4);
            }
        } finally {
            closing.countDown();
            hanging.stop(0);
            threads.shutdownNow();
        }
    }

    /** The offsets of the incident's announcements, in order, on the partition its key puts them. */
    private static List<Long> announcementOffsets(String incident) {
        return EventLog.records(
                        LocalPlatformExtension.platform(),
                        NotificationTopics.NOTICES.name(),
                        new ByteArrayDeserializer())
                .stream()
                .filter(record -> incident.equals(record.key()))
                .map(ConsumerRecord::offset)
                .toList();
    }

    /** The dispatcher's committed offset on the partition of the incident's announcements; 0 if none. */
    private static long committedAnnouncements(String incident) throws Exception {
        TopicPartition partition =
                new TopicPartition(NotificationTopics.NOTICES.name(), NotificationTopics.NOTICES.partitionOf(incident));
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalPlatformExtension.bootstrapServers()))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(ANNOUNCEMENTS_GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .get(partition);
            return committed == null ? 0 : committed.offset();
        }
    }
}
