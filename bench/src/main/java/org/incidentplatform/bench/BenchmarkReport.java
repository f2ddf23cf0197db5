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
            `commit.interval.ms` 10, `poll.ms` 5: 70 to 129 and 171 to 255. A JFR recording of incident-service
            on the 16-client line (`-XX:StartFlightRecording`, `jfr print --events jdk.ExecutionSample`) showed
            its stream thread on the CPU a few per cent of the time: decoding, deciding and encoding a command
            take about a millisecond; the rest is waiting for Kafka. A probe of transactions in a row on the
            embedded broker (one record, the input's offsets, commit) took 22 ms each, 16 of them in the first
            send of each transaction, which the broker retries every `add.partitions.to.txn.retry.backoff.ms`
            (20 ms) until the previous transaction's markers are written; with 1 ms (now set in the embedded
            broker and `docker-compose.yml`) 12 ms.

            A full harness run the same day with all of that (3 runs per line; stopped in the rebuild section,
            whose wait for projection-service's `caughtUp` read a health detail that is now shown to admins
            only, fixed since; so the table stayed the 2026-11 one until the full run of 17:59): command path 16 clients
            127 / 204 / 220 `201`/s (p50 68–119 ms) beside the synchronous producer's 10,833–13,604/s; 64
            clients 512 / 691 / 638/s (p50 86–117 ms) beside 19,878–22,739/s; one transaction 39 ms under that
            load; end to end at 500/s offered 283–413/s achieved, visible p99 410–520 ms, delivered p99
            5.7–6.4 s; at 102/s all achieved, visible p99 34–41 ms, delivered p99 134–152 ms; `summary.json`
            3,212–6,876 req/s beside nginx's 22,633–30,416; `/` 2,130–2,615 beside 6,723–7,985. An earlier run
            of the same day, with the long incident before the end-to-end section, took one incident to 10,000
            updates three times: its last 1,000 at 145, 196 and 208/s beside its first 1,000 at 101, 119 and
            205/s (p99 103, 54, 45 ms beside 140, 123, 46 ms): no slowdown with history. Its 10,000 updates also
            pushed notification-service's per-incident digest past 1 MiB (issue #14), which stopped that
            service's fan-out; the long incident now runs last.

            **Status reads, 2026-12-02** (projection-service answering `GET`/`HEAD` of the Statuspage documents and
            `/` in its first servlet filter, `PreparedReads`, from bytes rendered once per version, before Spring
            Security, the dispatcher and observation; partial runs `--only reads --runs 3`, 10 s warm-up, 15 s runs,
            other helpers' builds on the machine at times). Before, the machine quiet (0.03 cores used by others):
            `summary.json` 6,148 (3,307–8,161) req/s beside nginx's 28,526 (24,932–33,915), 0.22, p99 36.0 ms beside
            8.7 (4.15×); `/` (254 KB) 2,196 (1,908–3,076) beside 8,384 (8,353–8,702), 0.26, p99 113.7 ms beside 15.0
            (7.58×). The filter writing the bytes from the heap (0.74 cores used by others): `summary.json` 0.43 of
            nginx, `/` 0.27. The filter handing bodies of 16 KiB or more to Tomcat's sendfile (0.27 cores used by
            others): `summary.json` 13,433 (9,790–14,363) beside 28,842 (17,273–29,298), **0.47**, p99 15.1 ms beside
            9.1 (**1.66×**); `/` 3,176 (3,140–3,835) beside 6,134 (5,780–7,186), **0.52**, p99 72.5 ms beside 31.5
            (**2.30×**). Short of the goal (0.8 of nginx's req/s, p99 within 2×). CPU per request, from the processes'
            own CPU time over a 40 s `wrk` run: writing from the heap 92 µs for `summary.json` and 429 µs for `/`
            (nginx 30 and 61), with sendfile 67 and 216 µs (nginx 26 and 76); from the heap, `/` went out in some
            thirty 8 KiB socket writes, each copied into a direct buffer and waited on by a request thread. A JFR
            recording with sendfile (`jcmd <pid> JFR.start settings=profile`, `jfr print --events
            jdk.ExecutionSample`) has no Spring and almost nothing of the filter left (8 % of the samples, most of it
            handing the file over); Tomcat's own per-request work is the rest: 23 % in writing the response headers
            (`Http11Processor.prepareResponse` → `MessageBytes.toBytes`, a new `CharsetEncoder` and a char-by-char
            loop for every header value; these answers carry a dozen, the chain's CORS `Vary` and Spring Security's
            headers among them), request parsing, the hand-over from poller to worker thread, and opening the file for
            each sendfile. `wrk` shares the same two cores with both servers.

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

            **Read model, 2026-12-02** (projection-service issue #15, items 1 and 2, in part). An in-process replay
            benchmark, `bench/analytics`'s `ReplayBenchmark` (`java -Xms3g -Xmx3g -cp
            bench/analytics/target/bench-analytics.jar
            -Dloader.main=org.incidentplatform.bench.analytics.ReplayBenchmark
            org.springframework.boot.loader.launch.PropertiesLauncher --rounds 2`), replays 979,136 generated events
            (100,000 incidents and maintenances, messages of 150 to 400 characters, back-filled, reopened, retracted,
            catalogue changes) encoded in the platform's wire format into `LiveStatus`, without Kafka. Before and
            after, run back to back with the machine's load average at 18 to 26 (other builds), so wall-clock rates
            swung fourfold and the replaying thread's CPU time is the figure to compare: decode and apply 177,000 to
            229,000 events per CPU-second before, 211,000 to 344,000 after; apply only 247,000 to 269,000 before,
            391,000 to 408,000 after; heap kept by the model after full GCs 731 MiB before, 539 MiB after, of which
            the message text itself is about 283 MiB (so 448 MiB of structure before, 256 MiB after). What changed:
            an update keeps its event id as two longs and its time as epoch milliseconds, component ids and single
            component changes are shared, the views of every incident's updates are no longer built in advance but
            read from the append-only update log when asked for, what an incident imposes is renewed only when an
            event changes it, and the follower no longer sets MDC entries and formats an event id per event;
            `max.poll.records` 5000 and 4 MiB per-partition fetches for the catch-up. A JFR profile of the replay
            after the change (`jfr print --events jdk.ExecutionSample`) shows Avro's string decoding (each string
            read into a `Utf8`, then copied into a `String`) as the largest single item, then the status model's
            per-component bookkeeping (`ComponentStatuses.impose`, hash-map work), then analytics; and
            young-generation pauses copying the growing model. The full harness's rebuild line was not run again: the
            machine never came near quiet in the time there was.

            **Dispatcher watermark, and the command path's CPU, 2026-12-02** (the full run above, machine otherwise
            quiet). notification-service's dispatcher no longer waits up to 1 s after each poll for its deliveries
            (handing the rest over to the retry path); it commits a contiguous watermark per partition and polls
            on. At 500 updates/s offered, `201` → webhook delivered p99 is 500 (488–551) ms, p50 172 ms (2026-11-22:
            p99 5,146 ms, p50 2,765 ms); one update to 10,000 webhooks at 0.65 of the sink driven directly. The
            command path now reports the CPU time each process of the stack spends per accepted command, over the
            HTTP runs. At 64 clients: 2.56 ms in all (the harness with the broker and the load 1.00, incident-service
            1.04, projection-service 0.12, notification-service 0.41), so two cores never idle would accept about
            780 commands/s, and the runs reached 586–830/s: there the path is bound by CPU, not by waiting. A 25 %
            share of the synchronous producer's 30,271/s would need about 0.07 ms of CPU per command for the whole
            stack, HTTP, a command topic, a transaction of events, answers and store changelogs, and three services'
            consumers included; out of reach on these two cores. At 16 clients the stack kept about as many cores
            busy (1.7) for a quarter of the commands, 10.2 ms each: work per unit of time, not per command. Kafka
            Streams commits a transaction every `commit.interval.ms` (10 ms) on each task that processed something,
            and a transaction costs the broker and every read_committed reader about the same whatever it holds, so
            fewer clients put fewer commands in each. The long incident (10,000 updates of one incident, 4 clients)
            answered its last 1,000 updates at 2.3 times the rate of its first 1,000 (the first include the warm-up):
            the cost per command does not grow with the incident.
            """;
}
