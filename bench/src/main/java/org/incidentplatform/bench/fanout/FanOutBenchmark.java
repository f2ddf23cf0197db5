package org.incidentplatform.bench.fanout;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentDeclared;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.events.IncidentUpdatePosted;
import org.incidentplatform.local.LocalPlatform;
import org.incidentplatform.local.ServiceProcess;
import org.incidentplatform.local.kafka.LocalKafkaBroker;
import org.incidentplatform.schemas.TopicSpec;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.schemas.serde.AvroSerializer;

/**
 * notification-service's fan-out of one incident update to many webhook subscribers, all served by
 * one local HTTP sink, beside its ceiling: the same sink driven directly by Java's HTTP client with
 * the same concurrency and bodies of the same size. Run by bench/run-fanout.sh; not a test.
 */
public final class FanOutBenchmark {

    private static final PrintStream out = System.out;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String COMPONENT = "bench-api";

    private int subscribers = 10_000;
    private int concurrency = 32;
    private int runs = 3;
    private List<String> jvmOptions = List.of("-Xms256m", "-Xmx1g", "-XX:+UseSerialGC");
    private Path report;
    private String command = "bench/run-fanout.sh";

    public static void main(String[] args) throws Exception {
        // The harness builds events itself; defaults of the generated builders need Avro to trust them.
        org.incidentplatform.schemas.serde.AvroDeserializer.trustEventClasses();
        FanOutBenchmark bench = new FanOutBenchmark();
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
                case "--subscribers" -> { subscribers = Integer.parseInt(value); i++; }
                case "--concurrency" -> { concurrency = Integer.parseInt(value); i++; }
                case "--runs" -> { runs = Integer.parseInt(value); i++; }
                case "--service-jvm-options" -> { jvmOptions = Arrays.asList(value.trim().split("\\s+")); i++; }
                case "--report" -> { report = value.equals("none") ? null : Path.of(value); i++; }
                case "--help" -> {
                    out.println("""
                            bench/run-fanout.sh [--subscribers 10000] [--concurrency 32] [--runs 3]
                                [--service-jvm-options "-Xms256m -Xmx1g -XX:+UseSerialGC"]
                                [--report FILE|none]   (appends a section to BENCHMARKS.md by default)""");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--help)");
            }
        }
    }

    private void run() throws Exception {
        Path home = Path.of(System.getProperty("bench.home", "."));
        Path jar = home.resolve("notification-service/target/notification-service.jar");
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(OffsetDateTime.now(ZoneOffset.UTC));
        Path data = home.resolve("bench/target/bench-fanout-" + stamp);
        Path logs = data.resolve("logs");
        Files.createDirectories(logs);
        String started = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(OffsetDateTime.now(ZoneOffset.UTC));
        String token = randomHex();
        List<Figures> service = new ArrayList<>();
        List<Figures> ceiling = new ArrayList<>();
        int bodyBytes;

        out.println("Starting broker and registry in " + data + " ...");
        try (LocalPlatform platform = LocalPlatform.start(data.resolve("platform"), 0, 0, 0);
             WebhookSink sink = new WebhookSink(Math.max(64, concurrency * 2));
             KafkaProducer<String, IncidentEvent> producer = producer(platform)) {
            createTopics(platform.bootstrapServers());
            Map<String, String> env = new LinkedHashMap<>();
            env.put("KAFKA_BOOTSTRAP_SERVERS", platform.bootstrapServers());
            env.put("SCHEMA_REGISTRY_URL", platform.schemaRegistryUrl());
            env.put("PLATFORM_ADMIN_TOKEN", token);
            env.put("NOTIFICATION_SERVICE_LINK_SECRET", randomHex());
            env.put("NOTIFICATION_SERVICE_ALLOW_LIST", "127.0.0.1");
            env.put("NOTIFICATION_SERVICE_STREAMS_STATE_DIR", data.resolve("streams").toString());
            env.put("NOTIFICATION_SERVICE_OUTBOX_DIR", data.resolve("outbox").toString());
            env.put("NOTIFICATION_SERVICE_PER_HOST_CONCURRENCY", String.valueOf(concurrency));
            env.put("NOTIFICATION_SERVICE_MAX_IN_FLIGHT", String.valueOf(concurrency * 2));
            // The harness subscribes 10,000 endpoints from one address.
            env.put("NOTIFICATION_SERVICE_RATE_LIMIT_BURST", String.valueOf(subscribers * 2));
            ServiceProcess notification = ServiceProcess.start("notification-service-fanout", jar,
                    LocalKafkaBroker.freePort(), logs, jvmOptions, env);
            try {
                notification.awaitHealthy(Duration.ofMinutes(3));
                subscribe(notification.url(), token, sink);
                String incident = "inc-bench-" + UUID.randomUUID();
                out.printf("Warm-up: declaring an incident to all %,d subscribers ...%n", subscribers);
                Figures warmup = deliver(producer, sink, declared(incident), 1);
                out.println("warm-up (declaration): " + warmup.line());
                for (int r = 1; r <= runs; r++) {
                    Figures figures = deliver(producer, sink, updated(incident, r + 1), r + 1);
                    service.add(figures);
                    out.println("run " + r + " service: " + figures.line());
                }
            } finally {
                notification.stop();
            }
            String body = sink.sample();
            bodyBytes = body.getBytes(StandardCharsets.UTF_8).length;
            direct(sink, body);
            for (int r = 1; r <= runs; r++) {
                Figures figures = direct(sink, body);
                ceiling.add(figures);
                out.println("run " + r + " ceiling: " + figures.line());
            }
        }

        StringBuilder md = new StringBuilder();
        md.append("\n## Notification fan-out (notification-service)\n\n");
        md.append("Run on ").append(started).append(", ").append(machine()).append(". Command: `").append(command)
                .append("`.\n");
        md.append(String.format(Locale.ROOT, "One incident update fanned out to %,d webhook subscribers (one component, "
                + "all served by one local HTTP sink on loopback answering 204 at once, %d threads); %d run(s) after a "
                + "warm-up declaration to the same subscribers, median (min–max). notification-service started with `%s`, "
                + "`per-host-concurrency` %d (all subscribers are one host), 2 dispatch consumers, 6 partitions; "
                + "latency is from the incident event's append (the harness's producer acknowledged) to the sink "
                + "receiving the delivery, so it includes the fan-out transaction, the dispatcher's poll, the signed "
                + "POST and nothing after. The ceiling is the same sink driven directly by `java.net.http.HttpClient` "
                + "(HTTP/1.1) from %d threads, POSTing the same %d-byte body with Standard Webhooks headers signed per "
                + "request, timed from the first send. Broker, registry, sink and harness share one JVM; the service "
                + "is a child JVM; all share the machine's cores.%n%n",
                subscribers, Math.max(64, concurrency * 2), runs, String.join(" ", jvmOptions), concurrency, concurrency,
                bodyBytes));
        md.append("| line | deliveries/s | time to last delivery | p50 append → delivery | p99 append → delivery | ÷ ceiling |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        md.append(row("notification-service: incident update → " + String.format("%,d", subscribers)
                + " signed webhooks", service, ceiling));
        md.append(row("ceiling: HttpClient, " + concurrency + " threads → same sink, same body", ceiling, null));
        String section = md.toString();
        out.println(section);
        if (report != null) {
            Files.writeString(report, section, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            out.println("Appended to " + report);
        }
    }

    /** Time from the append of one event to every subscriber's delivery of it. */
    private Figures deliver(KafkaProducer<String, IncidentEvent> producer, WebhookSink sink, IncidentEvent event,
                            long sequence) throws Exception {
        sink.clear();
        producer.send(new ProducerRecord<>(Topics.INCIDENT_EVENTS.name(), event.getIncidentId(), event)).get();
        long appended = System.nanoTime();
        long deadline = appended + Duration.ofMinutes(15).toNanos();
        while (sink.count(sequence) < subscribers) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + sink.count(sequence) + " of " + subscribers
                        + " deliveries within 15 minutes");
            }
            Thread.sleep(20);
        }
        return Figures.of(appended, sink.arrivals(sequence));
    }

    /** The ceiling: the same number of POSTs of the same body to the same sink, from {@code concurrency} threads. */
    private Figures direct(WebhookSink sink, String body) throws Exception {
        sink.clear();
        String secret = Base64.getEncoder().encodeToString(new byte[24]);
        String ceilingBody = body.replaceFirst("\"sequence\":\\d+", "\"sequence\":0");
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            workers.add(threads.submit(() -> {
                for (int i = next.getAndIncrement(); i < subscribers; i = next.getAndIncrement()) {
                    String id = UUID.randomUUID().toString();
                    long timestamp = Instant.now().getEpochSecond();
                    try {
                        HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(
                                        URI.create(sink.url("/hooks/" + i)))
                                .timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/json")
                                .header("webhook-id", id)
                                .header("webhook-timestamp", Long.toString(timestamp))
                                .header("webhook-signature", sign(secret, id, timestamp, ceilingBody))
                                .POST(HttpRequest.BodyPublishers.ofString(ceilingBody)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() / 100 != 2) {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        threads.shutdown();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " direct POSTs failed");
        }
        return Figures.of(start, sink.arrivals(0));
    }

    private void subscribe(String url, String token, WebhookSink sink) throws Exception {
        out.printf("Subscribing %,d webhooks ...%n", subscribers);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < 8; t++) {
            workers.add(threads.submit(() -> {
                for (int i = next.getAndIncrement(); i < subscribers; i = next.getAndIncrement()) {
                    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/subscriptions"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"webhook\",\"target\":\""
                                    + sink.url("/hooks/" + i) + "\",\"components\":[\"" + COMPONENT + "\"]}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 201) {
                        throw new IllegalStateException("subscribe answered " + response.statusCode() + ": "
                                + response.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        threads.shutdown();
        out.printf("Subscribed in %.1f s.%n", (System.nanoTime() - start) / 1e9);
        // The fan-out reads subscriptions from the topic on its own; give its global store a moment.
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/subscriptions"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (list.body().split("\"channel\"", -1).length - 1 >= subscribers) {
                break;
            }
            Thread.sleep(200);
        }
        Thread.sleep(2000);
    }

    private static IncidentEvent declared(String incident) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return envelope(incident, 1, IncidentDeclared.newBuilder().setTitle("Elevated API error rates")
                .setImpact(Impact.major).setStatus(IncidentStatus.investigating)
                .setMessage("We are investigating elevated error rates on the API.")
                .setComponents(Map.of(COMPONENT, ComponentStatus.partial_outage))
                .setStartedAt(now).setDetectedAt(now).build());
    }

    private static IncidentEvent updated(String incident, long sequence) {
        return envelope(incident, sequence, IncidentUpdatePosted.newBuilder()
                .setMessage("Update " + sequence + ": a fix is being deployed.")
                .setStatus(IncidentStatus.identified).build());
    }

    private static IncidentEvent envelope(String incident, long sequence, Object payload) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return IncidentEvent.newBuilder().setEventId(UUID.randomUUID()).setIncidentId(incident).setSequence(sequence)
                .setOccurredAt(now).setRecordedAt(now).setActor("bench").setPayload(payload).build();
    }

    private static KafkaProducer<String, IncidentEvent> producer(LocalPlatform platform) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        AvroSerializer<IncidentEvent> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", platform.schemaRegistryUrl()), false);
        return new KafkaProducer<>(props, new StringSerializer(), serializer);
    }

    private static void createTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<NewTopic> topics = new ArrayList<>();
            for (TopicSpec spec : List.of(Topics.INCIDENT_EVENTS, Topics.INCIDENT_EVENTS_DLT)) {
                topics.add(new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs()));
            }
            admin.createTopics(topics).all().get();
        }
    }

    private static String sign(String secret, String id, long timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    private static String randomHex() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String row(String line, List<Figures> runs, List<Figures> ceiling) {
        double ratio = ceiling == null ? Double.NaN
                : median(runs, Figures::perSecond) / median(ceiling, Figures::perSecond);
        return String.format(Locale.ROOT, "| %s | %s | %s s | %s ms | %s ms | %s |%n", line,
                spread(runs, Figures::perSecond, "%,.0f"), spread(runs, Figures::lastSeconds, "%.2f"),
                spread(runs, Figures::p50Millis, "%,.0f"), spread(runs, Figures::p99Millis, "%,.0f"),
                Double.isNaN(ratio) ? "—" : String.format(Locale.ROOT, "%.2f", ratio));
    }

    private static String spread(List<Figures> runs, java.util.function.ToDoubleFunction<Figures> value, String format) {
        double[] values = runs.stream().mapToDouble(value).sorted().toArray();
        return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", values[values.length / 2],
                values[0], values[values.length - 1]);
    }

    private static double median(List<Figures> runs, java.util.function.ToDoubleFunction<Figures> value) {
        double[] values = runs.stream().mapToDouble(value).sorted().toArray();
        return values[values.length / 2];
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
        } catch (java.io.IOException e) {
            return "unknown machine";
        }
    }

    /** One run: deliveries per second to the last one, and latency percentiles from the start. */
    record Figures(int count, double lastSeconds, double p50Millis, double p99Millis) {

        static Figures of(long startNanos, List<WebhookSink.Arrival> arrivals) {
            long[] latencies = arrivals.stream().mapToLong(a -> a.nanos() - startNanos).sorted().toArray();
            return new Figures(latencies.length, latencies[latencies.length - 1] / 1e9,
                    latencies[(int) Math.ceil(latencies.length * 0.50) - 1] / 1e6,
                    latencies[(int) Math.ceil(latencies.length * 0.99) - 1] / 1e6);
        }

        double perSecond() {
            return count / lastSeconds;
        }

        String line() {
            return String.format(Locale.ROOT, "%,d deliveries, %,.0f/s, last after %.2f s, p50 %.0f ms, p99 %.0f ms",
                    count, perSecond(), lastSeconds, p50Millis, p99Millis);
        }
    }
}
