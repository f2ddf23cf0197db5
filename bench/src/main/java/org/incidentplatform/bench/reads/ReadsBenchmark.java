package org.incidentplatform.bench.reads;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.local.LocalPlatform;
import org.incidentplatform.local.ServiceProcess;
import org.incidentplatform.local.kafka.LocalKafkaBroker;
import org.incidentplatform.schemas.TopicSpec;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.schemas.serde.AvroSerializer;

/**
 * projection-service's reads and rebuild, each beside its ceiling on the same machine in the same
 * run: {@code wrk} against two pages next to nginx serving the same bytes as static files, and a
 * fresh instance replaying incident-events next to a plain KafkaConsumer reading the same topic.
 * Run by bench/run-reads.sh.
 */
public final class ReadsBenchmark {

    private static final PrintStream out = System.out;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> PATHS = List.of("/api/v2/summary.json", "/");
    private static final Pattern ISO_TIME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:?\\d{2}))");
    private static final Pattern CAUGHT_UP = Pattern.compile("caught up with incident-events: (\\d+) events applied");

    private int seconds = 15;
    private int warmup = 5;
    private int runs = 3;
    private int connections = 64;
    private int threads = 2;
    private int incidents = 200;
    private long rebuildEvents = 1_000_000;
    private int eventsPerIncident = 10;
    private List<String> jvmOptions = List.of("-Xms256m", "-Xmx1g");
    private Path report;
    private String command = "bench/run-reads.sh";

    public static void main(String[] args) throws Exception {
        ReadsBenchmark bench = new ReadsBenchmark();
        bench.parse(args);
        bench.run();
        System.exit(0);
    }

    private void parse(String[] args) {
        Path home = Path.of(System.getProperty("bench.home", "."));
        report = home.resolve("BENCHMARKS.md");
        command = System.getProperty("bench.command", command) + (args.length > 0 ? " " + String.join(" ", args) : "");
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--seconds" -> { seconds = Integer.parseInt(value); i++; }
                case "--warmup" -> { warmup = Integer.parseInt(value); i++; }
                case "--runs" -> { runs = Integer.parseInt(value); i++; }
                case "--connections" -> { connections = Integer.parseInt(value); i++; }
                case "--threads" -> { threads = Integer.parseInt(value); i++; }
                case "--incidents" -> { incidents = Integer.parseInt(value); i++; }
                case "--rebuild-events" -> { rebuildEvents = Long.parseLong(value); i++; }
                case "--service-jvm-options" -> { jvmOptions = Arrays.asList(value.trim().split("\\s+")); i++; }
                case "--report" -> { report = value.equals("none") ? null : Path.of(value); i++; }
                case "--help" -> {
                    out.println("""
                            bench/run-reads.sh [--seconds 15] [--warmup 5] [--runs 3] [--connections 64] [--threads 2]
                                [--incidents 200] [--rebuild-events 1000000] [--service-jvm-options "-Xms256m -Xmx1g"]
                                [--report FILE|none]   (appends a section to BENCHMARKS.md by default)""");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--help)");
            }
        }
    }

    private void run() throws Exception {
        Path home = Path.of(System.getProperty("bench.home", "."));
        Path jar = home.resolve("projection-service/target/projection-service.jar");
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(OffsetDateTime.now(ZoneOffset.UTC));
        Path data = home.resolve("bench/target/bench-reads-" + stamp);
        Path logs = data.resolve("logs");
        Files.createDirectories(logs);
        String started = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(OffsetDateTime.now(ZoneOffset.UTC));
        Wrk wrk = new Wrk(connections, threads);
        List<String> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        out.println("Starting broker and registry in " + data + " ...");
        try (LocalPlatform platform = LocalPlatform.start(data.resolve("platform"), 0, 0, 0)) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("KAFKA_BOOTSTRAP_SERVERS", platform.bootstrapServers());
            env.put("SCHEMA_REGISTRY_URL", platform.schemaRegistryUrl());
            createTopics(platform.bootstrapServers());
            long seeded;
            try (KafkaProducer<String, IncidentEvent> producer = producer(platform)) {
                seeded = seed(producer);
            }
            out.printf("Seeded %,d events (catalogue of %d components in %d groups, %d incidents).%n",
                    seeded, EventStreams.COMPONENTS, EventStreams.GROUPS, incidents);

            // 1. Status reads.
            ServiceProcess service = ServiceProcess.start("projection-service-reads", jar, LocalKafkaBroker.freePort(),
                    logs, withoutHeartbeats(jvmOptions), env);
            Map<String, List<Wrk.Result>> results = new LinkedHashMap<>();
            Map<String, Integer> sizes = new HashMap<>();
            try {
                awaitCaughtUp(service, Duration.ofMinutes(3));
                Path root = data.resolve("static");
                Files.createDirectories(root.resolve("api/v2"));
                for (String path : PATHS) {
                    byte[] body = fetch(service.url() + path);
                    sizes.put(path, body.length);
                    Files.write(path.equals("/") ? root.resolve("index.html") : root.resolve(path.substring(1)), body);
                }
                try (StaticNginx nginx = StaticNginx.start(data.resolve("nginx"), root, LocalKafkaBroker.freePort())) {
                    for (String path : PATHS) {
                        byte[] served = fetch(nginx.url() + path);
                        if (served.length != sizes.get(path)) {
                            throw new IllegalStateException("nginx serves " + served.length + " B for " + path
                                    + ", the service " + sizes.get(path) + " B");
                        }
                        out.printf("Warming up %s (%d B) for %d s each ...%n", path, sizes.get(path), warmup);
                        wrk.run(service.url() + path, warmup);
                        wrk.run(nginx.url() + path, warmup);
                    }
                    for (int r = 1; r <= runs; r++) {
                        for (String path : PATHS) {
                            for (boolean ceiling : new boolean[] {false, true}) {
                                String key = (ceiling ? "nginx " : "service ") + path;
                                Wrk.Result result = wrk.run((ceiling ? nginx.url() : service.url()) + path, seconds);
                                results.computeIfAbsent(key, k -> new ArrayList<>()).add(result);
                                out.printf("run %d %-32s %,10.0f req/s  p99 %7.2f ms  errors %d%n", r, key,
                                        result.requestsPerSecond(), result.p99Millis(), result.errors());
                            }
                        }
                    }
                }
            } finally {
                service.stop();
            }
            for (String path : PATHS) {
                List<Wrk.Result> s = results.get("service " + path);
                List<Wrk.Result> n = results.get("nginx " + path);
                double ratio = median(s, Wrk.Result::requestsPerSecond) / median(n, Wrk.Result::requestsPerSecond);
                rows.add(row("projection-service `GET " + path + "` (" + sizes.get(path) + " B)", s, ratio));
                rows.add(row("nginx " + StaticNginx.version() + " static file, same " + sizes.get(path) + " B", n, Double.NaN));
            }

            // 2. Rebuild.
            out.printf("Appending %,d events ...%n", rebuildEvents);
            long appendStart = System.nanoTime();
            long appended;
            try (KafkaProducer<String, IncidentEvent> producer = producer(platform)) {
                appended = append(producer);
            }
            double appendSeconds = (System.nanoTime() - appendStart) / 1e9;
            out.printf("Appended %,d events in %.1f s (%,.0f/s).%n", appended, appendSeconds, appended / appendSeconds);
            long total = seeded + appended;

            out.println("Starting a fresh projection-service to replay " + String.format("%,d", total) + " events ...");
            long t0 = System.nanoTime();
            ServiceProcess fresh = ServiceProcess.start("projection-service-rebuild", jar, LocalKafkaBroker.freePort(),
                    logs, withoutHeartbeats(jvmOptions), env);
            String memory;
            double toUp;
            String catchUp = null;
            long applied = -1;
            try {
                awaitCaughtUp(fresh, Duration.ofMinutes(30));
                toUp = (System.nanoTime() - t0) / 1e9;
                List<String> log = Files.readAllLines(fresh.logFile(), StandardCharsets.UTF_8);
                OffsetDateTime catching = null;
                OffsetDateTime caught = null;
                for (String line : log) {
                    if (line.contains("catching up with incident-events")) {
                        catching = time(line);
                    }
                    Matcher m = CAUGHT_UP.matcher(line);
                    if (m.find()) {
                        caught = time(line);
                        applied = Long.parseLong(m.group(1));
                    }
                }
                if (catching != null && caught != null) {
                    double s = Duration.between(catching, caught).toMillis() / 1000.0;
                    catchUp = String.format(Locale.ROOT, "%.1f s, %s events/s", s, fmt(total / s));
                }
                Thread.sleep(1000);
                long heap = heapUsed(fresh.url());
                long rss = rss(fresh.handle().pid());
                memory = String.format(Locale.ROOT, "heap used %.0f MiB (of %s), RSS %.0f MiB",
                        heap / 1048576.0, String.join(" ", jvmOptions), rss / 1024.0);
            } finally {
                fresh.stop();
            }
            out.printf("Fresh projection-service UP after %.1f s (%s/s); catch-up from its log: %s; %s%n",
                    toUp, fmt(total / toUp), catchUp, memory);

            List<Double> consumerRates = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                double s = consumeAll(platform.bootstrapServers(), total);
                consumerRates.add(total / s);
                out.printf("KafkaConsumer run %d: %,d records in %.2f s (%,.0f/s)%n", r + 1, total, s, total / s);
            }
            double consumerMedian = medianOf(consumerRates);
            rows.add(String.format(Locale.ROOT, "| rebuild: fresh projection-service, process start → `/actuator/health` UP, %s events | %s events/s | — | %.1f s | %s |",
                    fmt(total), fmt(total / toUp), toUp, ratio(total / toUp / consumerMedian)));
            if (catchUp != null) {
                double s = Double.parseDouble(catchUp.substring(0, catchUp.indexOf(' ')));
                rows.add(String.format(Locale.ROOT, "| rebuild: catch-up only (log \"catching up\" → \"caught up … %d events applied\") | %s events/s | — | %.1f s | %s |",
                        applied, fmt(total / s), s, ratio(total / s / consumerMedian)));
            }
            rows.add(String.format(Locale.ROOT, "| KafkaConsumer loop (kafka-clients %s), ByteArrayDeserializer, all 6 partitions from 0 to end, read_committed | %s records/s (%s–%s) | — | %.1f s | — |",
                    org.apache.kafka.common.utils.AppInfoParser.getVersion(), fmt(consumerMedian),
                    fmt(consumerRates.stream().mapToDouble(d -> d).min().orElse(0)),
                    fmt(consumerRates.stream().mapToDouble(d -> d).max().orElse(0)), total / consumerMedian));
            notes.add("After the rebuild (" + fmt(total) + " events, " + fmt(total / eventsPerIncident) + "+ incident streams): " + memory + ".");
            notes.add(String.format(Locale.ROOT, "Events appended by an async producer (acks=all, lz4, linger 10 ms) at %s/s; %d seeded first (catalogue + %d incidents, %d left open).",
                    fmt(appended / appendSeconds), seeded, incidents, incidents / 20));
        }

        StringBuilder md = new StringBuilder();
        md.append("\n## Status reads and rebuild (projection-service)\n\n");
        md.append("Run on ").append(started).append(", ").append(machine()).append(". Command: `").append(command).append("`.\n");
        md.append(String.format(Locale.ROOT, "Reads: `%s` per line, %d run(s) after %d s of warm-up per target, median (min–max); "
                + "projection-service started with `%s`, seeded with a catalogue of %d components in %d groups and %d incidents. "
                + "The ceiling is nginx (`worker_processes auto`, access log off, sendfile) serving the bytes the service answered, "
                + "fetched once, as static files. Load generator, service and nginx share the machine's cores.%n%n",
                wrk.describe(seconds), runs, warmup, String.join(" ", jvmOptions), EventStreams.COMPONENTS, EventStreams.GROUPS, incidents));
        md.append("| line | rate | p99 ms | time | ÷ ceiling |\n|---|---:|---:|---:|---:|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        md.append('\n');
        notes.forEach(n -> md.append("- ").append(n).append('\n'));
        String section = md.toString();
        out.println(section);
        if (report != null) {
            Files.writeString(report, section, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            out.println("Appended to " + report);
        }
    }

    private void createTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<NewTopic> topics = new ArrayList<>();
            for (TopicSpec spec : List.of(Topics.INCIDENT_EVENTS, Topics.INCIDENT_EVENTS_DLT)) {
                topics.add(new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs()));
            }
            admin.createTopics(topics).all().get();
        }
    }

    private KafkaProducer<String, IncidentEvent> producer(LocalPlatform platform) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L * 1024 * 1024));
        props.put("schema.registry.url", platform.schemaRegistryUrl());
        return new KafkaProducer<>(props, new StringSerializer(), serializer(platform));
    }

    private static AvroSerializer<IncidentEvent> serializer(LocalPlatform platform) {
        AvroSerializer<IncidentEvent> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", platform.schemaRegistryUrl()), false);
        return serializer;
    }

    private long seed(KafkaProducer<String, IncidentEvent> producer) throws Exception {
        long count = 0;
        for (IncidentEvent event : EventStreams.catalogue()) {
            send(producer, event, null);
            count++;
        }
        producer.flush();
        for (int i = 0; i < incidents; i++) {
            boolean open = i % 20 == 0;
            for (IncidentEvent event : EventStreams.incident(String.format("inc-2026-%04d", i), i, 3, open)) {
                send(producer, event, null);
                count++;
            }
        }
        producer.flush();
        return count;
    }

    private long append(KafkaProducer<String, IncidentEvent> producer) throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        long count = 0;
        int streams = (int) Math.max(1, rebuildEvents / eventsPerIncident);
        for (int i = 0; i < streams && count < rebuildEvents; i++) {
            int length = (int) Math.min(eventsPerIncident, rebuildEvents - count);
            if (i == streams - 1) {
                length = (int) (rebuildEvents - count);
            }
            if (length < 2) {
                break;
            }
            for (IncidentEvent event : EventStreams.incident(String.format("inc-r-%07d", i), incidents + i, length, i % 50 == 0)) {
                send(producer, event, failure);
                count++;
            }
            if (failure.get() != null) {
                throw failure.get();
            }
        }
        producer.flush();
        if (failure.get() != null) {
            throw failure.get();
        }
        return count;
    }

    private static void send(KafkaProducer<String, IncidentEvent> producer, IncidentEvent event,
                             AtomicReference<Exception> failure) throws Exception {
        ProducerRecord<String, IncidentEvent> record = new ProducerRecord<>(Topics.INCIDENT_EVENTS.name(),
                event.getIncidentId(), event);
        record.headers().add("eventType", event.getPayload().getClass().getSimpleName().getBytes(StandardCharsets.UTF_8));
        if (failure == null) {
            producer.send(record).get();
        } else {
            producer.send(record, (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
        }
    }

    private static double consumeAll(String bootstrap, long expected) {
        long start = System.nanoTime();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < Topics.INCIDENT_EVENTS.partitions(); p++) {
                partitions.add(new TopicPartition(Topics.INCIDENT_EVENTS.name(), p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long records = 0;
            long bytes = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
                for (var record : batch) {
                    records++;
                    bytes += record.value().length;
                }
            }
            if (records != expected) {
                System.out.printf("note: the consumer read %,d records, %,d expected (%,d B of values)%n", records, expected, bytes);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** No incident-service runs here, so no heartbeats: the pipeline check must not call that DEGRADED. */
    private static List<String> withoutHeartbeats(List<String> jvmOptions) {
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-Dplatform.pipeline.max-heartbeat-age=24h");
        return options;
    }

    /**
     * Waits for the overall health to be UP with the projection caught up. ServiceProcess.awaitHealthy
     * is not enough here: DEGRADED answers 200 and a component's "UP" is in the body too.
     */
    private static void awaitCaughtUp(ServiceProcess service, Duration timeout) throws Exception {
        service.awaitHealthy(timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!service.handle().isAlive()) {
                throw new IllegalStateException(service.name() + " exited; see " + service.logFile());
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.url() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                last = response.body();
                if (response.statusCode() == 200 && last.replace(" ", "").trim().endsWith("\"status\":\"UP\"}")
                        && last.contains("\"caughtUp\":true")) {
                    return;
                }
            } catch (IOException busy) {
                last = busy.toString();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(service.name() + " did not catch up: " + last);
    }

    private static byte[] fetch(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** Sum of {@code jvm_memory_used_bytes{area="heap"}} from the Prometheus endpoint (metrics is not exposed). */
    private static long heapUsed(String url) throws IOException, InterruptedException {
        String body = new String(fetch(url + "/actuator/prometheus"), StandardCharsets.UTF_8);
        double sum = 0;
        for (String line : body.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) sum;
    }

    private static long rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static OffsetDateTime time(String line) {
        Matcher m = ISO_TIME.matcher(line);
        return m.find() ? OffsetDateTime.parse(m.group(1).replaceAll("([+-]\\d{2})(\\d{2})$", "$1:$2")) : null;
    }

    private static String machine() {
        try {
            String model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
            String mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> String.format(Locale.ROOT, "%.1f GiB RAM",
                            Long.parseLong(l.replaceAll("[^0-9]", "")) / 1048576.0)).orElse("");
            return Runtime.getRuntime().availableProcessors() + " cores (" + model + "), " + mem + ", "
                    + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
                    + System.getProperty("java.version");
        } catch (IOException e) {
            return "unknown machine";
        }
    }

    private static String row(String name, List<Wrk.Result> results, double ratio) {
        long errors = results.stream().mapToLong(Wrk.Result::errors).sum();
        return String.format(Locale.ROOT, "| %s | %s req/s (%s–%s)%s | %.2f (%.2f–%.2f) | — | %s |", name,
                fmt(median(results, Wrk.Result::requestsPerSecond)),
                fmt(results.stream().mapToDouble(Wrk.Result::requestsPerSecond).min().orElse(0)),
                fmt(results.stream().mapToDouble(Wrk.Result::requestsPerSecond).max().orElse(0)),
                errors > 0 ? ", " + errors + " errors" : "",
                median(results, Wrk.Result::p99Millis),
                results.stream().mapToDouble(Wrk.Result::p99Millis).min().orElse(0),
                results.stream().mapToDouble(Wrk.Result::p99Millis).max().orElse(0),
                Double.isNaN(ratio) ? "—" : ratio(ratio));
    }

    private static String ratio(double r) {
        return r >= 0.1 ? String.format(Locale.ROOT, "%.2f", r) : String.format(Locale.ROOT, "%.3f (1/%.0f)", r, 1 / r);
    }

    private static double median(List<Wrk.Result> results, java.util.function.ToDoubleFunction<Wrk.Result> f) {
        return medianOf(results.stream().map(r -> f.applyAsDouble(r)).collect(Collectors.toList()));
    }

    private static double medianOf(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }
}
