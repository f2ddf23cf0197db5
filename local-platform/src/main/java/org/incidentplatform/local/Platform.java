package org.incidentplatform.local;

/** A running Kafka cluster and schema registry, as the services see them: two addresses. */
public interface Platform extends AutoCloseable {

    String bootstrapServers();

    String schemaRegistryUrl();

    @Override
    void close();
}
