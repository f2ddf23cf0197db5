package org.incidentplatform.bench.analytics;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.incidentplatform.events.ComponentAdded;
import org.incidentplatform.events.ComponentGroupAdded;
import org.incidentplatform.events.ComponentMovedToGroup;
import org.incidentplatform.events.ComponentRemoved;
import org.incidentplatform.events.ComponentRenamed;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentDeclared;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentReopened;
import org.incidentplatform.events.IncidentResolved;
import org.incidentplatform.events.IncidentRetracted;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.events.IncidentUpdatePosted;
import org.incidentplatform.events.MaintenanceCancelled;
import org.incidentplatform.events.MaintenanceCompleted;
import org.incidentplatform.events.MaintenanceScheduled;
import org.incidentplatform.events.MaintenanceStarted;
import org.incidentplatform.events.MaintenanceUpdatePosted;
import org.incidentplatform.events.MaintenanceVerifying;
import org.incidentplatform.events.PostmortemPublished;
import org.incidentplatform.projection.live.LiveStatus;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.schemas.registry.InMemorySchemaRegistry;
import org.incidentplatform.schemas.serde.AvroDeserializer;
import org.incidentplatform.schemas.serde.AvroSerializer;

/**
 * A replay of the log into projection-service's read model, in-process and without Kafka: how fast the
 * follower's work (decode the record with the platform's deserializer, apply it to {@link LiveStatus}) goes,
 * and how much heap the model keeps. The log is generated here: a catalogue of 25 components in 5 groups
 * (renamed, moved and removed along the way), then incidents interleaved in the log as they overlap in time,
 * each declared, updated with messages of a few hundred characters, resolved, sometimes reopened, retracted,
 * back-filled or given a postmortem, and maintenances among them. It is encoded once, in Confluent's wire
 * format through an in-memory registry, as incident-service writes it.
 *
 * <p>Per round: decode and apply (what a rebuild costs beyond Kafka's fetch), decode only, and apply only
 * (events decoded beforehand), each also per CPU-second of the replaying thread (steadier than wall time on a
 * shared machine; collections run on other threads). Then the heap the model keeps, after full GCs, with the
 * model alive.
 *
 * <p>Arguments: {@code --incidents N} (100000), {@code --rounds N} (3), {@code --seed N} (42),
 * {@code --pause-seconds N} (0: how long to keep the model alive at the end, for a heap histogram). Prints a
 * Markdown table on standard output.
 */
public final class ReplayBenchmark {

    private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final int GROUPS = 5;
    private static final int COMPONENTS = 25;
    private static final String TEXT = ("We are investigating elevated error rates and latency on the affected"
                    + " services. Some requests fail or time out; retries mostly succeed. The cause appears to be a bad"
                    + " deploy of the session store, which we are rolling back region by region while we watch error"
                    + " rates, queue depth and the saturation of the database connection pools. Next update within 30"
                    + " minutes, or sooner if anything changes. ")
            .repeat(2);
    private static final IncidentStatus[] PROGRESS = {
        IncidentStatus.investigating,
        IncidentStatus.identified,
        IncidentStatus.identified,
        IncidentStatus.monitoring,
        IncidentStatus.monitoring
    };
    private static final Impact[] IMPACTS = {Impact.minor, Impact.minor, Impact.major, Impact.critical, Impact.none};
    private static final ComponentStatus[] DOWN = {
        ComponentStatus.degraded_performance, ComponentStatus.partial_outage, ComponentStatus.major_outage
    };

    private final Random random;
    private final Map<String, Long> sequences = new HashMap<>();

    private ReplayBenchmark(long seed) {
        this.random = new Random(seed);
    }

    public static void main(String[] args) {
        Map<String, String> options = AnalyticsBenchmark.options(args);
        int incidents = Integer.parseInt(options.getOrDefault("incidents", "100000"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));
        int pauseSeconds = Integer.parseInt(options.getOrDefault("pause-seconds", "0"));
        new ReplayBenchmark(seed).run(incidents, rounds, pauseSeconds);
    }

    private void run(int incidents, int rounds, int pauseSeconds) {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        AvroSerializer<IncidentEvent> serializer = new AvroSerializer<>(registry);
        serializer.configure(Map.of("auto.register.schemas", true), false);
        AvroDeserializer<IncidentEvent> deserializer = new AvroDeserializer<>(registry);
        deserializer.configure(Map.of("specific.avro.reader", true), false);
        List<byte[]> log = new ArrayList<>();
        long bytes = 0;
        for (IncidentEvent event : generate(incidents)) {
            byte[] record = serializer.serialize(Topics.INCIDENT_EVENTS.name(), event);
            bytes += record.length;
            log.add(record);
        }
        Clock clock = Clock.fixed(FROM.plus(Duration.ofDays(3 * 365)), ZoneOffset.UTC);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.out.printf(
                Locale.ROOT,
                "%,d events (%,d incidents), %,.0f bytes per record on average%n%n",
                log.size(),
                incidents,
                (double) bytes / log.size());
        System.out.println("| round | decode + apply, events/s | decode only, events/s | apply only, events/s |"
                + " decode + apply, events per CPU-s | apply only, events per CPU-s |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        LiveStatus kept = null;
        for (int round = 1; round <= rounds; round++) {
            kept = null;
            AnalyticsBenchmark.settledHeap(memory);
            long start = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            LiveStatus replayed = LiveStatus.of(clock, decoding(log, deserializer));
            double both = log.size() / ((System.nanoTime() - start) / 1e9);
            double bothCpu = log.size() / ((threads.getCurrentThreadCpuTime() - cpu) / 1e9);
            replayed = null;

            start = System.nanoTime();
            long decodedSequences = 0;
            for (byte[] record : log) {
                decodedSequences += deserializer
                        .deserialize(Topics.INCIDENT_EVENTS.name(), record)
                        .getSequence();
            }
            double decodeOnly = log.size() / ((System.nanoTime() - start) / 1e9);
            if (decodedSequences == 0) {
                throw new IllegalStateException("nothing decoded");
            }

            List<IncidentEvent> decoded = new ArrayList<>(log.size());
            decoding(log, deserializer).forEach(decoded::add);
            AnalyticsBenchmark.settledHeap(memory);
            start = System.nanoTime();
            cpu = threads.getCurrentThreadCpuTime();
            kept = LiveStatus.of(clock, decoded);
            double applyOnly = log.size() / ((System.nanoTime() - start) / 1e9);
            double applyOnlyCpu = log.size() / ((threads.getCurrentThreadCpuTime() - cpu) / 1e9);
            decoded = null;
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f |%n",
                    round,
                    both,
                    decodeOnly,
                    applyOnly,
                    bothCpu,
                    applyOnlyCpu);
        }
        long withModel = AnalyticsBenchmark.settledHeap(memory);
        pause(pauseSeconds);
        long modelEvents = kept.current().appliedEvents();
        kept = null;
        long withoutModel = AnalyticsBenchmark.settledHeap(memory);
        System.out.printf(
                Locale.ROOT,
                "%nHeap kept by the model (LiveStatus, published snapshot included) after "
                        + "%,d events: %.1f MiB (used heap after full GCs, with and without it)%n",
                modelEvents,
                (withModel - withoutModel) / (1024.0 * 1024.0));
        // The encoded log stays in both measurements, so only the model makes the difference.
        Reference.reachabilityFence(log);
    }

    private static Iterable<IncidentEvent> decoding(List<byte[]> log, AvroDeserializer<IncidentEvent> deserializer) {
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < log.size();
            }

            @Override
            public IncidentEvent next() {
                return deserializer.deserialize(Topics.INCIDENT_EVENTS.name(), log.get(next++));
            }
        };
    }

    /** Time to take a heap histogram of the model ({@code jcmd <pid> GC.class_histogram}). */
    private static void pause(int seconds) {
        if (seconds > 0) {
            System.out.printf(
                    "%nmodel alive in pid %d for %d s%n",
                    ProcessHandle.current().pid(), seconds);
            try {
                Thread.sleep(seconds * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The whole log, in log order: the catalogue first, then incidents (and maintenances) overlapping. */
    private List<IncidentEvent> generate(int incidents) {
        List<IncidentEvent> log = new ArrayList<>();
        Instant catalogued = FROM.minus(Duration.ofDays(30));
        for (int g = 0; g < GROUPS; g++) {
            log.add(event(
                    "catalogue",
                    catalogued,
                    ComponentGroupAdded.newBuilder()
                            .setGroupId("group-" + g)
                            .setName("Group " + g)
                            .setDescription("The " + g + " tier")
                            .setPosition(g)
                            .build()));
        }
        for (int c = 0; c < COMPONENTS; c++) {
            log.add(event(
                    "catalogue",
                    catalogued,
                    ComponentAdded.newBuilder()
                            .setComponentId(component(c))
                            .setName("Component " + c)
                            .setDescription("Serves part " + c)
                            .setGroupId("group-" + c % GROUPS)
                            .setPosition(c)
                            .setHidden(c == COMPONENTS - 1)
                            .build()));
        }
        List<List<IncidentEvent>> overlapping = new ArrayList<>();
        for (int i = 0; i < incidents; i++) {
            Instant started = FROM.plus(Duration.ofMinutes(15L * i));
            overlapping.add(i % 100 == 50 ? maintenance("mnt-" + i, started) : incident(i, started));
            if (overlapping.size() == 40) {
                interleave(overlapping, log);
            }
            if (i % 20_000 == 10_000) {
                log.add(event(
                        "catalogue",
                        started,
                        ComponentRenamed.newBuilder()
                                .setComponentId(component(i % 7))
                                .setName("Component " + i)
                                .build()));
                log.add(event(
                        "catalogue",
                        started,
                        ComponentMovedToGroup.newBuilder()
                                .setComponentId(component(i % 11))
                                .setGroupId("group-" + i % 3)
                                .setPosition(i % 13)
                                .build()));
            }
            if (i == incidents / 2) {
                log.add(event(
                        "catalogue",
                        started,
                        ComponentRemoved.newBuilder()
                                .setComponentId(component(COMPONENTS - 2))
                                .build()));
            }
        }
        interleave(overlapping, log);
        return log;
    }

    /** Round-robin over the streams in flight, so one stream's events are spread over the log as in life. */
    private static void interleave(List<List<IncidentEvent>> streams, List<IncidentEvent> log) {
        int longest = streams.stream().mapToInt(List::size).max().orElse(0);
        for (int at = 0; at < longest; at++) {
            for (List<IncidentEvent> stream : streams) {
                if (at < stream.size()) {
                    log.add(stream.get(at));
                }
            }
        }
        streams.clear();
    }

    private List<IncidentEvent> incident(int index, Instant started) {
        String id = String.format("inc-%07d", index);
        List<IncidentEvent> events = new ArrayList<>();
        Map<String, ComponentStatus> said = new HashMap<>();
        int named = 1 + random.nextInt(3);
        for (int c = 0; c < named; c++) {
            said.put(component(random.nextInt(COMPONENTS)), DOWN[random.nextInt(DOWN.length)]);
        }
        Instant at = started.plusSeconds(60 + random.nextInt(600));
        boolean backfilled = random.nextInt(100) < 3;
        if (backfilled) {
            events.add(event(
                    id,
                    at,
                    IncidentDeclared.newBuilder()
                            .setTitle("Back-filled outage " + index)
                            .setImpact(Impact.major)
                            .setStatus(IncidentStatus.resolved)
                            .setMessage(message())
                            .setComponents(said)
                            .setStartedAt(started.minus(Duration.ofHours(2)))
                            .setDetectedAt(started)
                            .setDetectedBy("customer report")
                            .setBackfilled(true)
                            .build()));
            events.add(event(id, at.plusSeconds(3600), postmortem()));
            return events;
        }
        events.add(event(
                id,
                at,
                IncidentDeclared.newBuilder()
                        .setTitle("Elevated error rates (" + index + ")")
                        .setImpact(IMPACTS[random.nextInt(IMPACTS.length)])
                        .setStatus(IncidentStatus.investigating)
                        .setMessage(message())
                        .setComponents(said)
                        .setStartedAt(started)
                        .setDetectedAt(started.plusSeconds(random.nextInt(300)))
                        .setDetectedBy("synthetic monitor")
                        .setBackfilled(false)
                        .build()));
        int updates = 6 + random.nextInt(5);
        for (int u = 0; u < updates; u++) {
            at = at.plusSeconds(120 + random.nextInt(900));
            Map<String, ComponentStatus> change = u % 3 == 2
                    ? Map.of(component(random.nextInt(COMPONENTS)), DOWN[random.nextInt(DOWN.length)])
                    : Map.of();
            events.add(event(
                    id,
                    at,
                    IncidentUpdatePosted.newBuilder()
                            .setMessage(message())
                            .setStatus(u % 2 == 0 ? PROGRESS[Math.min(u, PROGRESS.length - 1)] : null)
                            .setImpact(u == 3 ? Impact.major : null)
                            .setComponents(change)
                            .build()));
        }
        at = at.plusSeconds(600);
        events.add(event(
                id,
                at,
                IncidentResolved.newBuilder()
                        .setMessage(message())
                        .setComponents(Map.of())
                        .build()));
        int fate = random.nextInt(100);
        if (fate < 3) {
            events.add(event(
                    id,
                    at.plusSeconds(1800),
                    IncidentReopened.newBuilder()
                            .setMessage(message())
                            .setStatus(IncidentStatus.identified)
                            .setComponents(said)
                            .build()));
            events.add(event(
                    id,
                    at.plusSeconds(3600),
                    IncidentResolved.newBuilder()
                            .setMessage(message())
                            .setComponents(Map.of())
                            .build()));
        } else if (fate < 4) {
            events.add(event(
                    id,
                    at.plusSeconds(60),
                    IncidentRetracted.newBuilder()
                            .setReason("Declared in error")
                            .build()));
        } else if (fate < 6) {
            events.add(event(id, at.plusSeconds(86_400), postmortem()));
        }
        return events;
    }

    private List<IncidentEvent> maintenance(String id, Instant from) {
        Map<String, ComponentStatus> planned =
                Map.of(component(random.nextInt(COMPONENTS)), ComponentStatus.under_maintenance);
        Instant scheduledFor = from.plus(Duration.ofDays(2));
        List<IncidentEvent> events = new ArrayList<>();
        events.add(event(
                id,
                from,
                MaintenanceScheduled.newBuilder()
                        .setTitle("Database upgrade " + id)
                        .setMessage(message())
                        .setComponents(planned)
                        .setScheduledFor(scheduledFor)
                        .setScheduledUntil(scheduledFor.plus(Duration.ofHours(2)))
                        .setAutoStart(false)
                        .setAutoComplete(false)
                        .build()));
        if (random.nextInt(10) == 0) {
            events.add(event(
                    id,
                    from.plusSeconds(600),
                    MaintenanceCancelled.newBuilder().setMessage(message()).build()));
            return events;
        }
        events.add(event(
                id,
                scheduledFor,
                MaintenanceStarted.newBuilder()
                        .setMessage(message())
                        .setAutomatic(false)
                        .build()));
        events.add(event(
                id,
                scheduledFor.plusSeconds(1800),
                MaintenanceUpdatePosted.newBuilder().setMessage(message()).build()));
        events.add(event(
                id,
                scheduledFor.plusSeconds(3600),
                MaintenanceVerifying.newBuilder().setMessage(message()).build()));
        events.add(event(
                id,
                scheduledFor.plusSeconds(5400),
                MaintenanceCompleted.newBuilder()
                        .setMessage(message())
                        .setAutomatic(false)
                        .build()));
        return events;
    }

    private PostmortemPublished postmortem() {
        return PostmortemPublished.newBuilder()
                .setBody(message() + message())
                .setRootCause("A bad deploy")
                .setContributingFactors(List.of("No canary", "Alert too late"))
                .build();
    }

    /** A few hundred characters, each message its own text as decoded records are. */
    private String message() {
        int from = random.nextInt(200);
        return TEXT.substring(from, from + 150 + random.nextInt(250));
    }

    private static String component(int index) {
        return String.format("component-%02d", index);
    }

    private IncidentEvent event(String stream, Instant occurredAt, Object payload) {
        long sequence = sequences.merge(stream, 1L, Long::sum);
        return IncidentEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes((stream + "/" + sequence).getBytes(StandardCharsets.UTF_8)))
                .setIncidentId(stream)
                .setSequence(sequence)
                .setOccurredAt(occurredAt)
                .setRecordedAt(occurredAt.plusSeconds(2))
                .setActor("bench")
                .setCorrelationId(null)
                .setPayload(payload)
                .build();
    }
}
