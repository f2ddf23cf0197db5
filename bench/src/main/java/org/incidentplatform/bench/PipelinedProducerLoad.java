package org.incidentplatform.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * The broker's own maximum: Kafka's {@code ProducerPerformance} (kafka-producer-perf-test) run as a
 * library, one producer sending asynchronously as fast as the broker takes it, acks=all and
 * idempotent, with records of the sampled event's value size. It is given a record count, not a
 * time, so the warm-up learns the rate and each run asks for that rate times the run's length.
 */
final class PipelinedProducerLoad {

    // ProducerPerformance's closing line, e.g. "500000 records sent, 98231.0 records/sec (40.1 MB/sec),
    // 215.3 ms avg latency, 410.0 ms max latency, 210 ms 50th, 380 ms 95th, 402 ms 99th, 409 ms 99.9th."
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec .*?"
            + "([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");
    private static final long FIRST_WARMUP_RECORDS = 20_000;

    private final String bootstrapServers;
    private final String topic;
    private final int recordBytes;
    private double recordsPerSecond;

    PipelinedProducerLoad(String bootstrapServers, String topic, int recordBytes) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.recordBytes = recordBytes;
    }

    /** Runs ProducerPerformance until {@code length} has passed, learning the rate for {@link #run}. */
    void warmUp(Duration length) {
        long deadline = System.nanoTime() + length.toNanos();
        long records = FIRST_WARMUP_RECORDS;
        do {
            recordsPerSecond = send(records).perSecond();
            long remainingNanos = deadline - System.nanoTime();
            records = Math.max(FIRST_WARMUP_RECORDS, (long) (recordsPerSecond * remainingNanos / 1e9));
        } while (System.nanoTime() < deadline);
    }

    Measurement run(Duration length) {
        if (recordsPerSecond == 0) {
            warmUp(Duration.ZERO);
        }
        Measurement measurement = send(Math.max(FIRST_WARMUP_RECORDS, (long) (recordsPerSecond * length.toSeconds())));
        recordsPerSecond = measurement.perSecond();
        return measurement;
    }

    private Measurement send(long records) {
        List<String> args = List.of(
                "--topic",
                topic,
                "--num-records",
                String.valueOf(records),
                "--record-size",
                String.valueOf(recordBytes),
                "--throughput",
                "-1",
                "--bootstrap-server",
                bootstrapServers,
                "--reporting-interval",
                "3600000",
                "--command-property",
                "acks=all",
                "enable.idempotence=true",
                "client.id=bench-pipelined-ceiling");
        String output =
                KafkaTools.run("ProducerPerformance", () -> ProducerPerformance.main(args.toArray(String[]::new)));
        flushDirtyPages();
        Matcher summary = SUMMARY.matcher(output);
        if (!summary.find()) {
            throw new BenchException("ProducerPerformance printed no summary:\n" + output);
        }
        // ProducerPerformance measures each record from send() to its acknowledgement, queueing included.
        return new Measurement(
                Double.parseDouble(summary.group(2)),
                Double.parseDouble(summary.group(5)),
                Double.parseDouble(summary.group(7)),
                Double.parseDouble(summary.group(4)),
                -1);
    }

    /**
     * A run writes a gigabyte or more; the kernel would write it back some 30 s later, during the
     * next line's run, on the same cores. {@code sync} writes it back now, between runs.
     */
    private static void flushDirtyPages() {
        try {
            Process sync = new ProcessBuilder("sync")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!sync.waitFor(60, TimeUnit.SECONDS)) {
                sync.destroy();
            }
        } catch (IOException notUnix) {
            // No sync command: the next line pays for the write-back, as it would without this.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }
}
