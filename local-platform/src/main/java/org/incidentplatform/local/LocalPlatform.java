package org.incidentplatform.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.incidentplatform.local.kafka.LocalKafkaBroker;
import org.incidentplatform.local.registry.LocalSchemaRegistry;

/**
 * The infrastructure of the embedded default: a real Kafka broker in KRaft mode and a
 * Confluent-compatible schema registry that keeps its state in that broker, both on loopback.
 *
 * <p>Either can be stopped and started again, on the same ports and (for the broker) the same data,
 * as an operator restarts them; the fault tests use this to take them away from running services.
 */
public final class LocalPlatform implements Platform {

    private static final String LOOPBACK = "127.0.0.1";

    private final Path dataDir;
    private final int kafkaPort;
    private final int controllerPort;
    private final int registryPort;
    private LocalKafkaBroker broker;
    private LocalSchemaRegistry registry;

    private LocalPlatform(Path dataDir, LocalKafkaBroker broker, LocalSchemaRegistry registry) {
        this.dataDir = dataDir;
        this.kafkaPort = broker.port();
        this.controllerPort = broker.controllerPort();
        this.registryPort = registry.port();
        this.broker = broker;
        this.registry = registry;
    }

    /** Starts both; a port of 0 picks a free one. The broker's data lives under {@code dataDir}. */
    public static LocalPlatform start(Path dataDir, int kafkaPort, int controllerPort, int registryPort) {
        LocalKafkaBroker broker = LocalKafkaBroker.start(dataDir, kafkaPort, controllerPort);
        try {
            return new LocalPlatform(
                    dataDir, broker, LocalSchemaRegistry.start(broker.bootstrapServers(), registryPort));
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** The same address whether the broker is running or not: clients keep it across a restart. */
    @Override
    public String bootstrapServers() {
        return LOOPBACK + ":" + kafkaPort;
    }

    @Override
    public String schemaRegistryUrl() {
        return "http://" + LOOPBACK + ":" + registryPort;
    }

    /**
     * What every service run on this platform is told, under the names docker-compose.yml uses: where Kafka and
     * the registry are, and where each service keeps its local state, below {@code dataDir}.
     */
    public Map<String, String> serviceEnvironment(Path dataDir) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        environment.put("SCHEMA_REGISTRY_URL", schemaRegistryUrl());
        environment.put(
                "STREAMS_STATE_DIR",
                dataDir.resolve("incident-service").resolve("streams").toString());
        // notification-service has its own streams state, and an outbox the operator reads when no SMTP
        // server is configured (the embedded default).
        environment.put(
                "NOTIFICATION_SERVICE_STREAMS_STATE_DIR",
                dataDir.resolve("notification-service").resolve("streams").toString());
        environment.put(
                "NOTIFICATION_SERVICE_OUTBOX_DIR",
                dataDir.resolve("notification-service").resolve("outbox").toString());
        return environment;
    }

    /** Stops the broker (a clean shutdown); its data stays for {@link #startBroker()}. The registry keeps serving what it has read. */
    public synchronized void stopBroker() {
        if (broker != null) {
            LocalKafkaBroker stopping = broker;
            broker = null;
            stopping.close();
        }
    }

    /** Starts the broker again on the ports it had and the data it wrote; returns once it answers. */
    public synchronized void startBroker() {
        if (broker == null) {
            broker = LocalKafkaBroker.start(dataDir, kafkaPort, controllerPort);
        }
    }

    /** Stops the schema registry: its port refuses connections until {@link #startRegistry()}. */
    public synchronized void stopRegistry() {
        if (registry != null) {
            LocalSchemaRegistry stopping = registry;
            registry = null;
            stopping.close();
        }
    }

    /** Starts the registry again on its port, reading its schemas back from the broker (which must be running). */
    public synchronized void startRegistry() {
        if (registry == null) {
            if (broker == null) {
                throw new IllegalStateException(
                        "the schema registry keeps its schemas in Kafka: start the broker first");
            }
            registry = LocalSchemaRegistry.start(bootstrapServers(), registryPort);
        }
    }

    @Override
    public synchronized void close() {
        try {
            stopRegistry();
        } finally {
            stopBroker();
        }
    }
}
