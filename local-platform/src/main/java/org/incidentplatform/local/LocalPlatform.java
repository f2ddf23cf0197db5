package org.incidentplatform.local;

import java.nio.file.Path;

import org.incidentplatform.local.kafka.LocalKafkaBroker;
import org.incidentplatform.local.registry.LocalSchemaRegistry;

/**
 * The infrastructure of the embedded default: a real Kafka broker in KRaft mode and a
 * Confluent-compatible schema registry that keeps its state in that broker, both on loopback.
 */
public final class LocalPlatform implements Platform {

    private final LocalKafkaBroker broker;
    private final LocalSchemaRegistry registry;

    private LocalPlatform(LocalKafkaBroker broker, LocalSchemaRegistry registry) {
        this.broker = broker;
        this.registry = registry;
    }

    /** Starts both; a port of 0 picks a free one. The broker's data lives under {@code dataDir}. */
    public static LocalPlatform start(Path dataDir, int kafkaPort, int controllerPort, int registryPort) {
        LocalKafkaBroker broker = LocalKafkaBroker.start(dataDir, kafkaPort, controllerPort);
        try {
            return new LocalPlatform(broker, LocalSchemaRegistry.start(broker.bootstrapServers(), registryPort));
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return registry.url();
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            broker.close();
        }
    }
}
