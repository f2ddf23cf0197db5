package org.incidentplatform.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.incidentplatform.local.LocalPlatform;
import org.incidentplatform.local.ServiceProcess;

/**
 * The whole system on one machine: a real Kafka broker and the schema registry in this JVM, and
 * incident-service, projection-service and notification-service as their own JVMs, configured
 * exactly as they would be in production. Data stays in the data directory between runs.
 */
public final class LocalStack implements AutoCloseable {

    static final Duration SERVICE_START_TIMEOUT = Duration.ofSeconds(180);

    private final StackSettings settings;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final LocalPlatform platform;
    private final List<ServiceProcess> services;
    private final AccessTokenFile.Tokens tokens;
    private boolean closed;

    private LocalStack(
            StackSettings settings,
            FileChannel lockChannel,
            FileLock lock,
            LocalPlatform platform,
            List<ServiceProcess> services,
            AccessTokenFile.Tokens tokens) {
        this.settings = settings;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.platform = platform;
        this.services = services;
        this.tokens = tokens;
    }

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("localstack.home", "."))
                .toAbsolutePath()
                .normalize();
        LocalStack stack;
        try {
            StackSettings settings = StackSettings.fromEnvironment(System.getenv(), home);
            // The broker and registry log here instead of flooding the terminal; set before their loggers exist.
            System.setProperty(
                    "org.slf4j.simpleLogger.logFile",
                    settings.dataDir().resolve("logs/platform.log").toString());
            createDirectories(settings.dataDir().resolve("logs"));
            stack = start(settings, System.out);
        } catch (StackException e) {
            System.err.println("local stack: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("\nStopping the local stack ...");
                            stack.close();
                            System.out.println("Stopped. Data kept in " + stack.settings.dataDir());
                            stopped.countDown();
                        },
                        "local-stack-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static LocalStack start(StackSettings settings, java.io.PrintStream out) {
        Instant begin = Instant.now();
        Path dataDir = settings.dataDir();
        Path logDir = dataDir.resolve("logs");
        createDirectories(logDir);
        FileChannel lockChannel = openLock(dataDir);
        FileLock lock = tryLock(lockChannel, dataDir);
        LocalPlatform platform = null;
        List<ServiceProcess> services = new ArrayList<>();
        try {
            requireFreePorts(settings);
            out.println("Starting Kafka (KRaft) and the schema registry, data in " + dataDir + " ...");
            platform = LocalPlatform.start(
                    dataDir, settings.kafkaPort(), settings.controllerPort(), settings.registryPort());
            AccessTokenFile.Tokens tokens = AccessTokenFile.loadOrCreate(dataDir);
            Map<String, String> environment = serviceEnvironment(platform, dataDir, tokens);
            environment.putAll(notificationEnvironment(
                    "http://127.0.0.1:" + settings.notificationPort(),
                    "http://127.0.0.1:" + settings.projectionPort(),
                    settings.notificationAllowList()));
            if (tokens.created()) {
                out.println("Generated bearer tokens (admin, responder, reporter) in " + tokens.file());
            }
            for (Map.Entry<String, Integer> service : servicePorts(settings).entrySet()) {
                String name = service.getKey();
                Path jar = jarOf(settings.home(), name);
                out.println("Starting " + name + " (log: " + settings.home().relativize(logDir.resolve(name + ".log"))
                        + ") ...");
                services.add(ServiceProcess.start(
                        name, jar, service.getValue(), logDir, ServiceProcess.LOCAL_JVM_OPTIONS, environment));
            }
            for (ServiceProcess service : services) {
                service.awaitHealthy(SERVICE_START_TIMEOUT);
            }
        } catch (RuntimeException e) {
            services.forEach(ServiceProcess::stop);
            if (platform != null) {
                platform.close();
            }
            release(lock, lockChannel);
            throw e instanceof StackException ? e : new StackException(e.getMessage(), e);
        }
        LocalStack stack =
                new LocalStack(settings, lockChannel, lock, platform, services, AccessTokenFile.loadOrCreate(dataDir));
        out.println(stack.banner(Duration.between(begin, Instant.now())));
        return stack;
    }

    List<String> healthUrls() {
        return services.stream().map(s -> s.url() + "/actuator/health").toList();
    }

    String schemaRegistryUrl() {
        return platform.schemaRegistryUrl();
    }

    String bootstrapServers() {
        return platform.bootstrapServers();
    }

    String adminToken() {
        return tokens.admin();
    }

    String incidentServiceUrl() {
        return services.get(0).url();
    }

    String notificationServiceUrl() {
        return services.get(2).url();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Services first, so none of them sees its broker disappear while it is still working.
        services.forEach(ServiceProcess::stop);
        platform.close();
        release(lock, lockChannel);
    }

    private String banner(Duration took) {
        StringBuilder text = new StringBuilder("\nIncident platform is up (" + took.toSeconds() + " s):\n");
        text.append(String.format("  %-22s %s%n", "Kafka bootstrap", platform.bootstrapServers()));
        text.append(String.format("  %-22s %s%n", "Schema registry", platform.schemaRegistryUrl()));
        for (ServiceProcess service : services) {
            text.append(String.format("  %-22s %s%n", service.name(), service.url()));
        }
        text.append("Admin token: ")
                .append(tokens.admin())
                .append("   (all tokens: ")
                .append(tokens.file())
                .append(")\n");
        text.append("Try: curl -H 'Authorization: Bearer ")
                .append(tokens.admin())
                .append("' -H 'Content-Type: application/json' -d '{\"id\":\"web-app\",\"name\":\"Web Application\"}' ")
                .append(services.get(0).url())
                .append("/api/v1/components\n");
        text.append("Notification emails (no SMTP server configured) are files in ")
                .append(settings.dataDir().resolve("notification-service").resolve("outbox"))
                .append('\n');
        text.append("Data: ").append(settings.dataDir()).append("   Press Ctrl-C to stop.");
        return text.toString();
    }

    /** The settings every service gets, with the same names as in docker-compose.yml. */
    static Map<String, String> serviceEnvironment(LocalPlatform platform, Path dataDir, AccessTokenFile.Tokens tokens) {
        Map<String, String> environment = new LinkedHashMap<>(tokens.environment());
        environment.putAll(platform.serviceEnvironment(dataDir));
        return environment;
    }

    /**
     * notification-service's links point at the addresses the stack serves on, it lets the status page's
     * subscribe form call it (from the status page's origin), and it may deliver to the hosts of
     * {@code allowList} (plain http, private addresses); the status page's form posts to notification-service.
     */
    static Map<String, String> notificationEnvironment(String notificationUrl, String statusPageUrl, String allowList) {
        return Map.of(
                "NOTIFICATION_SERVICE_PUBLIC_URL",
                notificationUrl,
                "NOTIFICATION_SERVICE_STATUS_PAGE_URL",
                statusPageUrl,
                "PROJECTION_SERVICE_NOTIFICATION_URL",
                notificationUrl,
                "NOTIFICATION_SERVICE_ALLOW_LIST",
                allowList);
    }

    static Path jarOf(Path home, String service) {
        return home.resolve(service).resolve("target").resolve(service + ".jar");
    }

    private static Map<String, Integer> servicePorts(StackSettings settings) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("incident-service", settings.incidentPort());
        ports.put("projection-service", settings.projectionPort());
        ports.put("notification-service", settings.notificationPort());
        return ports;
    }

    private static void requireFreePorts(StackSettings settings) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("KAFKA_PORT", settings.kafkaPort());
        ports.put("KAFKA_CONTROLLER_PORT", settings.controllerPort());
        ports.put("SCHEMA_REGISTRY_PORT", settings.registryPort());
        ports.put("INCIDENT_SERVICE_PORT", settings.incidentPort());
        ports.put("PROJECTION_SERVICE_PORT", settings.projectionPort());
        ports.put("NOTIFICATION_SERVICE_PORT", settings.notificationPort());
        for (Map.Entry<String, Integer> port : ports.entrySet()) {
            try (ServerSocket probe = new ServerSocket(port.getValue(), 1, InetAddress.getLoopbackAddress())) {
                probe.setReuseAddress(true);
            } catch (IOException inUse) {
                throw new StackException("port " + port.getValue() + " (" + port.getKey() + ") is already in use on "
                        + "127.0.0.1; stop what uses it or set " + port.getKey() + " to another port");
            }
        }
    }

    private static FileChannel openLock(Path dataDir) {
        try {
            return FileChannel.open(dataDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StackException("cannot write to the data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path dataDir) {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new StackException("another local stack is already running with data in " + dataDir
                    + "; stop it first (Ctrl-C in its terminal) or set DATA_DIR to another directory");
        }
        return lock;
    }

    private static void release(FileLock lock, FileChannel channel) {
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel below releases it too.
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing is left to do with a lock file we are abandoning.
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StackException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
