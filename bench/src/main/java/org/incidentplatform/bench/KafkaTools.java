package org.incidentplatform.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.ConsumerPerformance;
import org.apache.kafka.tools.EndToEndLatency;

/**
 * Kafka's own measuring tools (kafka-tools) called as a library, as their scripts would run them:
 * what they print is captured and read, and their calls to Exit cannot end this JVM.
 */
final class KafkaTools {

    /** ConsumerPerformance's result line: start, end, MB, MB/s, records, records/s, rebalance ms, fetch ms, ... */
    record Consumed(
            long records,
            double recordsPerSecond,
            long rebalanceMillis,
            long fetchMillis,
            double fetchRecordsPerSecond) {}

    /** EndToEndLatency's closing lines, in milliseconds (the tool's resolution: whole ms for percentiles). */
    record RoundTrips(double averageMillis, double p50Millis, double p99Millis) {}

    private static final Pattern AVERAGE = Pattern.compile("Avg latency: ([\\d.]+) ms");
    private static final Pattern PERCENTILES = Pattern.compile("Percentiles: 50th = (\\d+), 99th = (\\d+)");

    private KafkaTools() {}

    /**
     * {@code kafka-consumer-perf-test}: one consumer in a new group reading {@code records} records
     * of {@code topic} from the beginning, as raw bytes.
     */
    static Consumed consumerPerformance(String bootstrap, String topic, long records, List<String> properties) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "--bootstrap-server",
                bootstrap,
                "--topic",
                topic,
                "--num-records",
                String.valueOf(records),
                "--timeout",
                "60000",
                "--hide-header"));
        if (!properties.isEmpty()) {
            args.add("--command-property");
            args.addAll(properties);
        }
        String output = run("ConsumerPerformance", () -> ConsumerPerformance.main(args.toArray(String[]::new)));
        return parseConsumed(output);
    }

    static Consumed parseConsumed(String output) {
        for (String line : output.split("\n")) {
            String[] fields = line.trim().split(",\\s*");
            if (fields.length >= 10 && fields[4].matches("\\d+")) {
                return new Consumed(
                        Long.parseLong(fields[4]),
                        Double.parseDouble(fields[5]),
                        Long.parseLong(fields[6]),
                        Long.parseLong(fields[7]),
                        Double.parseDouble(fields[9]));
            }
        }
        throw new BenchException("ConsumerPerformance printed no result line:\n" + output);
    }

    /**
     * {@code kafka-e2e-latency}: one producer (acks=all) and one consumer; each record is sent when
     * the previous one has been consumed, timed from send to receipt.
     */
    static RoundTrips endToEndLatency(String bootstrap, String topic, int records, int recordBytes) {
        List<String> args = List.of(
                "--bootstrap-server",
                bootstrap,
                "--topic",
                topic,
                "--num-records",
                String.valueOf(records),
                "--producer-acks",
                "all",
                "--record-size",
                String.valueOf(recordBytes));
        String output = run("EndToEndLatency", () -> EndToEndLatency.main(args.toArray(String[]::new)));
        return parseRoundTrips(output);
    }

    static RoundTrips parseRoundTrips(String output) {
        Matcher average = AVERAGE.matcher(output);
        Matcher percentiles = PERCENTILES.matcher(output);
        if (!average.find() || !percentiles.find()) {
            throw new BenchException("EndToEndLatency printed no percentiles:\n" + output);
        }
        return new RoundTrips(
                Double.parseDouble(average.group(1)),
                Double.parseDouble(percentiles.group(1)),
                Double.parseDouble(percentiles.group(2)));
    }

    @FunctionalInterface
    interface Tool {
        void run() throws Exception;
    }

    private static final class Exited extends RuntimeException {
        private final int status;

        Exited(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** The tool prints its results and may call Exit on bad arguments; neither may reach this JVM's own. */
    static String run(String name, Tool tool) {
        // Decimal points in what the tools print for us to read.
        Locale.setDefault(Locale.ROOT);
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Exit.setExitProcedure((status, message) -> {
            throw new Exited(status, message);
        });
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            tool.run();
        } catch (Exited e) {
            // EndToEndLatency ends with Exit.exit(0) when all went well.
            if (e.status != 0) {
                throw new BenchException(
                        name + " exited with " + e.status + ": " + e.getMessage() + "\n"
                                + captured.toString(StandardCharsets.UTF_8),
                        e);
            }
        } catch (BenchException e) {
            throw new BenchException(e.getMessage() + "\n" + captured.toString(StandardCharsets.UTF_8), e);
        } catch (Exception e) {
            throw new BenchException(name + " failed: " + e + "\n" + captured.toString(StandardCharsets.UTF_8), e);
        } finally {
            System.setOut(original);
            Exit.resetExitProcedure();
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
