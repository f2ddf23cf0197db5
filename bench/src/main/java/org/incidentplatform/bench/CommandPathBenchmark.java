package org.incidentplatform.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.utils.AppInfoParser;

/**
 * incident-service's command path beside its ceiling, on this machine, in one run: single-event
 * HTTP updates from C clients, then Kafka's own producer on the same broker with the same record
 * size, synchronously from C threads (the HTTP line's concurrency model) and pipelined (the
 * broker's maximum). Each line is warmed up once, then all are measured {@code runs} times, in turn,
 * so a drift of the machine during the run touches every line alike.
 */
public final class CommandPathBenchmark {

    private CommandPathBenchmark() {
    }

    public static void main(String[] args) {
        // Decimal points, not commas, in what we print and in what ProducerPerformance prints for us to read.
        Locale.setDefault(Locale.ROOT);
        Path home = Path.of(System.getProperty("bench.home", ".")).toAbsolutePath().normalize();
        if (List.of(args).contains("--help")) {
            System.out.print(BenchSettings.USAGE);
            return;
        }
        BenchSettings settings;
        try {
            settings = BenchSettings.parse(List.of(args), home);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(BenchSettings.USAGE);
            System.exit(2);
            return;
        }
        Path dataDir = Deployment.Started.dataDirectory(home);
        // The broker, the registry and the Kafka clients log to a file, not over the results;
        // set before any logger exists.
        System.setProperty("org.slf4j.simpleLogger.logFile", settings.target().isPresent()
                ? "System.err" : dataDir.resolve("logs").resolve("platform.log").toString());
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        try {
            if (settings.target().isEmpty()) {
                Files.createDirectories(dataDir.resolve("logs"));
            }
            run(settings, dataDir, reproduceCommand(args), System.out);
        } catch (BenchException | IOException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    static void run(BenchSettings settings, Path dataDir, String command, PrintStream out) throws IOException {
        ZonedDateTime started = ZonedDateTime.now();
        Machine machine = Machine.current();
        ResultTable table = new ResultTable();
        RecordShape shape = null;
        String deploymentDescription;
        try (Deployment deployment = Deployment.of(settings, dataDir, out)) {
            deploymentDescription = deployment.description();
            IncidentServiceClient service = new IncidentServiceClient(deployment.serviceUrl(), deployment.tokens());
            out.printf("Adding component %s and declaring %d incidents at %s ...%n", IncidentServiceClient.COMPONENT_ID,
                    settings.incidents(), deployment.serviceUrl());
            service.addComponent();
            List<String> incidents = service.declareIncidents(settings.incidents());
            HttpCommandLoad http = new HttpCommandLoad(service, incidents, settings.clients());

            out.printf("HTTP: warming up for %d s ...%n", settings.warmup().toSeconds());
            Measurement warm = http.run(settings.warmup());
            out.println("  warm-up: " + describe(warm));
            if (warm.perSecond() == 0) {
                throw new BenchException("no update was accepted during the warm-up; see incident-service's log");
            }

            SynchronousProducerLoad synchronous = null;
            PipelinedProducerLoad pipelined = null;
            Optional<String> bootstrap = deployment.bootstrapServers();
            if (bootstrap.isPresent()) {
                shape = RecordShape.sample(bootstrap.get(), Set.copyOf(incidents));
                out.printf("Sampled %d %s records from %s: key %d B, value %d B, headers %d B%n", shape.sampled(),
                        shape.eventType(), RecordShape.EVENTS_TOPIC, shape.keyBytes(), shape.valueBytes(),
                        shape.headerBytes());
                String topic = CeilingTopic.ensure(bootstrap.get());
                synchronous = new SynchronousProducerLoad(bootstrap.get(), topic, shape, settings.incidents(),
                        settings.clients());
                pipelined = new PipelinedProducerLoad(bootstrap.get(), topic, shape.valueBytes());
                out.printf("Synchronous producer: warming up for %d s ...%n", settings.ceilingWarmup().toSeconds());
                out.println("  warm-up: " + describe(synchronous.run(settings.ceilingWarmup())));
                out.printf("ProducerPerformance: warming up for %d s ...%n", settings.ceilingWarmup().toSeconds());
                pipelined.warmUp(settings.ceilingWarmup());
            }

            CpuAccount cpu = CpuAccount.start(deployment.benchmarkProcesses());
            List<Measurement> httpRuns = new ArrayList<>();
            List<Measurement> synchronousRuns = new ArrayList<>();
            List<Measurement> pipelinedRuns = new ArrayList<>();
            for (int run = 1; run <= settings.runs(); run++) {
                out.printf("Run %d of %d (%d s each line)%n", run, settings.runs(), settings.measure().toSeconds());
                httpRuns.add(measured(out, "HTTP", http.run(settings.measure())));
                if (synchronous != null) {
                    synchronousRuns.add(measured(out, "synchronous producer", synchronous.run(settings.measure())));
                    pipelinedRuns.add(measured(out, "ProducerPerformance", pipelined.run(settings.measure())));
                }
            }
            cpu.stop().ifPresent(usage -> {
                table.cpuUsage(usage);
                out.println("While measured, " + usage.describe() + ".");
                if (usage.otherCores() > 0.2) {
                    out.println("WARNING: other processes competed for the cores; every figure is lower than "
                            + "this machine can do. Run again when it is idle.");
                }
            });
            if (synchronous != null) {
                synchronous.close();
            }

            table.add(String.format("HTTP `POST /api/v1/incidents/{id}/updates`, %d clients, %d incidents",
                    settings.clients(), settings.incidents()), httpRuns);
            String ceilingName = "Kafka producer, %d threads, synchronous sends";
            String pipelinedName = "Kafka `ProducerPerformance` (kafka-tools " + AppInfoParser.getVersion()
                    + "), 1 producer, pipelined";
            if (shape != null) {
                table.add(String.format(ceilingName + ", acks=all, idempotent, records of key %d B + value %d B + "
                                + "headers %d B", settings.clients(), shape.keyBytes(), shape.valueBytes(),
                        shape.headerBytes()), synchronousRuns);
                table.add(String.format(pipelinedName + ", acks=all, idempotent, %d B values", shape.valueBytes()),
                        pipelinedRuns);
            } else {
                table.notMeasured(String.format(ceilingName, settings.clients()), "no --bootstrap for the target");
                table.notMeasured(pipelinedName, "no --bootstrap for the target");
            }
        }
        out.println();
        out.print(table.markdown());
        out.println();
        out.print(table.runs());
        BenchmarkReport report = new BenchmarkReport(started, machine, command, settings, deploymentDescription,
                Optional.ofNullable(shape), table);
        Files.writeString(settings.report(), report.markdown());
        out.println("\nWritten to " + settings.report());
    }

    private static Measurement measured(PrintStream out, String line, Measurement measurement) {
        out.printf("  %-22s %s%n", line + ":", describe(measurement));
        return measurement;
    }

    private static String describe(Measurement m) {
        return String.format("%,.0f/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms%s", m.perSecond(), m.p50Millis(),
                m.p99Millis(), m.maxMillis(), m.notAccepted() < 0 ? "" : ", " + m.notAccepted() + " not accepted");
    }

    /** The command to reproduce this run, as run.sh passes it, with any token left out. */
    private static String reproduceCommand(String[] args) {
        String launcher = System.getProperty("bench.command", "java -jar bench/target/bench.jar");
        StringBuilder command = new StringBuilder(launcher);
        for (int i = 0; i < args.length; i++) {
            boolean secret = i > 0 && args[i - 1].equals("--token");
            command.append(' ').append(secret ? "\"$TOKEN\"" : quoted(args[i]));
        }
        return command.toString();
    }

    private static String quoted(String arg) {
        return arg.matches("[A-Za-z0-9_./:=@%+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
