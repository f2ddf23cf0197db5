package org.incidentplatform.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import org.incidentplatform.schemas.serde.AvroDeserializer;

/**
 * The benchmark harness (ARCHITECTURE.md, Benchmarks and the fault suite): starts one stack (broker and registry in this JVM, the three
 * services as child JVMs) and runs every section against it, each figure beside its ceiling
 * measured in the same run on the same machine, then writes one table to BENCHMARKS.md.
 * Run by bench/run-all.sh; not part of the test run.
 */
public final class PlatformBenchmark {

    private PlatformBenchmark() {}

    public static void main(String[] args) {
        // Decimal points, not commas, in what we print and in what Kafka's tools print for us to read.
        Locale.setDefault(Locale.ROOT);
        Path home =
                Path.of(System.getProperty("bench.home", ".")).toAbsolutePath().normalize();
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
        Path dataDir = Stack.dataDirectory(home);
        // The broker, the registry and the Kafka clients log to a file, not over the results; set before any logger.
        System.setProperty(
                "org.slf4j.simpleLogger.logFile",
                dataDir.resolve("logs").resolve("platform.log").toString());
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // The harness builds events itself; defaults of the generated builders need Avro to trust them.
        AvroDeserializer.trustEventClasses();
        try {
            Files.createDirectories(dataDir.resolve("logs"));
            run(settings, dataDir, reproduceCommand(args), System.out);
        } catch (Exception e) {
            System.err.println("bench: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    static void run(BenchSettings settings, Path dataDir, String command, PrintStream out) throws Exception {
        ZonedDateTime started = ZonedDateTime.now();
        long begin = System.nanoTime();
        Machine machine = Machine.current();
        Run run;
        try (Stack stack = Stack.start(settings, dataDir, out)) {
            // Ctrl-C or a kill must not leave the three service JVMs running.
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "bench-stack-stop"));
            run = new Run(settings, stack, out);
            IncidentServiceClient service = new IncidentServiceClient(stack.incidentUrl(), stack.tokens());
            out.println("Adding the catalogue and seeding " + ReadsSection.HISTORY + " incidents of history ...");
            service.addCatalogue();
            ReadsSection.seedHistory(stack);
            if (settings.runs(BenchSettings.Section.READS)) {
                ReadsSection.run(run);
            }
            if (settings.runs(BenchSettings.Section.COMMAND)) {
                CommandPathSection.run(run);
            }
            if (settings.runs(BenchSettings.Section.E2E)) {
                EndToEndSection.run(run);
            }
            // Before the fan-out's thousands of subscribers: notification-service's work per event grows with
            // them, and the memory figure is of the events, not of the subscriptions.
            if (settings.runs(BenchSettings.Section.REBUILD)) {
                RebuildSection.run(run);
            }
            if (settings.runs(BenchSettings.Section.FANOUT)) {
                FanOutSection.run(run);
            }
            // Last: one incident taken to ten thousand updates leaves the longest stream in every store; the
            // other sections measure the stack without it.
            if (settings.runs(BenchSettings.Section.LONG)) {
                LongIncidentSection.run(run);
            }
            run.detail("harness", "system under test: " + stack.description());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        out.println();
        out.print(run.table.markdown());
        BenchmarkReport report =
                new BenchmarkReport(started, took, machine, command, settings, run.table, run.details());
        Files.writeString(settings.report(), report.markdown());
        out.printf("%nWritten to %s (%d min %d s).%n", settings.report(), took.toMinutes(), took.toSecondsPart());
    }

    /** The command to reproduce this run, as run-all.sh passes it. */
    private static String reproduceCommand(String[] args) {
        StringBuilder command = new StringBuilder(System.getProperty("bench.command", "bench/run-all.sh"));
        for (String arg : args) {
            command.append(' ')
                    .append(arg.matches("[A-Za-z0-9_./:=@%+,-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return command.toString();
    }
}
