package org.incidentplatform.bench;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** BENCHMARKS.md: what is measured and how, then this run's table, machine and command. */
record BenchmarkReport(ZonedDateTime date, Machine machine, String command, BenchSettings settings,
                       String deployment, Optional<RecordShape> shape, ResultTable table) {

    String markdown() {
        StringBuilder text = new StringBuilder();
        text.append("""
                # Benchmarks

                Written by the benchmark harness (`bench/`, a `main`, not part of `./mvnw verify`); run it again
                to replace this file. It measures incident-service's command path beside its ceiling, Kafka's
                own producer on the same broker, on the same machine and in the same run.

                ## How to run

                ```sh
                bench/run.sh                     # build what is needed, start a broker, registry and incident-service, measure
                bench/run.sh --clients 32 --measure 30
                bench/run.sh --target http://127.0.0.1:8080 --token "$ADMIN_TOKEN" --bootstrap 127.0.0.1:9092
                ```

                Options: `--clients N` (16), `--incidents N` (64), `--warmup S` (20; the producer lines get half),
                `--measure S` (20), `--runs N` (3), `--target URL --token T` to drive a running incident-service
                (admin token), `--bootstrap HOST:PORT` with it for the producer ceilings, `--report FILE`,
                `--service-jvm-options "..."` (`-Xmx1g`), `--keep-data`. Started mode needs ports on 127.0.0.1
                only and leaves its logs in `bench/target/bench-data-*/logs/`. About 5 minutes with the defaults.

                ## What each line is

                - **HTTP**: C clients (`java.net.http.HttpClient`, HTTP/1.1, keep-alive, loopback), each posting
                  `POST /api/v1/incidents/{id}/updates` with `{"message":"..."}` (one new event each, reporter
                  token) and waiting for the answer before the next (closed loop). Client c writes to incidents
                  c, c+C, c+2C, ... of the declared ones, so all partitions work and no two clients race on one
                  incident. *accepted/s* counts `201`s answered inside the window; latencies are of those `201`s;
                  *not accepted* counts every other status and failed request.
                - **Kafka producer, synchronous**: the ceiling with the same concurrency model. C threads share one
                  `KafkaProducer` (`acks=all`, `enable.idempotence=true`, `linger.ms=0` as incident-service's own
                  command producer), and each `send(...).get()`s one record at a time, which is what one HTTP
                  request waits for. Records copy the shape of the events the HTTP line wrote, read back as raw
                  bytes from `incident-events`: the same key length (keys spread over as many incidents), value
                  size and headers, to a topic with as many partitions (`bench-producer-ceiling`).
                - **Kafka ProducerPerformance, pipelined**: `org.apache.kafka.tools.ProducerPerformance` (the code
                  behind `kafka-producer-perf-test.sh`) called as a library: one producer sending asynchronously
                  without limit, `acks=all`, idempotent, Kafka's default batching, values of the sampled event's
                  size. It shows the broker's maximum on this machine; its latencies are per record from `send()`
                  to the acknowledgement, queueing included, so they are not comparable with the other lines.
                  It is given a record count: the warm-up learns the rate, each run asks for rate × run length.
                  After each of its runs the harness calls `sync`, so the gigabyte or so it wrote goes to disk
                  then, not ~30 s later in the middle of the next line's run.

                Each line is warmed up once (HTTP for `--warmup`, the producer lines for half of it: the
                service's JIT needs tens of seconds at its rate, the broker's produce path a few), then the lines
                are measured in turn, run after run, so a drift of the machine touches every line alike. Each
                figure is the median of the runs, with (min–max); a wide spread, often a slow first run while the
                JVMs still compile, says to raise `--warmup`. *HTTP ÷ line* is the HTTP line's median accepted/s
                over that line's.

                One `201` is more work than one acknowledged record: the request is authenticated and parsed,
                the command is produced to `incident-commands`, the owning Kafka Streams task decides it
                against the incident's state and commits, in one `exactly_once_v2` transaction, the event,
                the state-store changelog, the idempotency record and the answer on
                `incident-command-results`, which the waiting HTTP thread reads. The ratio to the synchronous
                line is that path's cost; the ratio to the pipelined line is how much of the broker the
                command path can use. All processes share this machine's cores: the broker and the load
                generators run in the harness JVM, incident-service in its own. The harness reads `/proc/stat`
                and its processes' CPU time to say under the table how much of the machine other processes
                took while it measured (kernel write-back counts there too); above 0.2 cores it says so.
                """);
        text.append("\n## Results\n\n");
        text.append("Run on ").append(date.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
                .append(", ").append(settings.runs()).append(settings.runs() == 1 ? " run of " : " runs of ")
                .append(settings.measure().toSeconds()).append(" s per line after ")
                .append(settings.warmup().toSeconds()).append(" s of warm-up (producer lines ")
                .append(settings.ceilingWarmup().toSeconds()).append(" s), ")
                .append(settings.clients()).append(" clients, ").append(settings.incidents()).append(" incidents.\n\n");
        text.append(table.markdown()).append('\n');
        shape.ifPresent(s -> text.append("Record shape (mean of ").append(s.sampled()).append(" `")
                .append(s.eventType())
                .append("` records read back from `incident-events`): key ").append(s.keyBytes()).append(" B, value ")
                .append(s.valueBytes()).append(" B (Avro, Confluent wire format), headers ").append(s.headerBytes())
                .append(" B.\n\n"));
        text.append("Every run:\n\n").append(table.runs()).append('\n');
        text.append("### Machine\n\n").append(machine.markdown()).append("- system under test: ").append(deployment)
                .append("\n\n");
        text.append("### Command\n\nFrom the repository root:\n\n```sh\n").append(command).append("\n```\n");
        return text.toString();
    }
}
