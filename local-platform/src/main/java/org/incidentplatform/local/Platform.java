package org.incidentplatform.local;

/** A running Kafka cluster and schema registry, as the services see them: two addresses. */
public interface Platform extends AutoCloseable {

    String bootstrapServers();

    String schemaRegistryUrl();

    /**
     * Command-line arguments that point a Spring Boot service at this platform. They outrank system
     * properties, such as those LocalPlatformExtension sets for the other test classes of the same JVM,
     * so a test with a platform of its own cannot reach the shared one by accident.
     */
    default String[] springArguments() {
        return new String[] {
            "--spring.kafka.bootstrap-servers=" + bootstrapServers(),
            "--platform.schema-registry-url=" + schemaRegistryUrl()
        };
    }

    @Override
    void close();
}
