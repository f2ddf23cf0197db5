package org.incidentplatform.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * From the {@code 201} of an update to the update being visible in {@code /api/v2/summary.json},
 * and to its webhook being delivered, under an open-loop (paced) load: the updates are sent on a
 * fixed schedule whatever the answers do, first at the offered rate (500/s by default), then at a
 * rate the command path sustains. The ceiling is Kafka's own {@code EndToEndLatency}: a record
 * produced (acks=all) to being consumed, on the same broker.
 *
 * <p>Visible: as each {@code 201} arrives, its ETag names the incident's new version, and the
 * harness asks projection-service for {@code summary.json} with {@code X-Await-Version: id=version}.
 * The server holds the request until it has applied that version (woken by the projection, not
 * polling) and answers with {@code X-Awaited-Version: reached}; the latency is from the {@code 201}
 * to that answer's arrival. Its resolution is one loopback request of summary.json: when the update
 * is already applied, that is all it measures. Delivered: one webhook subscriber on the harness's
 * sink follows the incidents' component; the sink notes each POST's arrival with the incident id
 * and event sequence in its body, matched to the {@code 201} of the same version.
 */
final class EndToEndSection {

    static final String NAME = "end to end";
    /** Incidents per run, declared fresh and resolved after it, so summary.json only grows by one run. */
    private static final int INCIDENTS = 32;
    /** Reads of summary.json per second at most: the harness's reads must not take the cores writes need. */
    private static final int MAX_READS_PER_SECOND = 50;
    /** Updates waiting for their answer at most; a tick that finds this many is skipped, and counted. */
    private static final int MAX_IN_FLIGHT = 256;

    private static final HttpClient PROJECTION = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** One run at one rate. */
    record Result(
            double offered,
            double achieved,
            long skipped,
            long notAccepted,
            Latencies postToCreated,
            Latencies visible,
            Latencies delivered,
            long undelivered,
            long invisible) {}

    private EndToEndSection() {}

    static void run(Run run) throws Exception {
        BenchSettings settings = run.settings;
        IncidentServiceClient service = new IncidentServiceClient(run.stack.incidentUrl(), run.stack.tokens());
        int sustained = settings.sustainedRate()
                .orElseGet(() -> run.commandCapacity
                        .map(c -> (int) Math.max(1, Math.round(c / 2)))
                        .orElse(60));
        run.out.printf("%n== End to end: offered %d/s, then %d/s%n", settings.offeredRate(), sustained);
        Ceiling ceiling = ceiling(run);
        try (WebhookSink sink = new WebhookSink(16)) {
            subscribe(run, service, sink);
            CpuAccount cpu = CpuAccount.start(run.stack.processes());
            for (int rate : List.of(settings.offeredRate(), sustained)) {
                String origin = rate == settings.offeredRate()
                        ? "offered"
                        : settings.sustainedRate().isPresent()
                                ? "given"
                                : run.commandCapacity.isPresent() ? "half the command path's accepted/s" : "default";
                warmUp(
                        run,
                        service,
                        sink,
                        Duration.ofSeconds(Math.min(5, settings.endToEnd().toSeconds())));
                List<Result> results = new ArrayList<>();
                for (int r = 1; r <= settings.runs(); r++) {
                    Result result = paced(run, service, sink, rate, settings.endToEnd());
                    results.add(result);
                    run.out.printf(
                            "  %d/s run %d: achieved %.0f/s (%d ticks skipped, %d not 201), visible p50 %.1f "
                                    + "p99 %.1f ms, delivered p50 %.1f p99 %.1f ms (%d undelivered)%n",
                            rate,
                            r,
                            result.achieved(),
                            result.skipped(),
                            result.notAccepted(),
                            result.visible().percentileMillis(0.5),
                            result.visible().percentileMillis(0.99),
                            result.delivered().percentileMillis(0.5),
                            result.delivered().percentileMillis(0.99),
                            result.undelivered());
                }
                addLines(run, rate, origin, results, ceiling);
            }
            run.accountCpu(NAME, cpu);
        }
    }

    /** Kafka's own produce → consume latency on the same broker, one record at a time. */
    record Ceiling(String name, List<Double> p50, List<Double> p99) {}

    private static Ceiling ceiling(Run run) {
        int size = run.shape.map(RecordShape::valueBytes).orElse(200);
        int records = run.settings.quick() ? 500 : 2000;
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        run.out.println("EndToEndLatency (the ceiling) ...");
        KafkaTools.endToEndLatency(run.stack.bootstrapServers(), "bench-e2e-ceiling", 200, size);
        for (int r = 1; r <= run.settings.runs(); r++) {
            KafkaTools.RoundTrips trips =
                    KafkaTools.endToEndLatency(run.stack.bootstrapServers(), "bench-e2e-ceiling", records, size);
            p50.add(trips.p50Millis());
            p99.add(trips.p99Millis());
            run.out.printf(
                    "  EndToEndLatency run %d: p50 %.0f ms, p99 %.0f ms, average %.2f ms%n",
                    r, trips.p50Millis(), trips.p99Millis(), trips.averageMillis());
        }
        String name = String.format("Kafka `EndToEndLatency` (kafka-tools %s), %d B", AppInfoParser.getVersion(), size);
        run.detail(
                NAME,
                String.format(
                        "the ceiling, Kafka's `EndToEndLatency`, sent %,d records of %d B one at a "
                                + "time per run (acks=all), each timed from send to its consumption; it reports whole milliseconds",
                        records, size));
        return new Ceiling(name, p50, p99);
    }

    private static void addLines(Run run, int rate, String origin, List<Result> results, Ceiling ceiling) {
        String at = String.format("at %,d/s (%s)", rate, origin);
        run.table.add(
                NAME,
                "updates " + at + ": achieved `201`/s, open loop",
                SummaryTable.Unit.PER_SECOND,
                results.stream().map(Result::achieved).toList(),
                "the offered rate",
                results.stream().map(Result::offered).toList());
        run.table.add(
                NAME,
                at + ": `201` → visible in summary.json, p50",
                SummaryTable.Unit.MILLIS,
                results.stream().map(r -> r.visible().percentileMillis(0.5)).toList(),
                ceiling.name() + ", p50",
                ceiling.p50());
        run.table.add(
                NAME,
                at + ": `201` → visible in summary.json, p99",
                SummaryTable.Unit.MILLIS,
                results.stream().map(r -> r.visible().percentileMillis(0.99)).toList(),
                ceiling.name() + ", p99",
                ceiling.p99());
        run.table.add(
                NAME,
                at + ": `201` → webhook delivered, p50",
                SummaryTable.Unit.MILLIS,
                results.stream().map(r -> r.delivered().percentileMillis(0.5)).toList(),
                ceiling.name() + ", p50",
                ceiling.p50());
        run.table.add(
                NAME,
                at + ": `201` → webhook delivered, p99",
                SummaryTable.Unit.MILLIS,
                results.stream().map(r -> r.delivered().percentileMillis(0.99)).toList(),
                ceiling.name() + ", p99",
                ceiling.p99());
        long skipped = results.stream().mapToLong(Result::skipped).sum();
        long notAccepted = results.stream().mapToLong(Result::notAccepted).sum();
        long followed = results.stream().mapToLong(r -> r.visible().count()).sum();
        long created =
                results.stream().mapToLong(r -> r.postToCreated().count()).sum();
        long undelivered = results.stream().mapToLong(Result::undelivered).sum();
        long invisible = results.stream().mapToLong(Result::invisible).sum();
        run.detail(
                NAME,
                String.format(
                        "%s: POST → `201` p50 %s ms, p99 %s ms (queueing in front of incident-service "
                                + "included); %d ticks skipped with %d updates in flight, %d answers other than `201`, "
                                + "%,d of %,d `201`s followed to summary.json (one in ⌈rate/%d⌉), %d of them never seen there, "
                                + "%d webhooks not delivered within 60 s",
                        at,
                        Figure.ofValues(results.stream()
                                        .map(r -> r.postToCreated().percentileMillis(0.5))
                                        .toList())
                                .format(0),
                        Figure.ofValues(results.stream()
                                        .map(r -> r.postToCreated().percentileMillis(0.99))
                                        .toList())
                                .format(0),
                        skipped,
                        MAX_IN_FLIGHT,
                        notAccepted,
                        followed,
                        created,
                        MAX_READS_PER_SECOND,
                        invisible,
                        undelivered));
    }

    /** A short unrecorded run at the sustainable rate: JIT, connections, the subscriber's first deliveries. */
    private static void warmUp(Run run, IncidentServiceClient service, WebhookSink sink, Duration warmup)
            throws Exception {
        int rate = (int) Math.max(10, run.commandCapacity.orElse(120.0) / 2);
        paced(run, service, sink, rate, warmup);
    }

    /** One open-loop run: updates on a fixed schedule, each followed to summary.json and to the sink. */
    static Result paced(Run run, IncidentServiceClient service, WebhookSink sink, int rate, Duration length)
            throws Exception {
        List<String> incidents = service.declareIncidents(INCIDENTS);
        String projection = run.stack.projectionUrl();
        sink.clear();
        Map<String, Long> created = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> visible = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> postLatency = new ConcurrentLinkedQueue<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger reading = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        AtomicLong notAccepted = new AtomicLong();
        AtomicLong invisible = new AtomicLong();
        long skipped = 0;
        // One update in `every` is followed to summary.json (all of them at 50/s or less).
        int every = Math.max(1, (rate + MAX_READS_PER_SECOND - 1) / MAX_READS_PER_SECOND);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 20_000_000L;
        long end = start + length.toNanos();
        for (long i = 0; ; i++) {
            long due = start + i * interval;
            if (due >= end) {
                break;
            }
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                skipped++;
                continue;
            }
            inFlight.incrementAndGet();
            String incident = incidents.get((int) (i % incidents.size()));
            long sent = System.nanoTime();
            boolean followed = i % every == 0;
            service.postUpdateAsync(incident, HttpCommandLoad.message(rate, i)).whenComplete((answer, failure) -> {
                long answered = System.nanoTime();
                inFlight.decrementAndGet();
                if (failure != null || answer[0] != 201 || answer[1] < 1) {
                    notAccepted.incrementAndGet();
                    return;
                }
                if (answered <= end) {
                    accepted.incrementAndGet();
                }
                postLatency.add(answered - sent);
                created.put(incident + ":" + answer[1], answered);
                if (followed) {
                    reading.incrementAndGet();
                    awaitVisible(projection, incident, answer[1], answered, visible, invisible, reading, 0);
                }
            });
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while ((inFlight.get() > 0 || reading.get() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        while (System.nanoTime() < deadline) {
            for (WebhookSink.Arrival arrival : sink.arrivals()) {
                arrived.putIfAbsent(arrival.incident() + ":" + arrival.sequence(), arrival.nanos());
            }
            if (arrived.keySet().containsAll(created.keySet())) {
                break;
            }
            Thread.sleep(100);
        }
        Latencies delivered = new Latencies();
        long undelivered = 0;
        for (Map.Entry<String, Long> update : created.entrySet()) {
            Long at = arrived.get(update.getKey());
            if (at == null) {
                undelivered++;
            } else {
                // A delivery can beat the 201 back to the harness; that counts as 0, not less.
                delivered.add(Math.max(0, at - update.getValue()));
            }
        }
        service.resolveIncidents(incidents);
        return new Result(
                rate,
                accepted.get() / (length.toNanos() / 1e9),
                skipped,
                notAccepted.get(),
                latencies(postLatency),
                latencies(visible),
                delivered,
                undelivered,
                invisible.get());
    }

    /**
     * Asks summary.json to wait for the version; the server answers "timeout" after its own limit
     * (5 s by default), and the harness asks again, up to a minute in all.
     */
    private static void awaitVisible(
            String projection,
            String incident,
            long version,
            long created,
            ConcurrentLinkedQueue<Long> visible,
            AtomicLong invisible,
            AtomicInteger reading,
            int attempt) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(projection + "/api/v2/summary.json"))
                .header("X-Await-Version", incident + "=" + version)
                .timeout(Duration.ofSeconds(30))
                .build();
        PROJECTION.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            long answered = System.nanoTime();
            boolean reached = failure == null
                    && response.statusCode() == 200
                    && "reached"
                            .equals(response.headers()
                                    .firstValue("X-Awaited-Version")
                                    .orElse(""));
            if (reached) {
                visible.add(answered - created);
            } else if (attempt < 12) {
                awaitVisible(projection, incident, version, created, visible, invisible, reading, attempt + 1);
                return;
            } else {
                invisible.incrementAndGet();
            }
            reading.decrementAndGet();
        });
    }

    private static Latencies latencies(ConcurrentLinkedQueue<Long> nanos) {
        Latencies latencies = new Latencies();
        nanos.forEach(latencies::add);
        return latencies;
    }

    /** One webhook subscriber for the incidents' component, proved live by a delivery before measuring. */
    private static void subscribe(Run run, IncidentServiceClient service, WebhookSink sink) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(run.stack.notificationUrl() + "/api/v1/subscriptions"))
                        .header("Authorization", "Bearer " + run.stack.tokens().admin())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"channel\":\"webhook\",\"target\":\"" + sink.url("/e2e") + "\",\"components\":[\""
                                        + IncidentServiceClient.COMPONENT_ID + "\"]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new BenchException(
                    "subscribing the end-to-end webhook answered " + response.statusCode() + ": " + response.body());
        }
        // The fan-out reads subscriptions from its topic: declare probes until one is delivered.
        for (int attempt = 0; attempt < 30; attempt++) {
            String probe = service.declareIncidents(1).get(0);
            long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (System.nanoTime() < deadline) {
                if (sink.arrivals().stream().anyMatch(a -> a.incident().equals(probe))) {
                    service.resolveIncidents(List.of(probe));
                    return;
                }
                Thread.sleep(50);
            }
            service.resolveIncidents(List.of(probe));
        }
        throw new BenchException("the end-to-end webhook subscriber received nothing in two minutes");
    }
}
