package org.incidentplatform.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentplatform.localstack.Eventually.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.local.junit.EventLog;
import org.incidentplatform.schemas.serde.AvroDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty healthy webhook subscribers beside three bad ones: one that accepts the connection and
 * never answers, one that answers 500, one that answers after a few seconds (inside the webhook
 * timeout). The healthy ones must hear of every event promptly, the slow one too, and the two
 * failing ones must be retried with backoff up to the attempt limit and then parked, visibly.
 */
@Tag("faults")
class SubscriberEndpointFaultTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(8);
    private static final int MAX_ATTEMPTS = 4;
    private static final long SLOW_MILLIS = 2_500;
    private static final int HEALTHY = 20;
    private static final int UPDATES = 5;
    /**
     * Append to delivery for a healthy subscriber, on a shared, loaded 2-core machine: half the webhook
     * timeout, so no healthy delivery can have waited for a hanging attempt to time out. Measured when
     * a poll waited for all its deliveries: 4.9 s with a 5 s timeout, p50 3.1 s; with a 1 s hold per poll
     * (before the dispatcher committed a watermark and stopped waiting): max 2.6 s.
     */
    private static final Duration HEALTHY_BOUND = TIMEOUT.dividedBy(2);

    /** Short timeout and retry schedule, so that a failing endpoint is parked within a minute. */
    private static final Map<String, String> SETTINGS = Map.of(
            "NOTIFICATION_SERVICE_WEBHOOK_TIMEOUT", TIMEOUT.toSeconds() + "s",
            "NOTIFICATION_SERVICE_RETRY_INITIAL", "1s",
            "NOTIFICATION_SERVICE_RETRY_MAX", "4s",
            "NOTIFICATION_SERVICE_RETRY_MAX_ATTEMPTS", Integer.toString(MAX_ATTEMPTS),
            "NOTIFICATION_SERVICE_RATE_LIMIT_BURST", "1000");

    @TempDir
    Path dataDir;

    @Test
    void hangingFailingAndSlowEndpoints_doNotDelayTheOthers_andTheFailingOnesAreRetriedThenParked() throws Exception {
        long started = System.nanoTime();
        List<SubscriberEndpoint> receivers = new ArrayList<>();
        try (FaultStack stack = FaultStack.start(dataDir, SETTINGS)) {
            for (int i = 0; i < HEALTHY; i++) {
                receivers.add(SubscriberEndpoint.start("healthy-" + i, SubscriberEndpoint.Behaviour.HEALTHY));
            }
            SubscriberEndpoint hanging = SubscriberEndpoint.start("hanging", SubscriberEndpoint.Behaviour.HANGING);
            SubscriberEndpoint failing =
                    SubscriberEndpoint.start("answers-500", SubscriberEndpoint.Behaviour.ERROR_500);
            SubscriberEndpoint slow = SubscriberEndpoint.slow("slow", SLOW_MILLIS);
            receivers.addAll(List.of(hanging, failing, slow));
            List<SubscriberEndpoint> healthy = receivers.subList(0, HEALTHY);

            stack.start(FaultStack.INCIDENT);
            stack.start(FaultStack.NOTIFICATION);
            String admin = stack.tokens().admin();
            String notification = stack.url(FaultStack.NOTIFICATION);
            String incidents = stack.url(FaultStack.INCIDENT) + "/api/v1/incidents";
            Map<SubscriberEndpoint, String> subscriptions = new LinkedHashMap<>();
            for (SubscriberEndpoint receiver : receivers) {
                subscriptions.put(
                        receiver,
                        StackHttp.created(StackHttp.post(
                                        admin,
                                        notification + "/api/v1/subscriptions",
                                        "{\"channel\":\"webhook\",\"target\":\"" + receiver.url() + "\"}"))
                                .path("id")
                                .asText());
            }
            StackHttp.created(StackHttp.post(
                    admin,
                    stack.url(FaultStack.INCIDENT) + "/api/v1/components",
                    "{\"id\":\"api\",\"name\":\"Public API\"}"));
            // A first incident, until every subscriber hears of it: then the fan-out knows them all.
            String probe = StackHttp.declare(
                            admin,
                            incidents,
                            "{\"title\":\"Probe\",\"impact\":\"minor\","
                                    + "\"status\":\"investigating\",\"message\":\"Probe.\",\"components\":{\"api\":\"degraded_performance\"}}")
                    .path("id")
                    .asText();
            await(
                    "every subscriber asked about the probe",
                    Duration.ofSeconds(60),
                    () -> receivers.stream()
                            .allMatch(receiver -> !requestsFor(receiver, probe).isEmpty()));

            String incident = StackHttp.declare(
                            admin,
                            incidents,
                            "{\"title\":\"API errors\",\"impact\":\"major\","
                                    + "\"status\":\"investigating\",\"message\":\"Some API calls fail.\","
                                    + "\"components\":{\"api\":\"partial_outage\"}}")
                    .path("id")
                    .asText();
            for (int i = 1; i <= UPDATES; i++) {
                Thread.sleep(1_500);
                StackHttp.created(StackHttp.post(
                        admin, incidents + "/" + incident + "/updates", "{\"message\":\"Update " + i + ".\"}"));
            }
            int events = UPDATES + 1;

            // Healthy and slow subscribers: every event, once each.
            await(
                    "every event at every healthy and the slow subscriber",
                    Duration.ofSeconds(60),
                    () -> receivers.stream()
                            .filter(r -> r != hanging && r != failing)
                            .allMatch(r -> sequences(r, incident).size() == events));
            // The failing ones: every delivery parked after its last attempt.
            await(
                    "the 500 and hanging subscribers' deliveries parked",
                    Duration.ofSeconds(120),
                    () -> parked(stack, admin, incident, subscriptions.get(failing))
                                            .size()
                                    == events
                            && parked(stack, admin, incident, subscriptions.get(hanging))
                                            .size()
                                    == events);

            Map<Long, Instant> recordedAt = EventLog.of(stack.platform(), incident).stream()
                    .collect(Collectors.toMap(IncidentEvent::getSequence, IncidentEvent::getRecordedAt));
            assertThat(recordedAt).hasSize(events);
            List<Long> latencies = new ArrayList<>();
            Map<Long, Long> slowestBySequence = new java.util.TreeMap<>();
            for (SubscriberEndpoint receiver : healthy) {
                List<SubscriberEndpoint.Request> told = requestsFor(receiver, incident);
                assertThat(told)
                        .as(receiver.name() + ": one request per event, no repeat")
                        .hasSize(events);
                assertThat(sequences(receiver, incident)).hasSize(events);
                for (SubscriberEndpoint.Request request : told) {
                    long sequence = request.json().at("/meta/sequence").asLong();
                    long latency = Duration.between(recordedAt.get(sequence), request.at())
                            .toMillis();
                    latencies.add(latency);
                    slowestBySequence.merge(sequence, latency, Math::max);
                }
            }
            latencies.sort(null);
            long p50 = latencies.get(latencies.size() / 2);
            long p99 = latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1);
            long max = latencies.get(latencies.size() - 1);
            assertThat(latencies).hasSize(HEALTHY * events);
            assertThat(max)
                    .as("append to delivery, healthy subscribers (ms); p50 " + p50)
                    .isLessThan(HEALTHY_BOUND.toMillis());

            List<SubscriberEndpoint.Request> slowTold = requestsFor(slow, incident);
            assertThat(slowTold)
                    .as("the slow subscriber: one request per event")
                    .hasSize(events);
            JsonNode slowLog = deliveries(stack, admin, incident, subscriptions.get(slow), null);
            assertThat(slowLog).hasSize(events);
            slowLog.forEach(delivery -> {
                assertThat(delivery.path("status").asText()).isEqualTo("delivered");
                assertThat(delivery.path("attempts")).hasSize(1);
                assertThat(delivery.path("attempts")
                                .get(0)
                                .path("latencyMillis")
                                .asLong())
                        .isGreaterThanOrEqualTo(SLOW_MILLIS);
            });
            long slowMax = slowTold.stream()
                    .mapToLong(request -> Duration.between(
                                    recordedAt.get(
                                            request.json().at("/meta/sequence").asLong()),
                                    request.at())
                            .toMillis())
                    .max()
                    .orElseThrow();

            Map<String, Object> failingFigures = assertRetriedThenParked(
                    stack, admin, incident, failing, subscriptions.get(failing), "HTTP 500", 500);
            Map<String, Object> hangingFigures = assertRetriedThenParked(
                    stack,
                    admin,
                    incident,
                    hanging,
                    subscriptions.get(hanging),
                    "no response within " + TIMEOUT.toSeconds() + " s",
                    null);

            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            FaultReport.of(
                            "subscriber-endpoints",
                            HEALTHY + " healthy webhook subscribers, one endpoint that accepts"
                                    + " the connection and never answers, one that answers 500 and one that answers after "
                                    + SLOW_MILLIS
                                    + " ms, all on their own loopback ports; an incident declared and updated "
                                    + UPDATES + " times, 1.5 s apart. notification-service ran with webhook timeout "
                                    + TIMEOUT.toSeconds()
                                    + " s, retries after 1 s doubling to at most 4 s (jitter 0.2), "
                                    + MAX_ATTEMPTS + " attempts.")
                    .figure("healthy deliveries", latencies.size())
                    .figure(
                            "append to delivery, healthy subscribers: p50 / p99 / max (ms)",
                            p50 + " / " + p99 + " / " + max)
                    .figure(
                            "append to delivery, healthy subscribers: slowest per event sequence (ms)",
                            slowestBySequence)
                    .figure("append to delivery, slow subscriber (request reached it): max (ms)", slowMax)
                    .figure("500 subscriber", failingFigures)
                    .figure("hanging subscriber", hangingFigures)
                    .figure("case run time (s)", seconds)
                    .held("every healthy subscriber received each of the " + events + " events exactly once, each"
                            + " within " + HEALTHY_BOUND.toMillis() + " ms of its append")
                    .held("the slow subscriber received each event once, delivered at the first attempt")
                    .held("the 500 and the hanging subscriber each saw exactly " + MAX_ATTEMPTS + " requests per"
                            + " event, spaced by at least the backoff, and every delivery then parked: in"
                            + " notification-deliveries-dlt with its reason and in GET /api/v1/deliveries as parked"
                            + " with " + MAX_ATTEMPTS + " attempts")
                    .write();
        } finally {
            receivers.forEach(SubscriberEndpoint::close);
        }
    }

    /**
     * Exactly {@link #MAX_ATTEMPTS} requests per delivery, spaced by the backoff; parked in the DLT and
     * in the delivery log with its reason.
     */
    private static Map<String, Object> assertRetriedThenParked(
            FaultStack stack,
            String admin,
            String incident,
            SubscriberEndpoint receiver,
            String subscription,
            String failure,
            Integer httpStatus)
            throws Exception {
        Map<String, List<SubscriberEndpoint.Request>> byDelivery = requestsFor(receiver, incident).stream()
                .collect(Collectors.groupingBy(SubscriberEndpoint.Request::webhookId));
        assertThat(byDelivery).as(receiver.name() + ": deliveries").hasSize(UPDATES + 1);
        long shortestGap = Long.MAX_VALUE;
        for (List<SubscriberEndpoint.Request> attempts : byDelivery.values()) {
            assertThat(attempts).as(receiver.name() + ": requests per delivery").hasSize(MAX_ATTEMPTS);
            for (int i = 1; i < attempts.size(); i++) {
                long gap = Duration.between(
                                attempts.get(i - 1).at(), attempts.get(i).at())
                        .toMillis();
                shortestGap = Math.min(shortestGap, gap);
            }
        }
        // The first retry waits at least 1 s less 20 % jitter; a hanging attempt adds the timeout to that
        // (less up to 100 ms for one request reaching the endpoint sooner after its send than the next).
        assertThat(shortestGap)
                .as(receiver.name() + ": shortest gap between attempts (ms)")
                .isGreaterThanOrEqualTo(httpStatus == null ? TIMEOUT.toMillis() + 700 : 800);

        JsonNode parked = parked(stack, admin, incident, subscription);
        assertThat(parked).hasSize(UPDATES + 1);
        for (JsonNode delivery : parked) {
            assertThat(byDelivery).containsKey(delivery.path("deliveryId").asText());
            List<String> outcomes = new ArrayList<>();
            delivery.path("attempts").forEach(attempt -> {
                outcomes.add(attempt.path("outcome").asText());
                assertThat(attempt.path("detail").asText()).isEqualTo(failure);
                if (httpStatus != null) {
                    assertThat(attempt.path("httpStatus").asInt()).isEqualTo(httpStatus);
                }
            });
            assertThat(outcomes).containsExactly("failed", "failed", "failed", "parked");
        }

        List<ConsumerRecord<String, byte[]>> deadLetters =
                EventLog.records(stack.platform(), "notification-deliveries-dlt", new ByteArrayDeserializer()).stream()
                        .filter(record -> subscription.equals(record.key()))
                        .toList();
        Map<String, GenericRecord> parkedDeliveries = new LinkedHashMap<>();
        try (AvroDeserializer<GenericRecord> deliveries = new AvroDeserializer<>()) {
            deliveries.configure(Map.of("schema.registry.url", stack.platform().schemaRegistryUrl()), false);
            for (ConsumerRecord<String, byte[]> record : deadLetters) {
                GenericRecord delivery = deliveries.deserialize(record.topic(), record.value());
                if (!byDelivery.containsKey(delivery.get("deliveryId").toString())) {
                    continue;
                }
                assertThat(header(record, "dlt-reason")).isEqualTo("parked: " + failure);
                assertThat(delivery.get("attempt")).isEqualTo(MAX_ATTEMPTS);
                assertThat(parkedDeliveries.put(delivery.get("deliveryId").toString(), delivery))
                        .as("parked once")
                        .isNull();
            }
        }
        assertThat(parkedDeliveries.keySet()).isEqualTo(byDelivery.keySet());

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(
                "requests seen",
                byDelivery.values().stream().mapToInt(List::size).sum());
        figures.put("per delivery", MAX_ATTEMPTS);
        figures.put("shortest gap between attempts (ms)", shortestGap);
        figures.put("parked (DLT and delivery log)", parkedDeliveries.size());
        figures.put("dlt-reason", "parked: " + failure);
        return figures;
    }

    private static List<SubscriberEndpoint.Request> requestsFor(SubscriberEndpoint receiver, String incident) {
        return receiver.requests().stream()
                .filter(request ->
                        incident.equals(request.json().at("/incident/id").asText()))
                .toList();
    }

    private static Set<Long> sequences(SubscriberEndpoint receiver, String incident) {
        return requestsFor(receiver, incident).stream()
                .map(request -> request.json().at("/meta/sequence").asLong())
                .collect(Collectors.toSet());
    }

    private static JsonNode parked(FaultStack stack, String admin, String incident, String subscription) {
        try {
            return deliveries(stack, admin, incident, subscription, "parked");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode deliveries(
            FaultStack stack, String admin, String incident, String subscription, String status) throws Exception {
        HttpResponse<String> response = StackHttp.get(
                stack.url(FaultStack.NOTIFICATION) + "/api/v1/deliveries?incidentId=" + incident + "&subscriptionId="
                        + subscription + (status == null ? "" : "&status=" + status),
                Map.of("Authorization", "Bearer " + admin));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StackHttp.JSON.readTree(response.body());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
