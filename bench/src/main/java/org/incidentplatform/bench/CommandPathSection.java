package org.incidentplatform.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * incident-service's command path beside its ceilings: single-event HTTP updates from C clients,
 * then Kafka's own producer on the same broker with the same record size, synchronously from C
 * threads (the HTTP line's concurrency model) and pipelined by {@code ProducerPerformance} (the
 * broker's maximum). Each line is warmed up once, then all are measured {@code runs} times, in
 * turn, so a drift of the machine during the run touches every line alike.
 */
final class CommandPathSection {

    static final String NAME = "command path";

    private CommandPathSection() {}

    static void run(Run run) {
        BenchSettings settings = run.settings;
        IncidentServiceClient service = new IncidentServiceClient(run.stack.incidentUrl(), run.stack.tokens());
        run.out.printf("%n== Command path: declaring %d incidents ...%n", settings.incidents());
        List<String> incidents = service.declareIncidents(settings.incidents());
        for (int i = 0; i < settings.clients().size(); i++) {
            measure(run, service, incidents, settings.clients().get(i), i == 0);
        }
        String topic = CeilingTopic.ensure(run.stack.bootstrapServers());
        double transaction = TransactionCost.millisPerTransaction(run.stack.bootstrapServers(), topic, 300);
        run.out.printf("One Kafka transaction (produce, send offsets, commit): %.1f ms%n", transaction);
        run.detail(
                NAME,
                String.format(
                        "one Kafka transaction on this broker, as the command processor commits "
                                + "(one record, the input's offsets, commit), 300 in a row: %.1f ms each; a command is answered "
                                + "only after the transaction holding it commits",
                        transaction));
        // The command path's incidents leave the status page: their thousands of updates would
        // otherwise be in every summary.json the next sections read.
        service.resolveIncidents(incidents);
    }

    /** One concurrency: HTTP beside the synchronous producer with as many threads (and, the first time, ProducerPerformance). */
    private static void measure(
            Run run, IncidentServiceClient service, List<String> incidents, int clients, boolean first) {
        BenchSettings settings = run.settings;
        HttpCommandLoad http = new HttpCommandLoad(service, incidents, clients);
        run.out.printf(
                "HTTP, %d clients: warming up for %d s ...%n",
                clients, settings.warmup().toSeconds());
        Measurement warm = http.run(settings.warmup());
        run.out.println("  warm-up: " + describe(warm));
        if (warm.perSecond() == 0) {
            throw new BenchException("no update was accepted during the warm-up; see incident-service's log");
        }

        String bootstrap = run.stack.bootstrapServers();
        RecordShape shape = RecordShape.sample(bootstrap, Set.copyOf(incidents));
        run.shape = Optional.of(shape);
        run.out.printf(
                "Sampled %d %s records from %s: key %d B, value %d B, headers %d B%n",
                shape.sampled(),
                shape.eventType(),
                RecordShape.EVENTS_TOPIC,
                shape.keyBytes(),
                shape.valueBytes(),
                shape.headerBytes());
        String topic = CeilingTopic.ensure(bootstrap);
        List<Measurement> httpRuns = new ArrayList<>();
        Map<String, Duration> httpCpu = new LinkedHashMap<>();
        List<Measurement> synchronousRuns = new ArrayList<>();
        List<Measurement> pipelinedRuns = new ArrayList<>();
        try (SynchronousProducerLoad synchronous =
                new SynchronousProducerLoad(bootstrap, topic, shape, settings.incidents(), clients)) {
            PipelinedProducerLoad pipelined = new PipelinedProducerLoad(bootstrap, topic, shape.valueBytes());
            run.out.printf(
                    "Synchronous producer: warming up for %d s ...%n",
                    settings.ceilingWarmup().toSeconds());
            run.out.println("  warm-up: " + describe(synchronous.run(settings.ceilingWarmup())));
            if (first) {
                run.out.printf(
                        "ProducerPerformance: warming up for %d s ...%n",
                        settings.ceilingWarmup().toSeconds());
                pipelined.warmUp(settings.ceilingWarmup());
            }

            CpuAccount cpu = CpuAccount.start(run.stack.processes());
            for (int r = 1; r <= settings.runs(); r++) {
                run.out.printf(
                        "Run %d of %d (%d s each line)%n",
                        r, settings.runs(), settings.measure().toSeconds());
                Map<String, Duration> before = CpuAccount.cpuTimes(run.stack.processesByName());
                httpRuns.add(measured(run, "HTTP", http.run(settings.measure())));
                CpuAccount.cpuTimes(run.stack.processesByName())
                        .forEach((process, after) -> httpCpu.merge(
                                process, after.minus(before.getOrDefault(process, Duration.ZERO)), Duration::plus));
                synchronousRuns.add(measured(run, "synchronous producer", synchronous.run(settings.measure())));
                if (first) {
                    pipelinedRuns.add(measured(run, "ProducerPerformance", pipelined.run(settings.measure())));
                }
            }
            run.accountCpu(NAME + ", " + clients + " clients", cpu);
        }
        if (first) {
            run.commandCapacity =
                    Optional.of(Figure.of(httpRuns, Measurement::perSecond).median());
        }

        String post = String.format("`POST /api/v1/incidents/{id}/updates`, %d clients, closed loop", clients);
        String pipelinedName = String.format(
                "Kafka `ProducerPerformance` (kafka-tools %s), pipelined, %d B",
                AppInfoParser.getVersion(), shape.valueBytes());
        String synchronousName = String.format("Kafka producer, %d threads, synchronous sends", clients);
        SummaryTable table = run.table;
        if (first) {
            table.add(
                    NAME,
                    post + ": accepted/s",
                    SummaryTable.Unit.PER_SECOND,
                    values(httpRuns, Measurement::perSecond),
                    pipelinedName,
                    values(pipelinedRuns, Measurement::perSecond));
        }
        table.add(
                NAME,
                post + ": accepted/s",
                SummaryTable.Unit.PER_SECOND,
                values(httpRuns, Measurement::perSecond),
                synchronousName,
                values(synchronousRuns, Measurement::perSecond));
        table.add(
                NAME,
                post + ": p50 of the `201`",
                SummaryTable.Unit.MILLIS,
                values(httpRuns, Measurement::p50Millis),
                synchronousName + ", p50",
                values(synchronousRuns, Measurement::p50Millis));
        table.add(
                NAME,
                post + ": p99 of the `201`",
                SummaryTable.Unit.MILLIS,
                values(httpRuns, Measurement::p99Millis),
                synchronousName + ", p99",
                values(synchronousRuns, Measurement::p99Millis));
        double accepted = httpRuns.stream()
                .mapToDouble(m -> m.perSecond() * settings.measure().toMillis() / 1000.0)
                .sum();
        if (accepted > 0) {
            run.detail(NAME, cpuPerCommand(clients, httpCpu, accepted));
        }
        long notAccepted = httpRuns.stream().mapToLong(Measurement::notAccepted).sum();
        run.detail(
                NAME,
                String.format(
                        "%d clients: record shape (mean of %d `%s` records read back from "
                                + "`incident-events`): key %d B, value %d B (Avro, Confluent wire format), headers %d B; %d HTTP "
                                + "answers other than `201` in the measured runs%s",
                        clients,
                        shape.sampled(),
                        shape.eventType(),
                        shape.keyBytes(),
                        shape.valueBytes(),
                        shape.headerBytes(),
                        notAccepted,
                        first
                                ? String.format(
                                        "; ProducerPerformance's own latencies (send → ack, queueing included, not comparable): "
                                                + "p50 %s ms, p99 %s ms",
                                        Figure.of(pipelinedRuns, Measurement::p50Millis)
                                                .format(0),
                                        Figure.of(pipelinedRuns, Measurement::p99Millis)
                                                .format(0))
                                : ""));
    }

    /**
     * What one accepted command costs the machine, process by process: with every process's share added up, the
     * most commands per second the machine's cores could accept were they never idle.
     */
    private static String cpuPerCommand(int clients, Map<String, Duration> cpu, double accepted) {
        StringBuilder text = new StringBuilder(
                String.format("%d clients: CPU time per accepted command, over the HTTP runs: ", clients));
        double total = 0;
        for (Map.Entry<String, Duration> process : cpu.entrySet()) {
            double millis = process.getValue().toNanos() / 1e6 / accepted;
            total += millis;
            text.append(String.format("%s %.2f ms, ", process.getKey(), millis));
        }
        int cores = Runtime.getRuntime().availableProcessors();
        text.append(String.format(
                "%.2f ms in all: %d cores busy all the time would accept at most about %,.0f commands/s",
                total, cores, cores * 1000 / total));
        return text.toString();
    }

    private static List<Double> values(List<Measurement> runs, java.util.function.ToDoubleFunction<Measurement> value) {
        return runs.stream().map(m -> value.applyAsDouble(m)).toList();
    }

    private static Measurement measured(Run run, String line, Measurement measurement) {
        run.out.printf("  %-22s %s%n", line + ":", describe(measurement));
        return measurement;
    }

    private static String describe(Measurement m) {
        return String.format(
                "%,.0f/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms%s",
                m.perSecond(),
                m.p50Millis(),
                m.p99Millis(),
                m.maxMillis(),
                m.notAccepted() < 0 ? "" : ", " + m.notAccepted() + " not accepted");
    }
}
