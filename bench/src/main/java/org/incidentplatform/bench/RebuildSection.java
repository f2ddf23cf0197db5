package org.incidentplatform.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.incidentplatform.local.ServiceProcess;
import org.incidentplatform.schemas.Topics;

/**
 * projection-service's rebuild and every service's memory. With projection-service stopped, the
 * harness appends N events (N/10 incidents of ten events) straight to incident-events, waits for
 * notification-service to have processed them, reads the topic with Kafka's
 * {@code ConsumerPerformance} (the ceiling), then starts a fresh projection-service {@code runs}
 * times, timing each replay, and samples heap (after a GC) and RSS of the three services after each.
 */
final class RebuildSection {

    static final String NAME = "rebuild";
    static final String MEMORY = "memory";
    private static final String TOPIC = Topics.INCIDENT_EVENTS.name();
    private static final Pattern ISO_TIME =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:?\\d{2}))");
    private static final Pattern CAUGHT_UP = Pattern.compile("caught up with incident-events: (\\d+) events applied");

    private RebuildSection() {}

    static void run(Run run) throws Exception {
        BenchSettings settings = run.settings;
        Stack stack = run.stack;
        run.out.printf(
                "%n== Rebuild and memory: stopping projection-service and notification-service, appending "
                        + "%,d events (%,d incidents) ...%n",
                settings.rebuildEvents(), settings.rebuildIncidents());
        // Neither replays live while the rebuild and its ceiling are measured; notification-service
        // catches up afterwards, for its memory figure.
        stack.stopProjection();
        stack.stopNotification();
        long appendStart = System.nanoTime();
        long appended;
        try (EventAppender appender = new EventAppender(stack)) {
            appended = appender.appendIncidents("inc-r", ReadsSection.HISTORY, settings.rebuildEvents());
        }
        double appendSeconds = (System.nanoTime() - appendStart) / 1e9;
        run.out.printf("Appended %,d events in %.1f s (%,.0f/s).%n", appended, appendSeconds, appended / appendSeconds);

        long records = countRecords(stack.bootstrapServers());
        run.out.printf("incident-events holds %,d records (read_committed).%n", records);
        List<Double> wholeRates = new ArrayList<>();
        List<Double> fetchRates = new ArrayList<>();
        List<String> consumerProperties = List.of("isolation.level=read_committed", "client.id=bench-consumer-ceiling");
        KafkaTools.consumerPerformance(stack.bootstrapServers(), TOPIC, records, consumerProperties);
        CpuAccount ceilingCpu = CpuAccount.start(
                List.of(ProcessHandle.current(), stack.incident().handle()));
        for (int r = 1; r <= settings.runs(); r++) {
            KafkaTools.Consumed consumed =
                    KafkaTools.consumerPerformance(stack.bootstrapServers(), TOPIC, records, consumerProperties);
            wholeRates.add(consumed.recordsPerSecond());
            fetchRates.add(consumed.fetchRecordsPerSecond());
            run.out.printf(
                    "ConsumerPerformance run %d: %,d records, %,.0f/s (group join %d ms), fetch only %,.0f/s%n",
                    r,
                    consumed.records(),
                    consumed.recordsPerSecond(),
                    consumed.rebalanceMillis(),
                    consumed.fetchRecordsPerSecond());
        }
        run.accountCpu(NAME + " (ConsumerPerformance)", ceilingCpu);

        List<Double> startToUp = new ArrayList<>();
        List<Double> catchUp = new ArrayList<>();
        Map<String, List<Double>> heap = new LinkedHashMap<>();
        Map<String, List<Double>> rss = new LinkedHashMap<>();
        long applied = -1;
        for (int r = 1; r <= settings.runs(); r++) {
            long t0 = System.nanoTime();
            ServiceProcess fresh = stack.startProjection(run.out);
            CpuAccount cpu = CpuAccount.start(
                    List.of(ProcessHandle.current(), stack.incident().handle(), fresh.handle()));
            stack.awaitProjectionCaughtUp(Duration.ofMinutes(30));
            run.accountCpu(NAME + " run " + r, cpu);
            double seconds = (System.nanoTime() - t0) / 1e9;
            startToUp.add(records / seconds);
            CatchUp log = catchUp(fresh.logFile());
            if (log != null) {
                catchUp.add(log.events() / log.seconds());
                applied = log.events();
            }
            run.out.printf(
                    "Rebuild run %d: fresh projection-service UP and caught up after %.1f s (%,.0f events/s)%s%n",
                    r,
                    seconds,
                    records / seconds,
                    log == null
                            ? ""
                            : String.format(
                                    "; catch-up from its log: %.1f s, %,d events applied (%,.0f/s)",
                                    log.seconds(), log.events(), log.events() / log.seconds()));
            for (ServiceProcess service : List.of(stack.incident(), fresh)) {
                sample(run, service, heap, rss);
            }
        }

        run.out.println("Starting notification-service again to process the appended events ...");
        long waitStart = System.nanoTime();
        ServiceProcess notification = stack.startNotification(run.out);
        Duration budget = settings.quick() ? Duration.ofMinutes(2) : Duration.ofMinutes(15);
        long lag = awaitNotification(stack.bootstrapServers(), budget, run);
        double waited = (System.nanoTime() - waitStart) / 1e9;
        for (int r = 1; r <= settings.runs(); r++) {
            sample(run, notification, heap, rss);
        }
        long processed = Math.max(0, appended - lag);
        run.detail(
                MEMORY,
                String.format(
                        "%,d events in %,d incident streams were appended straight to "
                                + "`incident-events` by one producer (acks=all, lz4, linger 10 ms) at %,.0f/s, not through "
                                + "incident-service's command path: its own stores hold only what went through that path "
                                + "(its known-components store reads every event). projection-service and notification-service "
                                + "were stopped meanwhile; restarted, notification-service %s",
                        appended,
                        settings.rebuildIncidents(),
                        appended / appendSeconds,
                        lag <= Topics.INCIDENT_EVENTS.partitions()
                                ? String.format(
                                        "processed them all in %.0f s (%,.0f events/s)", waited, appended / waited)
                                : String.format(
                                        "had processed about %,d of them (%,.0f events/s) when its budget of %d s ran "
                                                + "out and its memory was sampled: **its memory figure is not yet that of all %,d "
                                                + "events**",
                                        processed, processed / waited, budget.toSeconds(), appended)));

        String ceiling = "Kafka `ConsumerPerformance` (kafka-tools " + AppInfoParser.getVersion() + ")";
        run.table.add(
                NAME,
                String.format("fresh projection-service, process start → caught up and UP, %,d events", records),
                SummaryTable.Unit.PER_SECOND,
                startToUp,
                ceiling + ", whole run",
                wholeRates);
        if (!catchUp.isEmpty()) {
            run.table.add(
                    NAME,
                    String.format(
                            "the same, replay only (its log: \"catching up\" → \"caught up, %,d " + "events applied\")",
                            applied),
                    SummaryTable.Unit.PER_SECOND,
                    catchUp,
                    ceiling + ", fetch only",
                    fetchRates);
        } else {
            run.table.notMeasured(NAME, "replay only", "projection-service's log has no catching-up lines");
        }
        String after = String.format("after %,d events, %,d+ incidents", records, settings.rebuildIncidents());
        for (String service : heap.keySet()) {
            String options = String.join(
                    " ",
                    Stack.JVM_OPTIONS.get(service).stream()
                            .filter(o -> o.startsWith("-Xm"))
                            .toList());
            String note = service.equals(Stack.NOTIFICATION) && lag > Topics.INCIDENT_EVENTS.partitions()
                    ? String.format(" (**%,d of them processed**)", processed)
                    : "";
            run.table.add(
                    MEMORY,
                    service + ": heap used after a GC, " + after + note,
                    SummaryTable.Unit.MIB,
                    heap.get(service),
                    "",
                    List.of());
            run.table.add(
                    MEMORY,
                    service + ": RSS (`VmRSS`, `" + options + "`)",
                    SummaryTable.Unit.MIB,
                    rss.get(service),
                    "",
                    List.of());
        }
    }

    private static void sample(
            Run run, ServiceProcess service, Map<String, List<Double>> heap, Map<String, List<Double>> rss)
            throws IOException, InterruptedException {
        String name = service.name().replaceAll("-\\d+$", "");
        Memory memory = Memory.of(service);
        heap.computeIfAbsent(name, n -> new ArrayList<>()).add(memory.heapMiB());
        rss.computeIfAbsent(name, n -> new ArrayList<>()).add(memory.rssMiB());
        run.out.printf("  %s: heap used after GC %.0f MiB, RSS %.0f MiB%n", name, memory.heapMiB(), memory.rssMiB());
    }

    /** Heap used after a full GC and the process's resident set, in MiB. */
    record Memory(double heapMiB, double rssMiB) {

        static Memory of(ServiceProcess service) throws IOException, InterruptedException {
            long pid = service.handle().pid();
            // jcmd asks the JVM for a full collection: the heap then holds what the service keeps.
            Process gc = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!gc.waitFor(60, TimeUnit.SECONDS)) {
                gc.destroy();
            }
            String metrics =
                    new String(ReadsSection.fetch(service.url() + "/actuator/prometheus"), StandardCharsets.UTF_8);
            return new Memory(heapUsed(metrics) / 1048576.0, rssKiB(pid) / 1024.0);
        }
    }

    /** Sum of {@code jvm_memory_used_bytes{area="heap"}} over the heap's pools. */
    static double heapUsed(String prometheus) {
        double sum = 0;
        for (String line : prometheus.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    record CatchUp(double seconds, long events) {}

    /** From a fresh instance's log: its "catching up" line to its "caught up ... N events applied". */
    static CatchUp catchUp(Path logFile) throws IOException {
        OffsetDateTime catching = null;
        OffsetDateTime caught = null;
        long applied = -1;
        for (String line : Files.readAllLines(logFile, StandardCharsets.UTF_8)) {
            if (line.contains("catching up with incident-events")) {
                catching = time(line);
            }
            Matcher m = CAUGHT_UP.matcher(line);
            if (m.find()) {
                caught = time(line);
                applied = Long.parseLong(m.group(1));
            }
        }
        if (catching == null || caught == null) {
            return null;
        }
        return new CatchUp(Math.max(0.001, Duration.between(catching, caught).toMillis() / 1000.0), applied);
    }

    private static OffsetDateTime time(String line) {
        Matcher m = ISO_TIME.matcher(line);
        return m.find() ? OffsetDateTime.parse(m.group(1).replaceAll("([+-]\\d{2})(\\d{2})$", "$1:$2")) : null;
    }

    /** The records a read_committed consumer sees in the topic: ConsumerPerformance is asked for exactly these. */
    private static long countRecords(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long records = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                records += consumer.poll(Duration.ofMillis(500)).count();
            }
            return records;
        }
    }

    /**
     * Waits, at most {@code budget}, until notification-service's group has committed offsets at
     * the end of incident-events (transaction markers leave a lag of one per partition at most).
     * Returns its lag then.
     */
    static long awaitNotification(String bootstrap, Duration budget, Run run) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long deadline = System.nanoTime() + budget.toNanos();
            long lastReport = System.nanoTime();
            while (true) {
                long lag = lag(admin, Stack.NOTIFICATION);
                if (lag <= Topics.INCIDENT_EVENTS.partitions() || System.nanoTime() > deadline) {
                    return lag;
                }
                if (System.nanoTime() - lastReport > 30_000_000_000L) {
                    run.out.printf("  notification-service's lag on incident-events: %,d%n", lag);
                    lastReport = System.nanoTime();
                }
                Thread.sleep(1000);
            }
        }
    }

    /** The group's committed offsets behind the end of incident-events, summed over partitions. */
    private static long lag(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < Topics.INCIDENT_EVENTS.partitions(); p++) {
            latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        long lag = 0;
        for (var end : admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            lag += Math.max(0, end.getValue().offset() - (offset == null ? 0 : offset.offset()));
        }
        return lag;
    }
}
