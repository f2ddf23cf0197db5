package org.incidentplatform.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentUpdatePosted;
import org.incidentplatform.local.junit.EventLog;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stopped and started again while clients keep POSTing updates: what incident-service
 * acknowledged is in the log exactly once, what it could not do it says promptly (503, never a hang),
 * and the projection and a webhook subscriber catch up with every event, none twice.
 */
@Tag("faults")
@Tag("ci")
class BrokerRestartFaultTests {

    private static final int CLIENTS = 4;
    private static final int INCIDENTS = 2;
    private static final int ACKS_BEFORE = 30;
    private static final int ACKS_AFTER = 30;
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    /** incident-service's default incident-service.commands.decision-timeout. */
    private static final Duration DECISION_TIMEOUT = Duration.ofSeconds(10);
    /** A loaded two-core machine adds scheduling delay to the timeout; anything longer is a hang. */
    private static final Duration MARGIN = Duration.ofSeconds(5);
    /** A refusal without sending comes in milliseconds; this bound only separates it from a timed-out wait. */
    private static final Duration PROMPT = Duration.ofSeconds(2);
    /** How long a client waits after a 503 before its next request (less than Retry-After, for more samples). */
    private static final Duration AFTER_503 = Duration.ofSeconds(1);
    /** The client's own limit: far above any answer the service should give, so a hang shows as one. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void brokerStoppedAndRestartedUnderLoad_everyAcknowledgedUpdateOnce_outageAnswered503Promptly_readersCatchUp()
            throws Exception {
        try (FaultStack stack = FaultStack.start(dataDir);
                WebhookReceiver receiver = new WebhookReceiver(8)) {
            stack.start(FaultStack.INCIDENT, FaultStack.PROJECTION, FaultStack.NOTIFICATION);
            String admin = stack.tokens().admin();
            String incidents = stack.url(FaultStack.INCIDENT) + "/api/v1/incidents";
            String subscription =
                    StackHttp.subscribeWebhook(admin, stack.url(FaultStack.NOTIFICATION), receiver.url("/hooks/ops"));
            StackHttp.created(StackHttp.post(
                    admin,
                    stack.url(FaultStack.INCIDENT) + "/api/v1/components",
                    "{\"id\":\"web-app\",\"name\":\"Web Application\"}"));
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < INCIDENTS; i++) {
                ids.add(StackHttp.declare(
                                admin,
                                incidents,
                                "{\"title\":\"Checkout errors " + i + "\","
                                        + "\"impact\":\"major\",\"status\":\"investigating\",\"message\":\"Investigating.\","
                                        + "\"components\":{\"web-app\":\"partial_outage\"}}")
                        .path("id")
                        .asText());
            }

            Load load = new Load(admin, incidents, ids);
            load.start();
            load.awaitAcks(ACKS_BEFORE, Duration.ofSeconds(90));
            long stopping = System.nanoTime();
            stack.platform().stopBroker();
            long stopped = System.nanoTime();
            load.outageBegan(stopping);
            sleepUntil(stopped + OUTAGE.toNanos());
            stack.platform().startBroker();
            long restarted = System.nanoTime();
            load.outageEnded(restarted);
            int acksAtRestart = load.acknowledged.size();
            load.awaitAcks(acksAtRestart + ACKS_AFTER, Duration.ofSeconds(120));
            load.stop();

            // What each request got.
            assertThat(load.refused)
                    .as("answers other than 201 and 503: the test's fault, not the outage's")
                    .isEmpty();
            assertThat(load.hung)
                    .as("requests with no answer within " + CLIENT_TIMEOUT.toSeconds() + " s")
                    .isEmpty();
            assertThat(load.unavailable)
                    .as("requests during the outage got 503")
                    .isNotEmpty();
            assertThat(load.slowest503Nanos.get())
                    .as("slowest 503, ns: the decision timeout plus a margin, not a hang")
                    .isLessThanOrEqualTo(DECISION_TIMEOUT.plus(MARGIN).toNanos());
            assertThat(load.promptCount(PROMPT))
                    .as("503s refused at once while another request probes the broker")
                    .isPositive();
            assertThat(load.unavailableWithRetryAfter)
                    .as("every 503 says when to retry")
                    .isEqualTo(load.unavailable.size());

            // A client retries each 503 with its Idempotency-Key; the log then has every update exactly once.
            for (Map.Entry<String, String> message : load.unavailable.entrySet()) {
                HttpResponse<String> retry = StackHttp.retryWhileUnavailable(
                        admin,
                        incidents + "/" + message.getValue() + "/updates",
                        body(message.getKey()),
                        message.getKey());
                assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
            }
            Set<String> wanted = new HashSet<>(load.acknowledged.keySet());
            wanted.addAll(load.unavailable.keySet());
            Map<String, List<IncidentEvent>> logged = new ConcurrentHashMap<>();
            Map<String, Long> counts = new ConcurrentHashMap<>();
            for (String id : ids) {
                List<IncidentEvent> events = EventLog.of(stack.platform(), id);
                logged.put(id, events);
                assertThat(events.stream().map(IncidentEvent::getSequence).toList())
                        .as("sequences of " + id)
                        .isEqualTo(
                                LongStream.rangeClosed(1, events.size()).boxed().toList());
                updateMessages(events).forEach(m -> counts.merge(m, 1L, Long::sum));
            }
            assertThat(counts.keySet()).containsAll(load.acknowledged.keySet()).containsAll(wanted);
            assertThat(counts)
                    .as("updates in the log more than once")
                    .allSatisfy((m, n) -> assertThat(n).isOne());
            assertThat(counts.keySet())
                    .as("nothing in the log that no client sent")
                    .isEqualTo(wanted);

            // The projection shows every event of each incident once, in log order.
            long catchUpStart = System.nanoTime();
            for (String id : ids) {
                List<String> expected = logged.get(id).stream()
                        .map(e -> e.getEventId().toString())
                        .toList();
                JsonNode incident =
                        StackHttp.awaitProjectedVersion(stack.url(FaultStack.PROJECTION), id, expected.size());
                List<String> timeline = new ArrayList<>();
                incident.path("timeline")
                        .forEach(entry -> timeline.add(entry.path("id").asText()));
                assertThat(timeline).as("timeline of " + id).isEqualTo(expected);
            }
            long projectionCaughtUp = System.nanoTime() - catchUpStart;

            // The subscriber hears of every event once per webhook-id, and of nothing else.
            Set<String> expectedIds = logged.values().stream()
                    .flatMap(List::stream)
                    .map(e -> WebhookReceiver.expectedWebhookId(e.getEventId().toString(), subscription))
                    .collect(Collectors.toSet());
            long deliveriesStart = System.nanoTime();
            long deadline = deliveriesStart + Duration.ofSeconds(120).toNanos();
            while (!receiver.countsById().keySet().containsAll(expectedIds) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            long deliveriesCaughtUp = System.nanoTime() - deliveriesStart;
            Thread.sleep(2_000); // late resends, if any, are counted too
            Map<String, Long> received = receiver.countsById();
            assertThat(received.keySet()).as("webhook-ids received").isEqualTo(expectedIds);
            long resends = received.values().stream().mapToLong(n -> n - 1).sum();

            FaultReport.of(
                            "broker-restart",
                            "The Kafka broker was stopped (clean shutdown) for "
                                    + OUTAGE.toSeconds() + " s and started again on the same ports and data, while "
                                    + CLIENTS
                                    + " clients kept POSTing incident updates (each with an Idempotency-Key) to "
                                    + "incident-service; projection-service and notification-service (one webhook subscriber) "
                                    + "kept running.")
                    .figure("requests sent", load.sent.get())
                    .figure(
                            "201 before the stop / while stopped / after the restart",
                            load.acksBefore.get() + " / " + load.acksDuring.get() + " / " + load.acksAfter.get())
                    .figure("503 answers", load.unavailable.size())
                    .figure("slowest 503", millis(load.slowest503Nanos.get()))
                    .figure("median 503", millis(load.median503Nanos()))
                    .figure(
                            "503s within " + PROMPT.toSeconds() + " s (refused without sending)",
                            load.promptCount(PROMPT) + " of " + load.unavailable.size())
                    .figure("broker stop took", millis(stopped - stopping))
                    .figure(
                            "from broker start to the next 201",
                            millis(load.firstAckAfterRestartNanos.get() - restarted))
                    .figure("503s retried with their Idempotency-Key until 201", load.unavailable.size())
                    .figure("update events checked in the log", counts.size())
                    .figure("projection caught up (after the retries)", millis(projectionCaughtUp))
                    .figure("webhook deliveries (distinct webhook-ids)", received.size())
                    .figure("raw webhook resends (same webhook-id)", resends)
                    .figure("all webhooks in (after the projection)", millis(deliveriesCaughtUp))
                    .held("every 201 is in incident-events exactly once; each stream's sequences run 1..n with no gap")
                    .held("no request hung: each got 201 or 503 (client limit " + CLIENT_TIMEOUT.toSeconds() + " s)")
                    .held("every 503 came within the decision timeout (" + DECISION_TIMEOUT.toSeconds() + " s) plus "
                            + MARGIN.toSeconds() + " s, with Retry-After")
                    .held("once a command had gone unanswered, further requests were refused at once (503 within "
                            + PROMPT.toSeconds() + " s, nothing sent) while one probe at a time tried the broker")
                    .held("retrying each 503 with its Idempotency-Key recorded it exactly once; nothing else appended")
                    .held("projection-service's timeline of each incident lists every event of the log once, in order")
                    .held("the webhook subscriber received every event's delivery id (webhook-id), and no other")
                    .write();
        }
    }

    private static String body(String message) {
        return "{\"message\":\"" + message + "\"}";
    }

    private static List<String> updateMessages(List<IncidentEvent> events) {
        return events.stream()
                .filter(e -> e.getPayload() instanceof IncidentUpdatePosted)
                .map(e -> ((IncidentUpdatePosted) e.getPayload()).getMessage())
                .toList();
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static String millis(long nanos) {
        return String.format("%,d ms", TimeUnit.NANOSECONDS.toMillis(nanos));
    }

    /** Clients posting updates, each with its own Idempotency-Key, noting what each request got and when. */
    private static final class Load {

        private final String token;
        private final String incidents;
        private final List<String> ids;
        private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        private final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong sent = new AtomicLong();
        /** message → incident id */
        final Map<String, String> acknowledged = new ConcurrentHashMap<>();

        final Map<String, String> unavailable = new ConcurrentHashMap<>();
        final Set<String> hung = ConcurrentHashMap.newKeySet();
        final Set<String> refused = ConcurrentHashMap.newKeySet();
        final ConcurrentLinkedQueue<Long> unavailableNanos = new ConcurrentLinkedQueue<>();
        final AtomicLong slowest503Nanos = new AtomicLong();
        volatile int unavailableWithRetryAfter;
        final AtomicLong acksBefore = new AtomicLong();
        final AtomicLong acksDuring = new AtomicLong();
        final AtomicLong acksAfter = new AtomicLong();
        final AtomicLong firstAckAfterRestartNanos = new AtomicLong();
        private volatile long outageBegan = Long.MAX_VALUE;
        private volatile long outageEnded = Long.MAX_VALUE;
        private final AtomicLong retryAfter = new AtomicLong();

        Load(String token, String incidents, List<String> ids) {
            this.token = token;
            this.incidents = incidents;
            this.ids = ids;
        }

        void start() {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                String incident = ids.get(client % ids.size());
                clients.submit(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        String message = "update-" + client + "-" + n;
                        sent.incrementAndGet();
                        long begin = System.nanoTime();
                        try {
                            HttpResponse<String> response = StackHttp.post(
                                    token,
                                    incidents + "/" + incident + "/updates",
                                    body(message),
                                    message,
                                    CLIENT_TIMEOUT);
                            long end = System.nanoTime();
                            if (response.statusCode() == 201) {
                                acknowledged.put(message, incident);
                                if (begin < outageBegan) {
                                    acksBefore.incrementAndGet();
                                } else if (end < outageEnded) {
                                    acksDuring.incrementAndGet();
                                } else {
                                    acksAfter.incrementAndGet();
                                    firstAckAfterRestartNanos.compareAndSet(0, end);
                                }
                            } else if (response.statusCode() == 503) {
                                unavailable.put(message, incident);
                                unavailableNanos.add(end - begin);
                                slowest503Nanos.accumulateAndGet(end - begin, Math::max);
                                if (response.headers().firstValue("Retry-After").isPresent()) {
                                    retryAfter.incrementAndGet();
                                }
                                Thread.sleep(AFTER_503.toMillis());
                            } else {
                                refused.add(message + ": " + response.statusCode() + " " + response.body());
                            }
                        } catch (java.net.http.HttpTimeoutException e) {
                            hung.add(message);
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            refused.add(message + ": " + e);
                        }
                    }
                });
            }
        }

        void outageBegan(long nanos) {
            outageBegan = nanos;
        }

        void outageEnded(long nanos) {
            outageEnded = nanos;
        }

        void awaitAcks(int count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (acknowledged.size() < count) {
                assertThat(System.nanoTime())
                        .as(acknowledged.size() + " of " + count + " acknowledged; " + unavailable.size()
                                + " 503s, refused " + refused)
                        .isLessThan(deadline);
                Thread.sleep(50);
            }
        }

        void stop() throws InterruptedException {
            stop.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(CLIENT_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS))
                    .isTrue();
            unavailableWithRetryAfter = (int) retryAfter.get();
        }

        long promptCount(Duration bound) {
            return unavailableNanos.stream().filter(n -> n <= bound.toNanos()).count();
        }

        long median503Nanos() {
            List<Long> sorted = new ArrayList<>(unavailableNanos);
            Collections.sort(sorted);
            return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
        }
    }
}
