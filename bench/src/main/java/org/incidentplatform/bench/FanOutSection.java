package org.incidentplatform.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentDeclared;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentResolved;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.events.IncidentUpdatePosted;

/**
 * notification-service's fan-out of one incident update to many webhook subscribers, all served by
 * one local HTTP sink, beside its ceiling: the same sink driven directly by Java's HTTP client with
 * the same concurrency and bodies of the same size. The subscribers follow a component no other
 * section's events touch; this section runs last, so they weigh on nothing else.
 */
final class FanOutSection {

    static final String NAME = "fan-out";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String COMPONENT = IncidentServiceClient.FAN_OUT_COMPONENT_ID;

    private final Run run;
    private final int subscribers;
    private final int concurrency;

    private FanOutSection(Run run) {
        this.run = run;
        this.subscribers = run.settings.subscribers();
        this.concurrency = run.settings.fanOutConcurrency();
    }

    static void run(Run run) throws Exception {
        new FanOutSection(run).measure();
    }

    private void measure() throws Exception {
        List<Figures> service = new ArrayList<>();
        List<Figures> ceiling = new ArrayList<>();
        int bodyBytes;
        Figures warmup;
        run.out.printf("%n== Fan-out to %,d webhook subscribers%n", subscribers);
        // A backlog of the rebuild's events would stand between the update and its deliveries.
        long lag = RebuildSection.awaitNotification(run.stack.bootstrapServers(), Duration.ofMinutes(15), run);
        if (lag > org.incidentplatform.schemas.Topics.INCIDENT_EVENTS.partitions()) {
            run.detail(
                    NAME,
                    String.format(
                            "**notification-service was still %,d events behind on incident-events "
                                    + "after 15 minutes more; the deliveries below waited for it**",
                            lag));
        }
        try (WebhookSink sink = new WebhookSink(Math.max(64, concurrency * 2));
                EventAppender appender = new EventAppender(run.stack)) {
            subscribe(run.stack.notificationUrl(), run.stack.tokens().admin(), sink, 0, subscribers);
            String incident = "inc-bench-" + UUID.randomUUID();
            run.out.printf("Warm-up: declaring an incident to all %,d subscribers ...%n", subscribers);
            warmup = deliver(appender, sink, declared(incident), 1);
            run.out.println("warm-up (declaration): " + warmup.line());
            CpuAccount cpu = CpuAccount.start(run.stack.processes());
            for (int r = 1; r <= run.settings.runs(); r++) {
                Figures figures = deliver(appender, sink, updated(incident, r + 1), r + 1);
                service.add(figures);
                run.out.println("run " + r + " service: " + figures.line());
            }
            String body = sink.sample();
            bodyBytes = body.getBytes(StandardCharsets.UTF_8).length;
            direct(sink, body);
            for (int r = 1; r <= run.settings.runs(); r++) {
                Figures figures = direct(sink, body);
                ceiling.add(figures);
                run.out.println("run " + r + " ceiling: " + figures.line());
            }
            run.accountCpu(NAME, cpu);
            largeAudience(appender, sink, incident, run.settings.runs() + 2);
            // The incident leaves the status page.
            appender.appendNow(resolved(incident, run.settings.runs() + 3));
        }
        String ceilingName = String.format("the sink driven directly, %d threads", concurrency);
        run.detail(NAME, String.format("the ceiling POSTed the same %,d B body, signed per request", bodyBytes));
        String line = String.format(
                "one incident update → %,d signed webhooks (per-host concurrency %d)", subscribers, concurrency);
        run.table.add(
                NAME,
                line + ": deliveries/s",
                SummaryTable.Unit.PER_SECOND,
                service.stream().map(Figures::perSecond).toList(),
                ceilingName,
                ceiling.stream().map(Figures::perSecond).toList());
        run.detail(
                NAME,
                String.format(
                        "time to the last delivery %s s (ceiling %s s); from the event's append "
                                + "(acknowledged) to delivery p50 %s ms, p99 %s ms (ceiling, from its first send: p50 %s ms, "
                                + "p99 %s ms); the warm-up declaration to the same subscribers went at %,.0f/s",
                        figure(service, Figures::lastSeconds, 2),
                        figure(ceiling, Figures::lastSeconds, 2),
                        figure(service, Figures::p50Millis, 0),
                        figure(service, Figures::p99Millis, 0),
                        figure(ceiling, Figures::p50Millis, 0),
                        figure(ceiling, Figures::p99Millis, 0),
                        warmup.perSecond()));
    }

    /**
     * One update to {@code --large-audience} subscribers (those above plus as many more): the time to the
     * last delivery, notification-service's heap after a GC, and the bytes its topics grew by for it.
     */
    private void largeAudience(EventAppender appender, WebhookSink sink, String incident, long sequence)
            throws Exception {
        int audience = run.settings.largeAudience();
        run.out.printf("%n== One update to %,d webhook subscribers%n", audience);
        subscribe(run.stack.notificationUrl(), run.stack.tokens().admin(), sink, subscribers, audience);
        Map<String, Long> before = topicBytes();
        Figures figures = deliver(appender, sink, updated(incident, sequence), sequence, audience);
        run.out.println("large audience: " + figures.line());
        // The attempts of the last deliveries are recorded just after them.
        Thread.sleep(3_000);
        Map<String, Long> after = topicBytes();
        long written = after.entrySet().stream()
                .mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L))
                .sum();
        RebuildSection.Memory memory = RebuildSection.Memory.of(run.stack.notification());
        String line = String.format("one incident update → %,d signed webhooks", audience);
        run.table.add(
                NAME,
                line + ": time to the last delivery",
                SummaryTable.Unit.SECONDS,
                List.of(figures.lastSeconds()),
                "",
                List.of());
        run.table.add(
                NAME,
                line + ": notification-service heap used after a GC",
                SummaryTable.Unit.MIB,
                List.of(memory.heapMiB()),
                "",
                List.of());
        run.table.add(
                NAME,
                line + ": bytes its topics grew by",
                SummaryTable.Unit.MIB,
                List.of(written / 1048576.0),
                "",
                List.of());
        StringBuilder byTopic = new StringBuilder();
        after.forEach((topic, bytes) -> {
            long grew = bytes - before.getOrDefault(topic, 0L);
            if (grew > 0) {
                byTopic.append(String.format("%s%s %,d B", byTopic.isEmpty() ? "" : ", ", topic, grew));
            }
        });
        run.detail(
                NAME,
                String.format(
                        "one update to %,d subscribers: %,.0f deliveries/s, p50 %.0f ms, p99 %.0f ms "
                                + "from the append; RSS %,.0f MiB; topics grew by %s (one run)",
                        audience,
                        figures.perSecond(),
                        figures.p50Millis(),
                        figures.p99Millis(),
                        memory.rssMiB(),
                        byTopic));
    }

    /** On-disk bytes of incident-events and notification-service's topics, by topic, from the broker's log dirs. */
    private Map<String, Long> topicBytes() throws Exception {
        Map<String, Long> bytes = new java.util.TreeMap<>();
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                run.stack.bootstrapServers()))) {
            var brokers = admin.describeCluster().nodes().get().stream()
                    .map(node -> node.id())
                    .toList();
            admin.describeLogDirs(brokers)
                    .allDescriptions()
                    .get()
                    .values()
                    .forEach(dirs -> dirs.values()
                            .forEach(dir -> dir.replicaInfos().forEach((partition, info) -> {
                                if (partition.topic().startsWith("notification-")
                                        || partition
                                                .topic()
                                                .equals(org.incidentplatform.schemas.Topics.INCIDENT_EVENTS.name())) {
                                    bytes.merge(partition.topic(), info.size(), Long::sum);
                                }
                            })));
        }
        return bytes;
    }

    /** Time from the append of one event to every subscriber's delivery of it. */
    private Figures deliver(EventAppender appender, WebhookSink sink, IncidentEvent event, long sequence)
            throws Exception {
        return deliver(appender, sink, event, sequence, subscribers);
    }

    private Figures deliver(EventAppender appender, WebhookSink sink, IncidentEvent event, long sequence, int audience)
            throws Exception {
        sink.clear();
        appender.appendNow(event);
        long appended = System.nanoTime();
        long deadline = appended + Duration.ofMinutes(15).toNanos();
        while (sink.count(sequence) < audience) {
            if (System.nanoTime() > deadline) {
                throw new BenchException(
                        "only " + sink.count(sequence) + " of " + audience + " deliveries within 15 minutes");
            }
            Thread.sleep(20);
        }
        return Figures.of(appended, sink.arrivals(sequence));
    }

    /** The ceiling: the same number of POSTs of the same body to the same sink, from {@code concurrency} threads. */
    private Figures direct(WebhookSink sink, String body) throws Exception {
        sink.clear();
        String secret = Base64.getEncoder().encodeToString(new byte[24]);
        String ceilingBody = body.replaceFirst("\"sequence\":\\d+", "\"sequence\":0");
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger retried = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            workers.add(threads.submit(() -> {
                for (int i = next.getAndIncrement(); i < subscribers; i = next.getAndIncrement()) {
                    String id = UUID.randomUUID().toString();
                    long timestamp = Instant.now().getEpochSecond();
                    // As the service does, a POST whose connection failed is tried again (once, here).
                    boolean sent = false;
                    for (int attempt = 0; attempt < 2 && !sent; attempt++) {
                        try {
                            HttpResponse<Void> response = HTTP.send(
                                    HttpRequest.newBuilder(URI.create(sink.url("/hooks/" + i)))
                                            .timeout(Duration.ofSeconds(10))
                                            .header("Content-Type", "application/json")
                                            .header("webhook-id", id)
                                            .header("webhook-timestamp", Long.toString(timestamp))
                                            .header("webhook-signature", sign(secret, id, timestamp, ceilingBody))
                                            .POST(HttpRequest.BodyPublishers.ofString(ceilingBody))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding());
                            sent = response.statusCode() / 100 == 2;
                        } catch (java.io.IOException e) {
                            retried.incrementAndGet();
                        }
                    }
                    if (!sent) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        threads.shutdown();
        if (failed.get() > 0) {
            throw new BenchException(failed.get() + " direct POSTs failed");
        }
        if (retried.get() > 0) {
            run.detail(NAME, retried.get() + " of the ceiling's POSTs lost their connection and were sent again");
        }
        return Figures.of(start, sink.arrivals(0));
    }

    /** Subscribes the sink's hooks {@code from} (inclusive) to {@code to} (exclusive). */
    private void subscribe(String url, String token, WebhookSink sink, int from, int to) throws Exception {
        run.out.printf("Subscribing %,d webhooks ...%n", to - from);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        AtomicInteger next = new AtomicInteger(from);
        List<Future<?>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < 8; t++) {
            workers.add(threads.submit(() -> {
                for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
                    HttpResponse<String> response = HTTP.send(
                            HttpRequest.newBuilder(URI.create(url + "/api/v1/subscriptions"))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"webhook\",\"target\":\""
                                            + sink.url("/hooks/" + i) + "\",\"components\":[\"" + COMPONENT + "\"]}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 201) {
                        throw new BenchException(
                                "subscribe answered " + response.statusCode() + ": " + response.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        threads.shutdown();
        run.out.printf("Subscribed in %.1f s.%n", (System.nanoTime() - start) / 1e9);
        // The dispatcher reads subscriptions from the topic on its own; give its directory a moment.
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> list = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url + "/api/v1/subscriptions"))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (list.body().split("\"channel\"", -1).length - 1 >= to) {
                break;
            }
            Thread.sleep(1_000);
        }
        Thread.sleep(2000);
    }

    private static IncidentEvent declared(String incident) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return envelope(
                incident,
                1,
                IncidentDeclared.newBuilder()
                        .setTitle("Elevated API error rates")
                        .setImpact(Impact.major)
                        .setStatus(IncidentStatus.investigating)
                        .setMessage("We are investigating elevated error rates on the API.")
                        .setComponents(Map.of(COMPONENT, ComponentStatus.partial_outage))
                        .setStartedAt(now)
                        .setDetectedAt(now)
                        .build());
    }

    private static IncidentEvent updated(String incident, long sequence) {
        return envelope(
                incident,
                sequence,
                IncidentUpdatePosted.newBuilder()
                        .setMessage("Update " + sequence + ": a fix is being deployed.")
                        .setStatus(IncidentStatus.identified)
                        .build());
    }

    private static IncidentEvent resolved(String incident, long sequence) {
        return envelope(
                incident,
                sequence,
                IncidentResolved.newBuilder()
                        .setMessage("Fixed.")
                        .setComponents(Map.of(COMPONENT, ComponentStatus.operational))
                        .build());
    }

    private static IncidentEvent envelope(String incident, long sequence, Object payload) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return IncidentEvent.newBuilder()
                .setEventId(UUID.randomUUID())
                .setIncidentId(incident)
                .setSequence(sequence)
                .setOccurredAt(now)
                .setRecordedAt(now)
                .setActor("bench")
                .setPayload(payload)
                .build();
    }

    private static String sign(String secret, String id, long timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret), "HmacSHA256"));
        return "v1,"
                + Base64.getEncoder()
                        .encodeToString(
                                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    private static String figure(List<Figures> runs, java.util.function.ToDoubleFunction<Figures> value, int decimals) {
        return Figure.of(runs.stream().mapToDouble(value).toArray()).format(decimals);
    }

    /** One run: deliveries per second to the last one, and latency percentiles from the start. */
    record Figures(int count, double lastSeconds, double p50Millis, double p99Millis) {

        static Figures of(long startNanos, List<WebhookSink.Arrival> arrivals) {
            long[] latencies = arrivals.stream()
                    .mapToLong(a -> a.nanos() - startNanos)
                    .sorted()
                    .toArray();
            return new Figures(
                    latencies.length,
                    latencies[latencies.length - 1] / 1e9,
                    latencies[(int) Math.ceil(latencies.length * 0.50) - 1] / 1e6,
                    latencies[(int) Math.ceil(latencies.length * 0.99) - 1] / 1e6);
        }

        double perSecond() {
            return count / lastSeconds;
        }

        String line() {
            return String.format(
                    Locale.ROOT,
                    "%,d deliveries, %,.0f/s, last after %.2f s, p50 %.0f ms, p99 %.0f ms",
                    count,
                    perSecond(),
                    lastSeconds,
                    p50Millis,
                    p99Millis);
        }
    }
}
