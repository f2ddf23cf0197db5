package org.incidentplatform.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.local.LocalPlatform;
import org.incidentplatform.local.junit.EventLog;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.schemas.given.GivenEvents;
import org.incidentplatform.schemas.serde.AvroDeserializer;
import org.incidentplatform.schemas.serde.AvroSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * notification-service killed with SIGKILL while one incident update is being delivered to many webhook
 * subscribers, and started again: every subscriber gets the notice; on HTTP that is at least once, so
 * what is asserted is that a receiver deduplicating by {@code webhook-id} sees each notice exactly once,
 * that the fan-out itself announced each event once, and that the only raw resends are deliveries whose
 * outcome had not reached the delivery log when the process died.
 */
@Tag("faults")
class NotificationKillFaultTests {

    private static final int SUBSCRIBERS = 1_500;
    /** Each subscriber takes this long to answer, as real endpoints do; it keeps the fan-out going long enough to cut. */
    private static final Duration SUBSCRIBER_LATENCY = Duration.ofMillis(40);

    private static final double KILL_AT = 0.3;
    private static final String COMPONENT = "api";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    @Test
    void killedDuringAFanOut_everySubscriberGetsTheUpdate_resendsKeepTheirWebhookId_andOnlyUnrecordedOnesAreResent()
            throws Exception {
        try (FaultStack stack = FaultStack.start(
                        dataDir,
                        Map.of(
                                // The harness subscribes every endpoint from one address.
                                "NOTIFICATION_SERVICE_RATE_LIMIT_BURST",
                                String.valueOf(SUBSCRIBERS * 2),
                                // Events are written straight to the log here: no incident-service, no heartbeats.
                                "PLATFORM_PIPELINE_MAX_HEARTBEAT_AGE",
                                "1h"));
                WebhookReceiver receiver = new WebhookReceiver(64, SUBSCRIBER_LATENCY);
                KafkaProducer<String, IncidentEvent> producer = producer(stack.platform())) {
            stack.createIncidentEventTopics();
            String incident = "inc-fanout-" + UUID.randomUUID();
            GivenEvents given = GivenEvents.happeningNow();
            append(
                    producer,
                    given.catalogue()
                            .componentAdded(COMPONENT, "Public API", null, 0)
                            .event());
            stack.start(FaultStack.NOTIFICATION);
            String admin = stack.tokens().admin();
            Map<String, String> pathBySubscription = subscribe(stack.url(FaultStack.NOTIFICATION), admin, receiver);

            // The declaration reaches everybody first, so the update goes to those told of it.
            IncidentEvent declared = given.declared(
                            incident,
                            "Elevated API error rates",
                            Impact.major,
                            "We are investigating.",
                            Map.of(COMPONENT, ComponentStatus.partial_outage))
                    .event();
            append(producer, declared);
            Set<String> declarationIds = expectedIds(declared, pathBySubscription.keySet());
            awaitAll(receiver, declarationIds, Duration.ofSeconds(120));

            IncidentEvent updated = given.incident(incident)
                    .updated("A fix is being deployed.", IncidentStatus.identified, Map.of())
                    .event();
            Set<String> updateIds = expectedIds(updated, pathBySubscription.keySet());
            long appended = System.nanoTime();
            append(producer, updated);
            long deadline = appended + Duration.ofSeconds(120).toNanos();
            while (arrivedOf(receiver, updateIds).size() < SUBSCRIBERS * KILL_AT) {
                assertThat(System.nanoTime())
                        .as("deliveries of the update under way")
                        .isLessThan(deadline);
                Thread.sleep(5);
            }
            stack.kill(FaultStack.NOTIFICATION);
            long killedAfter = System.nanoTime() - appended;
            Set<String> arrivedBeforeKill = arrivedOf(receiver, updateIds);
            int arrivalsBeforeKill = (int) receiver.arrivals().stream()
                    .filter(a -> updateIds.contains(a.webhookId()))
                    .count();
            List<GenericRecord> attemptsAtKill = readAll(stack.platform(), "notification-delivery-attempts");
            Set<String> recordedDelivered = attemptsAtKill.stream()
                    .filter(a -> "delivered".equals(String.valueOf(a.get("outcome"))))
                    .map(a -> String.valueOf(a.get("deliveryId")))
                    .filter(updateIds::contains)
                    .collect(Collectors.toSet());
            assertThat(arrivedBeforeKill)
                    .as("killed part-way through the fan-out")
                    .hasSizeLessThan(SUBSCRIBERS);

            long restartFrom = System.nanoTime();
            stack.start(FaultStack.NOTIFICATION);
            long restartedIn = System.nanoTime() - restartFrom;
            awaitAll(receiver, updateIds, Duration.ofSeconds(180));
            long allInAfterRestart = System.nanoTime() - restartFrom;
            Thread.sleep(3_000); // resends that come late are counted too

            // Every subscriber got the update, at its own endpoint, under the id of that delivery, and nothing else
            // came.
            List<WebhookReceiver.Arrival> arrivals = receiver.arrivals();
            Set<String> expected = new HashSet<>(declarationIds);
            expected.addAll(updateIds);
            assertThat(receiver.countsById().keySet())
                    .as("webhook-ids received")
                    .isEqualTo(expected);
            Map<String, String> pathById = new HashMap<>();
            pathBySubscription.forEach((subscription, path) -> {
                pathById.put(
                        WebhookReceiver.expectedWebhookId(declared.getEventId().toString(), subscription), path);
                pathById.put(
                        WebhookReceiver.expectedWebhookId(updated.getEventId().toString(), subscription), path);
            });
            assertThat(arrivals).allSatisfy(a -> assertThat(a.path()).isEqualTo(pathById.get(a.webhookId())));

            // The fan-out (exactly-once Kafka Streams) announced each event once, kill or not; the dispatcher expands
            // an
            // announcement to its audience, and a redelivered one to the same delivery ids.
            Map<String, Long> announcements = readAll(stack.platform(), "notification-notices").stream()
                    .collect(Collectors.groupingBy(a -> String.valueOf(a.get("eventId")), Collectors.counting()));
            assertThat(announcements)
                    .isEqualTo(Map.of(
                            declared.getEventId().toString(),
                            1L,
                            updated.getEventId().toString(),
                            1L));

            // Raw resends: only of deliveries sent before the kill whose outcome the delivery log did not have.
            Map<String, Long> updateCounts = new HashMap<>();
            arrivals.stream()
                    .filter(a -> updateIds.contains(a.webhookId()))
                    .forEach(a -> updateCounts.merge(a.webhookId(), 1L, Long::sum));
            Set<String> resent = updateCounts.entrySet().stream()
                    .filter(e -> e.getValue() > 1)
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            long rawResends =
                    updateCounts.values().stream().mapToLong(n -> n - 1).sum();
            Set<String> unrecorded = new HashSet<>(arrivedBeforeKill);
            unrecorded.removeAll(recordedDelivered);
            assertThat(resent)
                    .as("resent though their delivery was recorded, or never sent before the kill")
                    .isSubsetOf(unrecorded);
            assertThat(updateCounts.values())
                    .as("one kill, at most one resend each")
                    .allMatch(n -> n <= 2);
            assertThat(rawResends).isLessThanOrEqualTo(unrecorded.size());
            long declarationResends = arrivals.stream()
                            .filter(a -> declarationIds.contains(a.webhookId()))
                            .count()
                    - declarationIds.size();
            assertThat(declarationResends)
                    .as("the declaration, settled before the kill, is not sent again")
                    .isZero();

            FaultReport.of(
                            "notification-killed-during-fan-out",
                            "notification-service was killed with SIGKILL "
                                    + "while one incident update was being delivered to "
                                    + String.format("%,d", SUBSCRIBERS)
                                    + " webhook subscribers (a local HTTP server answering 204 after "
                                    + SUBSCRIBER_LATENCY.toMillis() + " ms), then started again.")
                    .figure("subscribers", SUBSCRIBERS)
                    .figure(
                            "update deliveries arrived before the kill",
                            arrivedBeforeKill.size() + " ("
                                    + arrivalsBeforeKill + " POSTs), killed "
                                    + TimeUnit.NANOSECONDS.toMillis(killedAfter)
                                    + " ms after the append")
                    .figure("of those, with 'delivered' in the delivery log at the kill", recordedDelivered.size())
                    .figure("in flight at the kill (arrived, outcome not recorded)", unrecorded.size())
                    .figure("raw resends after the restart (same webhook-id)", rawResends)
                    .figure("restart to UP", TimeUnit.NANOSECONDS.toMillis(restartedIn) + " ms")
                    .figure(
                            "restart to the last subscriber's delivery",
                            TimeUnit.NANOSECONDS.toMillis(allInAfterRestart) + " ms")
                    .figure("deliveries checked (declaration + update)", expected.size())
                    .held("every subscriber received the update at its own endpoint, under its delivery's webhook-id")
                    .held("a receiver deduplicating by webhook-id sees each notice exactly once: every resend carries "
                            + "the webhook-id of the first delivery")
                    .held("the fan-out announced each event once (notification-notices, read_committed)")
                    .held("only deliveries that had arrived before the kill and whose outcome was not yet in the "
                            + "delivery log were sent again, each at most once; the settled declaration was not resent")
                    .write();
        }
    }

    private static Set<String> expectedIds(IncidentEvent event, Set<String> subscriptions) {
        return subscriptions.stream()
                .map(s -> WebhookReceiver.expectedWebhookId(event.getEventId().toString(), s))
                .collect(Collectors.toSet());
    }

    private static Set<String> arrivedOf(WebhookReceiver receiver, Set<String> ids) {
        return receiver.arrivals().stream()
                .map(WebhookReceiver.Arrival::webhookId)
                .filter(ids::contains)
                .collect(Collectors.toSet());
    }

    private static void awaitAll(WebhookReceiver receiver, Set<String> ids, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!receiver.countsById().keySet().containsAll(ids)) {
            assertThat(System.nanoTime())
                    .as(arrivedOf(receiver, ids).size() + " of " + ids.size() + " delivered")
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Subscribes one endpoint per subscriber; returns each subscription's id with its path. */
    private static Map<String, String> subscribe(String url, String token, WebhookReceiver receiver) throws Exception {
        Map<String, String> paths = new ConcurrentHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            workers.add(threads.submit(() -> {
                for (int i = next.getAndIncrement(); i < SUBSCRIBERS; i = next.getAndIncrement()) {
                    String path = "/hooks/" + i;
                    HttpResponse<String> response = StackHttp.post(
                            token,
                            url + "/api/v1/subscriptions",
                            "{\"channel\":\"webhook\",\"target\":\"" + receiver.url(path) + "\"}");
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                    paths.put(
                            StackHttp.JSON.readTree(response.body()).path("id").asText(), path);
                }
                return null;
            }));
        }
        try {
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            threads.shutdown();
        }
        // The fan-out reads the subscriptions from their topic on its own; wait until the service lists them all.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            String list = HTTP.send(
                            HttpRequest.newBuilder(URI.create(url + "/api/v1/subscriptions"))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            if (list.split("\"channel\"", -1).length - 1 >= SUBSCRIBERS) {
                break;
            }
            assertThat(System.nanoTime()).as("subscriptions listed").isLessThan(deadline);
            Thread.sleep(200);
        }
        Thread.sleep(2_000);
        return paths;
    }

    private static void append(KafkaProducer<String, IncidentEvent> producer, IncidentEvent event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.INCIDENT_EVENTS.name(), event.getIncidentId(), event))
                .get();
    }

    private static KafkaProducer<String, IncidentEvent> producer(LocalPlatform platform) {
        AvroSerializer<IncidentEvent> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", platform.schemaRegistryUrl()), false);
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        platform.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                serializer);
    }

    /** A topic's committed records from the beginning to its current end, as Avro generic records. */
    private static List<GenericRecord> readAll(LocalPlatform platform, String topic) {
        AvroDeserializer<Object> values = new AvroDeserializer<>();
        values.configure(Map.of("schema.registry.url", platform.schemaRegistryUrl()), false);
        return EventLog.records(platform, topic, values).stream()
                .map(record -> (GenericRecord) record.value())
                .toList();
    }
}
