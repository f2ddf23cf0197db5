package org.incidentplatform.bench;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** BENCHMARKS.md: this run's table, machine, date and command, then what each line is and how it is measured. */
record BenchmarkReport(
        ZonedDateTime date,
        Duration took,
        Machine machine,
        String command,
        BenchSettings settings,
        SummaryTable table,
        List<String> details) {

    String markdown() {
        StringBuilder text = new StringBuilder();
        text.append("""
                # Benchmarks

                Written by the benchmark harness (`bench/run-all.sh`, a `main` in the `bench` module, not part of
                `./mvnw verify`); run it again to replace this file. It starts one stack (a Kafka broker and the
                schema registry in its JVM, the three services as child JVMs) and measures each figure beside its
                ceiling in the same run, on the same machine.

                """);
        if (settings.quick()) {
            text.append("""
                    **This is a `--quick` run** (one run per line, short windows, fewer events and subscribers): it
                    checks that the harness works; its figures are not the full ones. Run `bench/run-all.sh` for those.

                    """);
        }
        text.append("## Results\n\n");
        text.append("Run on ")
                .append(date.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
                .append(" in ")
                .append(took.toMinutes())
                .append(" min; ")
                .append(settings.runs())
                .append(settings.runs() == 1 ? " run" : " runs")
                .append(" per line, each figure the median with (min–max); ")
                .append("*÷ ceiling* is the figure's median over its ceiling's (below 1: a share of the ceiling's "
                        + "rate; ×: how many times the ceiling's latency).\n\n");
        text.append(table.markdown()).append('\n');
        text.append("### Details\n\n");
        for (String detail : details) {
            text.append("- ").append(detail).append('\n');
        }
        text.append("\n### Every run\n\n").append(table.runs()).append('\n');
        text.append("### Machine\n\n").append(machine.markdown()).append('\n');
        text.append("### Command\n\nFrom the repository root:\n\n```sh\n")
                .append(command)
                .append("\n```\n\n");
        text.append(EXPLANATIONS);
        return text.toString();
    }

    static final String EXPLANATIONS = """
            ## How to run

            ```sh
            bench/run-all.sh                 # the full figures: 3 runs, 1,000,000 events, 10,000 subscribers (~30 min on 2 cores)
            bench/run-all.sh --quick         # checks the harness works in a few minutes: 1 run, 100,000 events, 1,000 subscribers
            bench/run-all.sh --only reads,command --runs 5
            ```

            `bench/run-all.sh --help` lists the options. It builds the services and the harness first
            (`BENCH_SKIP_BUILD=1` to use the jars as they are), installs `wrk` and `nginx` from Debian's
            packages when missing, binds to 127.0.0.1 only, and leaves its logs in
            `bench/target/bench-data-*/logs/`. Don't run it beside a big build on a small machine: it measures
            the machine, and says under the table how much of the cores other processes took.

            The sections run in this order on the one stack: status reads, command path, end to end, rebuild
            and memory, fan-out (notification-service's work per event grows with its subscribers), long incident
            (last, one run: its 10,000 updates outgrow notification-service's per-incident digest, against ARCHITECTURE.md's Cost and state, and
            stop that service's fan-out). Before them the harness adds a catalogue (10 components in 3 groups, plus the
            harness's own) through incident-service and appends 200 incidents of history straight to
            `incident-events`, so the status pages have something to show.

            ## What each line is

            - **status reads**: `wrk -t2 -c64 --latency` against projection-service's `/api/v2/summary.json`
              and `/`, after a warm-up, beside nginx (`worker_processes auto`, access log off, sendfile) serving
              the bytes the service answered, fetched once, as static files. Load generator, service and nginx
              share the machine's cores.
            - **command path**: C clients (16, then 64; `java.net.http.HttpClient`, HTTP/1.1, keep-alive) each posting
              `POST /api/v1/incidents/{id}/updates` and waiting for the answer before the next (closed loop);
              client c writes to incidents c, c+C, ... so all partitions work and no two clients race on one
              incident. *accepted/s* counts `201`s inside the window. Beside it, Kafka's
              `ProducerPerformance` (kafka-tools, as a library) sending records of the sampled event's value
              size asynchronously without limit (acks=all, idempotent): the broker's maximum; and a
              `KafkaProducer` shared by C threads each `send(...).get()`ing one record of the event's key,
              value and header sizes at a time (acks=all, idempotent, `linger.ms=0`): the ceiling with the HTTP
              line's concurrency model, whose latencies are comparable. One `201` is more work than one
              acknowledged record: the request is authenticated and parsed, the command produced to
              `incident-commands`, the owning Kafka Streams task decides it and commits, in one
              `exactly_once_v2` transaction, the event, the state-store changelog, the idempotency record and
              the answer on `incident-command-results`, which the waiting HTTP thread reads.
            - **long incident**: one incident declared, then taken to N updates (10,000) by 4 clients in a
              closed loop, all on that incident; its last 1,000 updates (accepted/s over their span, p99 of the
              `201`) beside its first 1,000. A write path whose cost grows with history shows a ratio well
              below 1.
            - **end to end**: updates sent open loop, on a fixed schedule whatever the answers do, to 32
              incidents declared for the run (and resolved after it, so `summary.json` grows by one run's
              updates at most), first at the offered 500/s, then at half the command path's measured
              accepted/s. A tick that finds 256 updates still unanswered is skipped and counted: the
              *achieved* line says how much of the offered rate became `201`s. *visible*: as a `201`
              arrives (every one up to 50/s, one in ⌈rate/50⌉ above, so the harness's own reads stay at 50/s
              and leave the cores to the writes), the harness asks `/api/v2/summary.json` with `X-Await-Version: <incident>=<version from
              the 201's ETag>`; projection-service holds the request until it has applied that version (woken
              by the projection, no polling) and answers `X-Awaited-Version: reached`; the latency runs from
              the `201` to that answer, so its resolution is one loopback request of `summary.json` (when the
              update is already applied, that is all it measures). *delivered*: one webhook subscriber on the
              harness's HTTP sink follows the incidents' component; the sink notes each POST's arrival time
              with the incident id and event sequence of its body, matched to the `201` of that version.
              The ceiling is Kafka's `EndToEndLatency` (kafka-tools): one record produced with acks=all, then
              consumed, then the next, on the same broker; it reports whole milliseconds.
            - **fan-out**: N webhook subscribers (all on one local HTTP sink answering 204 at once) to a
              component no other section touches; one incident update appended to `incident-events`;
              deliveries/s to the last delivery, after a warm-up declaration to the same subscribers. The
              ceiling is the same sink driven directly by `java.net.http.HttpClient` from as many threads as
              notification-service's per-host concurrency, POSTing the same body with Standard Webhooks
              headers signed per request. The service does per delivery what the ceiling does not: it reads
              the delivery from Kafka, checks the target against the SSRF policy, renders the body, and
              appends an attempt record (acks=all).
            - **rebuild**: with projection-service and notification-service stopped, N events (N/10 incidents
              of ten events, one in fifty left open) are appended straight to `incident-events`; Kafka's
              `ConsumerPerformance` (kafka-tools, as a library) reads the whole topic (read_committed, a new
              group each run); then a fresh projection-service is started, cold, and
              timed from process start until its health is UP and caught up (first line, against
              `ConsumerPerformance`'s whole run including its group join), and from its own log's "catching up"
              to "caught up" (second line, against `ConsumerPerformance`'s fetch time only).
            - **memory**: after each rebuild run, incident-service and the fresh projection-service, then
              notification-service, restarted and given up to 15 minutes to process the appended events (the
              details say how far it got), are each asked for a full GC (`jcmd <pid> GC.run`); then heap used
              is read from `/actuator/prometheus` (`jvm_memory_used_bytes{area="heap"}`) and RSS from
              `/proc/<pid>/status` (`VmRSS`). The events went straight into the log, not
              through incident-service's command path, so incident-service's stores hold only what that path
              wrote (its known-components view reads the catalogue's partition); projection-service holds every incident,
              notification-service its subscriptions and digests.

            ## History

            Earlier figures from the separate scripts this harness replaces (2 cores, AMD EPYC, JDK 17):
            command path 147 `201`/s (p50 93 ms, p99 224 ms) beside 9,172 synchronous and 277,035 pipelined
            producer records/s (2026-11-22 04:17); `summary.json` 3,547 req/s and `/` 1,964 req/s beside
            nginx's 24,717 and 8,777, a 1,000,613-event rebuild at 31,565 events/s (catch-up only) beside a
            hand-written consumer loop's 595,332, heap 757 MiB and RSS 1,261 MiB of projection-service after it
            (06:50); 10,000 webhooks at 828 deliveries/s beside 2,799 for the sink driven directly (06:18).
            Before the rebuild applied a polled batch at once (04:42), it replayed at 196 events/s.
            `bench/run-analytics.sh` still measures the analytics read model in-process.

            **Command path, 2026-12-02** (incident-service deciding against snapshots instead of replaying each
            stream's history; quick runs of `--only command --runs 1 --measure 10` on this noisy 2-core
            machine, accepted/s at 16 and 64 clients): `commit.interval.ms` 50 with the default `poll.ms` 100
            (before) 101 and 264; `commit.interval.ms` 0, `poll.ms` 5 (first try) 45 to 59 and 83 to 128,
            worse, because Kafka Streams then commits after one record per task, a transaction per command;
            `commit.interval.ms` 10, `poll.ms` 5: 70 to 129 and 171 to 255. A JFR recording of
            incident-service on the 16-client line (`-XX:StartFlightRecording`, `jfr print --events
            jdk.ExecutionSample`) showed its stream thread on the CPU a few per cent of the time: decoding,
            deciding and encoding a command take about a millisecond; the rest is waiting for Kafka. A probe of
            transactions in a row on the embedded broker (one record, the input's offsets, commit; what
            the bench now reports under the command path) took 22 ms each, 16 of them in the first send of
            each transaction, which the broker retries every `add.partitions.to.txn.retry.backoff.ms` (20 ms)
            until the previous transaction's markers are written; with 1 ms (now set in the embedded broker and
            `docker-compose.yml`) 12 ms. Every command waits for the transaction that holds it, so the command
            path is bounded by clients per transaction time, far below a producer that is acknowledged per
            record (the 25 % goal of the ceiling is not reached; see the closing note of that session).

            **Fan-out, 2026-12-02** (notification-service writing one announcement per notifiable event, which the
            dispatcher expands; partial runs `--only fanout`, 3 runs per line, the machine otherwise quiet): one
            update to 10,000 webhooks at 3,004 (2,719–3,239) deliveries/s beside 3,591 (3,374–4,565) for the sink
            driven directly, 0.84 of it (before: 828 beside 2,799, 0.30). One update to 100,000 webhooks (one
            run): the last delivery 20.5 s after the append (p50 11.7 s), notification-service's heap 194 MiB
            after a GC (RSS 946 MiB), and its topics grew by 29 MB, all of it the delivery log's attempt records
            (about 290 B each); the announcement itself is 956 B. The first run of that line took 56 s and wrote
            64 MB to each of the retry topics: every delivery that waited in the host's queue longer than the
            webhook timeout was deferred by 30 s though the host answered 2,000 a second; a queued delivery is now
            deferred only when its host answered nothing for a whole timeout (or after 2 minutes in the queue).
            """;
}
