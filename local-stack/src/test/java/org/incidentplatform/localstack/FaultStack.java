package org.incidentplatform.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.incidentplatform.local.LocalPlatform;
import org.incidentplatform.local.ServiceProcess;
import org.incidentplatform.local.kafka.LocalKafkaBroker;
import org.incidentplatform.schemas.TopicSpec;
import org.incidentplatform.schemas.Topics;

/**
 * The whole stack for the fault suite, with every part under the test's hand: each service can be
 * killed and started again on its own port, with the environment the local stack gives it.
 */
final class FaultStack implements AutoCloseable {

    static final Path HOME = Path.of(System.getProperty("localstack.home", ".."))
            .toAbsolutePath()
            .normalize();
    static final String INCIDENT = "incident-service";
    static final String PROJECTION = "projection-service";
    static final String NOTIFICATION = "notification-service";

    private final Path dataDir;
    private final Path logDir;
    private final LocalPlatform platform;
    private final AccessTokenFile.Tokens tokens;
    private final Map<String, String> environment;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> running = new LinkedHashMap<>();

    private FaultStack(Path dataDir, LocalPlatform platform, Map<String, String> settings) {
        this.dataDir = dataDir;
        this.logDir = dataDir.resolve("logs");
        this.platform = platform;
        this.tokens = AccessTokenFile.loadOrCreate(dataDir);
        this.environment = LocalStack.serviceEnvironment(platform, dataDir, tokens);
        for (String service : new String[] {INCIDENT, PROJECTION, NOTIFICATION}) {
            ports.put(service, LocalKafkaBroker.freePort());
        }
        environment.putAll(LocalStack.notificationEnvironment(url(NOTIFICATION), url(PROJECTION), "127.0.0.0/8"));
        environment.putAll(settings);
    }

    /** The broker and registry, no service yet: start the ones a case needs. */
    static FaultStack start(Path dataDir) throws Exception {
        return start(dataDir, Map.of());
    }

    /** As {@link #start(Path)}, with settings (environment variables) every service gets on top of the stack's. */
    static FaultStack start(Path dataDir, Map<String, String> settings) throws Exception {
        Files.createDirectories(dataDir.resolve("logs"));
        return new FaultStack(dataDir, LocalPlatform.start(dataDir, 0, 0, 0), settings);
    }

    /** Starts a service (again) on its port and waits until it reports UP. */
    ServiceProcess start(String service) {
        ServiceProcess process = launch(service);
        process.awaitHealthy(LocalStack.SERVICE_START_TIMEOUT);
        return process;
    }

    /** Starts the services side by side (start-up dominates a case's time), then waits until each reports UP. */
    void start(String... services) {
        List<ServiceProcess> launched = new ArrayList<>();
        for (String service : services) {
            launched.add(launch(service));
        }
        launched.forEach(process -> process.awaitHealthy(LocalStack.SERVICE_START_TIMEOUT));
    }

    /** Starts a service (again) on its port without waiting for it, e.g. to kill it while it is still catching up. */
    ServiceProcess launch(String service) {
        ServiceProcess process = ServiceProcess.start(
                service,
                LocalStack.jarOf(HOME, service),
                ports.get(service),
                logDir,
                ServiceProcess.LOCAL_JVM_OPTIONS,
                environment);
        running.put(service, process);
        return process;
    }

    /**
     * incident-events and its dead-letter topic, as incident-service creates them at its start, for a case that
     * writes events before (or without) starting it.
     */
    void createIncidentEventTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
            List<NewTopic> topics = new ArrayList<>();
            for (TopicSpec spec : List.of(Topics.INCIDENT_EVENTS, Topics.INCIDENT_EVENTS_DLT)) {
                topics.add(new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs()));
            }
            admin.createTopics(topics).all().get();
        }
    }

    /** The service's log: every run of it, appended. */
    Path log(String service) {
        return logDir.resolve(service + ".log");
    }

    /** SIGKILL: no shutdown hook, no graceful close, no last commit. */
    void kill(String service) {
        ServiceProcess process = running.remove(service);
        if (process != null) {
            process.kill();
        }
    }

    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    LocalPlatform platform() {
        return platform;
    }

    AccessTokenFile.Tokens tokens() {
        return tokens;
    }

    Path dataDir() {
        return dataDir;
    }

    /** The services' logs outlive the temporary data directory, for a look after a failed or surprising run. */
    private void keepLogs() {
        try (var logs = Files.list(logDir)) {
            Path kept = Files.createDirectories(
                    Path.of("target", "fault-logs", dataDir.getFileName().toString()));
            for (Path log : logs.toList()) {
                Files.copy(log, kept.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (java.io.IOException e) {
            System.err.println("could not keep the services' logs: " + e);
        }
    }

    @Override
    public void close() {
        // Services first, so none of them sees its broker disappear while it is still working.
        try {
            running.values().forEach(ServiceProcess::stop);
            running.clear();
            keepLogs();
        } finally {
            // The broker's threads are not daemons: it is closed on every path, or the test JVM never exits.
            platform.close();
        }
    }
}
