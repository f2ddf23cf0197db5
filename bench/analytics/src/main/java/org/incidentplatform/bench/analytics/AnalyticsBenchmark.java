package org.incidentplatform.bench.analytics;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.incidentplatform.events.ComponentAdded;
import org.incidentplatform.events.ComponentGroupAdded;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentDeclared;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentResolved;
import org.incidentplatform.events.IncidentRetracted;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.events.IncidentUpdatePosted;
import org.incidentplatform.projection.analytics.Analytics;
import org.incidentplatform.projection.analytics.MttrQuery;
import org.incidentplatform.projection.analytics.MttrReport;

/**
 * The analytics read model over 100,000 generated incidents: how long MTTx grouped by month takes, and
 * how much heap the model keeps for them. The events are generated in this JVM and applied straight to
 * {@link Analytics} (the object projection-service's follower feeds), one at a time as the follower would;
 * none are kept, so what the heap holds after loading is the model. Queries are timed in-process, without
 * HTTP: what is measured is the model's answer (the query and the CSV text the endpoint sends), not Tomcat.
 *
 * <p>Arguments: {@code --incidents N} (100000), {@code --warmup N} (200 queries), {@code --queries N}
 * (1000), {@code --seed N} (42). Prints a Markdown section on standard output.
 */
public final class AnalyticsBenchmark {

    private static final Instant FROM = Instant.parse("2023-01-01T00:00:00Z");
    private static final long SPAN_SECONDS = Duration.ofDays(3 * 365).toSeconds();
    private static final int GROUPS = 4;
    private static final int COMPONENTS = 20;

    private final Map<String, Long> sequences = new HashMap<>();
    private final Random random;

    private AnalyticsBenchmark(long seed) {
        this.random = new Random(seed);
    }

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        int incidents = Integer.parseInt(options.getOrDefault("incidents", "100000"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "200"));
        int queries = Integer.parseInt(options.getOrDefault("queries", "1000"));
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));
        new AnalyticsBenchmark(seed).run(incidents, warmup, queries);
    }

    private void run(int incidents, int warmup, int queries) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapBefore = settledHeap(memory);
        Analytics analytics = new Analytics();
        long start = System.nanoTime();
        long events = load(analytics, incidents);
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        long heapAfter = settledHeap(memory);
        long retained = heapAfter - heapBefore;

        MttrQuery byMonth = MttrQuery.all().groupedBy(MttrQuery.GroupBy.MONTH);
        long[] query = time(warmup, queries, () -> analytics.mttr(byMonth));
        long[] csv = time(warmup, queries, () -> analytics.mttr(byMonth).toCsv());
        MttrQuery filtered = MttrQuery.all()
                .startedFrom(Instant.parse("2024-01-01T00:00:00Z"))
                .startedBefore(Instant.parse("2025-01-01T00:00:00Z"))
                .touching("c-03")
                .atLeast(Impact.major)
                .groupedBy(MttrQuery.GroupBy.MONTH);
        long[] filteredQuery = time(warmup, queries, () -> analytics.mttr(filtered));
        long[] slowest = time(warmup, queries, () -> analytics.slowestToResolve(null, null, 10));
        LocalDate last = LocalDate.parse("2025-12-31");
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        long[] uptime = time(warmup, queries, () -> analytics.uptime("c-03", last.minusDays(89), last, now));
        MttrReport report = analytics.mttr(byMonth);
        int counted =
                report.groups().stream().mapToInt(MttrReport.Group::incidents).sum();

        Runtime runtime = Runtime.getRuntime();
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%d incidents (%d events, %d months, %d counted by default: not "
                        + "retracted, impact above none) applied in %.1f s (%,.0f events/s); %d queries per line "
                        + "after %d of warm-up, one thread, in-process, JVM -Xmx%d MiB.%n%n",
                incidents,
                events,
                report.groups().size(),
                counted,
                loadSeconds,
                events / loadSeconds,
                queries,
                warmup,
                runtime.maxMemory() / (1024 * 1024)));
        out.append("| query (on `Analytics`, the model behind the endpoint) | p50 ms | p99 ms | max ms |\n");
        out.append("|---|---:|---:|---:|\n");
        row(out, "`mttr` grouped by month, all incidents (`/api/v1/analytics/mttr?groupBy=month`)", query);
        row(out, "the same and its CSV text (`/api/v1/analytics/mttr.csv?groupBy=month`)", csv);
        row(out, "`mttr` by month, one year, one component, impact ≥ major", filteredQuery);
        row(out, "10 slowest to resolve (`/analytics`)", slowest);
        row(out, "uptime of one component, 90 days (`/api/v1/components/{id}/uptime`)", uptime);
        out.append(String.format(
                Locale.ROOT,
                "%nHeap retained by the read model: %.1f MiB (%,d bytes, %.0f bytes "
                        + "per incident), used heap after full GC before and after loading.%n",
                retained / (1024.0 * 1024.0),
                retained,
                (double) retained / incidents));
        System.out.print(out);
        // Keeps the model reachable until after the last measurement.
        if (analytics.appliedSequence("catalogue") < 0) {
            throw new IllegalStateException();
        }
    }

    private static void row(StringBuilder out, String line, long[] nanos) {
        out.append(String.format(
                Locale.ROOT,
                "| %s | %.2f | %.2f | %.2f |%n",
                line,
                percentile(nanos, 0.50) / 1e6,
                percentile(nanos, 0.99) / 1e6,
                nanos[nanos.length - 1] / 1e6));
    }

    /** Nearest rank over sorted values. */
    private static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static long[] time(int warmup, int queries, Runnable query) {
        for (int i = 0; i < warmup; i++) {
            query.run();
        }
        long[] nanos = new long[queries];
        for (int i = 0; i < queries; i++) {
            long t = System.nanoTime();
            query.run();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /** Used heap after full collections: the least of a few, once what can be freed is. */
    static long settledHeap(MemoryMXBean memory) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /**
     * A catalogue of {@value #COMPONENTS} components in {@value #GROUPS} groups, then incidents spread evenly
     * over three years, each: declared (impact began up to 10 min before it was detected, detected up to
     * 5 min before the write-up) with one or two components in partial or major outage, identified, monitoring
     * with the components degraded, resolved, with heavy-tailed gaps; 2 % retracted, 3 % of impact none.
     */
    private long load(Analytics analytics, int incidents) {
        long events = 0;
        Instant catalogued = FROM.minus(Duration.ofDays(1));
        for (int g = 0; g < GROUPS; g++) {
            events += apply(
                    analytics,
                    "catalogue",
                    catalogued,
                    ComponentGroupAdded.newBuilder()
                            .setGroupId("g-" + g)
                            .setName("Group " + g)
                            .setDescription(null)
                            .setPosition(g)
                            .build());
        }
        for (int c = 0; c < COMPONENTS; c++) {
            events += apply(
                    analytics,
                    "catalogue",
                    catalogued,
                    ComponentAdded.newBuilder()
                            .setComponentId(String.format("c-%02d", c))
                            .setName("Component " + c)
                            .setDescription(null)
                            .setGroupId("g-" + (c % GROUPS))
                            .setPosition(c)
                            .setHidden(false)
                            .build());
        }
        Impact[] impacts = {Impact.minor, Impact.minor, Impact.major, Impact.critical};
        for (int i = 0; i < incidents; i++) {
            String id = "inc-" + i;
            Instant started = FROM.plusSeconds(SPAN_SECONDS * i / incidents);
            Instant detected = started.plusSeconds(random.nextInt(600));
            Instant declaredAt = detected.plusSeconds(random.nextInt(300));
            Impact impact = random.nextInt(100) < 3 ? Impact.none : impacts[random.nextInt(impacts.length)];
            Map<String, ComponentStatus> down = new HashMap<>();
            int count = 1 + random.nextInt(2);
            for (int c = 0; c < count; c++) {
                down.put(
                        String.format("c-%02d", random.nextInt(COMPONENTS)),
                        random.nextBoolean() ? ComponentStatus.partial_outage : ComponentStatus.major_outage);
            }
            events += apply(
                    analytics,
                    id,
                    declaredAt,
                    IncidentDeclared.newBuilder()
                            .setTitle("Incident " + i)
                            .setImpact(impact)
                            .setStatus(IncidentStatus.investigating)
                            .setMessage("Investigating")
                            .setComponents(down)
                            .setStartedAt(started)
                            .setDetectedAt(detected)
                            .setDetectedBy("monitor")
                            .setBackfilled(false)
                            .build());
            Instant at = declaredAt.plusSeconds(heavyTail(900));
            events += apply(analytics, id, at, update(IncidentStatus.identified, Map.of()));
            Map<String, ComponentStatus> degraded = new HashMap<>();
            down.keySet().forEach(c -> degraded.put(c, ComponentStatus.degraded_performance));
            at = at.plusSeconds(heavyTail(1800));
            events += apply(analytics, id, at, update(IncidentStatus.monitoring, degraded));
            at = at.plusSeconds(heavyTail(1800));
            events += apply(
                    analytics,
                    id,
                    at,
                    IncidentResolved.newBuilder()
                            .setMessage("Resolved")
                            .setComponents(Map.of())
                            .build());
            if (random.nextInt(100) < 2) {
                events += apply(
                        analytics,
                        id,
                        at.plusSeconds(60),
                        IncidentRetracted.newBuilder()
                                .setReason("Declared in error")
                                .build());
            }
        }
        return events;
    }

    /** Mostly around {@code typical} seconds, sometimes ten or a hundred times that. */
    private long heavyTail(int typical) {
        long value = 60 + random.nextInt(typical);
        int roll = random.nextInt(100);
        return roll < 1 ? value * 100 : roll < 10 ? value * 10 : value;
    }

    private static IncidentUpdatePosted update(IncidentStatus status, Map<String, ComponentStatus> components) {
        return IncidentUpdatePosted.newBuilder()
                .setMessage("Update")
                .setStatus(status)
                .setImpact(null)
                .setComponents(components)
                .build();
    }

    private int apply(Analytics analytics, String streamId, Instant at, Object payload) {
        long sequence = sequences.merge(streamId, 1L, Long::sum);
        IncidentEvent event = IncidentEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes((streamId + "/" + sequence).getBytes(StandardCharsets.UTF_8)))
                .setIncidentId(streamId)
                .setSequence(sequence)
                .setOccurredAt(at)
                .setRecordedAt(at)
                .setActor("bench")
                .setCorrelationId(null)
                .setPayload(payload)
                .build();
        if (analytics.offer(event) != Analytics.Outcome.APPLIED) {
            throw new IllegalStateException("not applied: " + event);
        }
        return 1;
    }

    /** {@code --name value} pairs. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + List.of(args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
