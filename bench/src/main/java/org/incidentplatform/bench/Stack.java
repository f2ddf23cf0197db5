package org.incidentplatform.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.incidentplatform.local.LocalPlatform;
import org.incidentplatform.local.ServiceProcess;
import org.incidentplatform.local.kafka.LocalKafkaBroker;

/**
 * The system under test, started once for every section: a fresh Kafka broker (KRaft) and the
 * schema registry in the harness JVM (local-platform, as the local stack runs them), and
 * incident-service, projection-service and notification-service from their jars as child JVMs with
 * the environment the local stack gives them, all on loopback, in a new data directory under
 * {@code bench/target}. projection-service can be stopped and started again: it rebuilds from the
 * log at start, which is what the rebuild section measures.
 */
final class Stack implements AutoCloseable {

    static final String INCIDENT = "incident-service";
    static final String PROJECTION = "projection-service";
    static final String NOTIFICATION = "notification-service";

    /** Heaps sized for 1,000,000 events and 100,000 incidents: projection-service held ~760 MiB of them. */
    static final Map<String, List<String>> JVM_OPTIONS = Map.of(
            INCIDENT, List.of("-Xms256m", "-Xmx1g"),
            // No incident-service heartbeat is late because the machine is busy replaying: not DEGRADED for that.
            PROJECTION, List.of("-Xms512m", "-Xmx2g", "-Dplatform.pipeline.max-heartbeat-age=24h"),
            NOTIFICATION, List.of("-Xms256m", "-Xmx1g"));

    static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final LocalPlatform platform;
    private final AccessTokens tokens;
    private final Map<String, String> environment;
    private final Path dataDir;
    private final Path logDir;
    private final Path home;
    private final boolean keepData;
    private final ServiceProcess incident;
    private ServiceProcess notification;
    private ServiceProcess projection;
    private int projectionStarts = 1;
    private int notificationStarts = 1;
    private boolean closed;

    private Stack(
            LocalPlatform platform,
            AccessTokens tokens,
            Map<String, String> environment,
            Path dataDir,
            Path home,
            boolean keepData,
            ServiceProcess incident,
            ServiceProcess projection,
            ServiceProcess notification) {
        this.platform = platform;
        this.tokens = tokens;
        this.environment = environment;
        this.dataDir = dataDir;
        this.logDir = dataDir.resolve("logs");
        this.home = home;
        this.keepData = keepData;
        this.incident = incident;
        this.projection = projection;
        this.notification = notification;
    }

    static Path dataDirectory(Path home) {
        return home.resolve("bench")
                .resolve("target")
                .resolve("bench-data-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    static Stack start(BenchSettings settings, Path dataDir, PrintStream out) {
        Path logDir = dataDir.resolve("logs");
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new BenchException("cannot create " + logDir + ": " + e.getMessage(), e);
        }
        out.println("Starting Kafka (KRaft) and the schema registry in this JVM, data in " + dataDir + " ...");
        LocalPlatform platform = LocalPlatform.start(dataDir.resolve("platform"), 0, 0, 0);
        AccessTokens tokens = AccessTokens.generate();
        int projectionPort = LocalKafkaBroker.freePort();
        int notificationPort = LocalKafkaBroker.freePort();
        Map<String, String> environment = new LinkedHashMap<>(tokens.environment());
        environment.putAll(platform.serviceEnvironment(dataDir));
        environment.put("NOTIFICATION_SERVICE_PUBLIC_URL", "http://127.0.0.1:" + notificationPort);
        environment.put("NOTIFICATION_SERVICE_STATUS_PAGE_URL", "http://127.0.0.1:" + projectionPort);
        environment.put("NOTIFICATION_SERVICE_LINK_SECRET", randomHex());
        environment.put("NOTIFICATION_SERVICE_ALLOW_LIST", "127.0.0.1");
        // Every subscriber is the harness's one sink: one host, subscribed from one address.
        environment.put("NOTIFICATION_SERVICE_PER_HOST_CONCURRENCY", String.valueOf(settings.fanOutConcurrency()));
        environment.put("NOTIFICATION_SERVICE_MAX_IN_FLIGHT", String.valueOf(settings.fanOutConcurrency() * 2));
        environment.put("NOTIFICATION_SERVICE_RATE_LIMIT_BURST", String.valueOf(settings.largeAudience() * 2 + 1000));
        List<ServiceProcess> started = new ArrayList<>();
        try {
            // incident-service first: it creates the topics the other two verify.
            ServiceProcess incident =
                    start(settings.home(), INCIDENT, INCIDENT, LocalKafkaBroker.freePort(), logDir, environment, out);
            started.add(incident);
            incident.awaitHealthy(START_TIMEOUT);
            ServiceProcess projection =
                    start(settings.home(), PROJECTION, PROJECTION, projectionPort, logDir, environment, out);
            started.add(projection);
            ServiceProcess notification =
                    start(settings.home(), NOTIFICATION, NOTIFICATION, notificationPort, logDir, environment, out);
            started.add(notification);
            projection.awaitHealthy(START_TIMEOUT);
            notification.awaitHealthy(START_TIMEOUT);
            return new Stack(
                    platform,
                    tokens,
                    environment,
                    dataDir,
                    settings.home(),
                    settings.keepData(),
                    incident,
                    projection,
                    notification);
        } catch (RuntimeException e) {
            started.forEach(ServiceProcess::stop);
            platform.close();
            throw e;
        }
    }

    private static ServiceProcess start(
            Path home,
            String service,
            String name,
            int port,
            Path logDir,
            Map<String, String> environment,
            PrintStream out) {
        Path jar = home.resolve(service).resolve("target").resolve(service + ".jar");
        ServiceProcess process = ServiceProcess.start(name, jar, port, logDir, JVM_OPTIONS.get(service), environment);
        out.println("Starting " + name + " " + String.join(" ", JVM_OPTIONS.get(service)) + " (log: "
                + process.logFile() + ") ...");
        return process;
    }

    URI incidentUrl() {
        return URI.create(incident.url());
    }

    String projectionUrl() {
        return projection.url();
    }

    String notificationUrl() {
        return notification.url();
    }

    AccessTokens tokens() {
        return tokens;
    }

    String bootstrapServers() {
        return platform.bootstrapServers();
    }

    String schemaRegistryUrl() {
        return platform.schemaRegistryUrl();
    }

    ServiceProcess incident() {
        return incident;
    }

    ServiceProcess notification() {
        return notification;
    }

    /** This JVM (broker, registry, load) and the three services. */
    List<ProcessHandle> processes() {
        return List.copyOf(processesByName().values());
    }

    /** The same, each by what runs in it. */
    Map<String, ProcessHandle> processesByName() {
        Map<String, ProcessHandle> named = new LinkedHashMap<>();
        named.put("harness (broker, registry, load)", ProcessHandle.current());
        named.put("incident-service", incident.handle());
        named.put("projection-service", projection.handle());
        named.put("notification-service", notification.handle());
        return named;
    }

    void stopProjection() {
        projection.stop();
    }

    void stopNotification() {
        notification.stop();
    }

    /** notification-service again, on the same port and state directory, carrying on from its committed offsets. */
    ServiceProcess startNotification(PrintStream out) {
        notification.stop();
        int port = URI.create(notification.url()).getPort();
        notificationStarts++;
        notification =
                start(home, NOTIFICATION, NOTIFICATION + "-" + notificationStarts, port, logDir, environment, out);
        notification.awaitHealthy(START_TIMEOUT);
        return notification;
    }

    /**
     * A fresh projection-service on the same port, replacing the stopped one; it rebuilds its
     * state from incident-events. Its log is a new file, so the rebuild's own lines can be read.
     */
    ServiceProcess startProjection(PrintStream out) {
        projection.stop();
        int port = URI.create(projection.url()).getPort();
        projectionStarts++;
        projection = start(home, PROJECTION, PROJECTION + "-" + projectionStarts, port, logDir, environment, out);
        return projection;
    }

    /**
     * Waits for projection-service's overall health to be UP with the projection caught up.
     * ServiceProcess.awaitHealthy is not enough here: it answers while still replaying.
     */
    void awaitProjectionCaughtUp(Duration timeout) {
        ServiceProcess service = projection;
        service.awaitHealthy(timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!service.handle().isAlive()) {
                throw new BenchException(service.name() + " exited; see " + service.logFile());
            }
            try {
                // Health's details (caughtUp among them) are shown to the admin token only.
                HttpResponse<String> response = HTTP.send(
                        HttpRequest.newBuilder(URI.create(service.url() + "/actuator/health"))
                                .timeout(Duration.ofSeconds(5))
                                .header("Authorization", "Bearer " + tokens.admin())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                last = response.body();
                if (response.statusCode() == 200
                        && last.replace(" ", "").trim().endsWith("\"status\":\"UP\"}")
                        && last.contains("\"caughtUp\":true")) {
                    return;
                }
            } catch (IOException busy) {
                last = busy.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted");
            }
            sleep(50);
        }
        throw new BenchException(service.name() + " did not catch up within " + timeout.toSeconds() + " s: " + last);
    }

    String description() {
        return "started by the harness: one Kafka broker (KRaft, in-JVM, local-platform) and the schema registry in "
                + "the harness JVM; incident-service (" + String.join(" ", JVM_OPTIONS.get(INCIDENT))
                + "), projection-service (" + String.join(" ", JVM_OPTIONS.get(PROJECTION))
                + ") and notification-service (" + String.join(" ", JVM_OPTIONS.get(NOTIFICATION))
                + ") as child JVMs from their jars; all on loopback";
    }

    Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // The services first, so none sees its broker disappear while working.
        incident.stop();
        projection.stop();
        notification.stop();
        platform.close();
        if (!keepData) {
            deleteTree(dataDir);
        }
    }

    /** Everything but the logs, which say what happened if a figure looks wrong. */
    private static void deleteTree(Path dir) {
        Path logs = dir.resolve("logs");
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.filter(path -> !path.startsWith(logs) && !path.equals(dir))
                    .sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    private static String randomHex() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }
}
