package org.incidentplatform.local.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.incidentplatform.local.LocalPlatform;
import org.incidentplatform.local.Platform;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives integration tests one real Kafka broker and one schema registry per test JVM, started on
 * first use and stopped when the JVM's tests are done.
 *
 * <p>Sets {@code spring.kafka.bootstrap-servers} and {@code platform.schema-registry-url} as
 * system properties, so a Spring Boot test reaches them through the services' normal
 * configuration. With {@code -Dplatform.infrastructure=docker} (Maven profile {@code docker})
 * the same tests run against Apache Kafka and Confluent Schema Registry containers instead.
 */
public final class LocalPlatformExtension implements BeforeAllCallback {

    private static final String INFRASTRUCTURE = "platform.infrastructure";
    private static Platform platform;

    @Override
    public void beforeAll(ExtensionContext context) {
        Platform started = platform();
        // The root store closes its resources after the last test of the JVM, on success and failure alike.
        context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(LocalPlatformExtension.class, key -> new Stopper(started), Stopper.class);
    }

    public static synchronized Platform platform() {
        if (platform == null) {
            platform = "docker".equals(System.getProperty(INFRASTRUCTURE)) ? containers() : local();
            System.setProperty("spring.kafka.bootstrap-servers", platform.bootstrapServers());
            System.setProperty("platform.schema-registry-url", platform.schemaRegistryUrl());
        }
        return platform;
    }

    public static String bootstrapServers() {
        return platform().bootstrapServers();
    }

    public static String schemaRegistryUrl() {
        return platform().schemaRegistryUrl();
    }

    private static Platform local() {
        try {
            Path dataDir = Files.createTempDirectory("incident-platform-test-");
            return LocalPlatform.start(dataDir, 0, 0, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Platform containers() {
        // Compiled only in the docker profile, which adds Testcontainers; loaded by name so the
        // default build does not depend on it.
        try {
            return (Platform) Class.forName("org.incidentplatform.local.junit.ContainerPlatform")
                    .getMethod("start")
                    .invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("platform.infrastructure=docker needs the Maven profile -Pdocker", e);
        }
    }

    private static synchronized void stop() {
        if (platform != null) {
            platform.close();
            platform = null;
        }
    }

    private record Stopper(Platform platform) implements AutoCloseable {
        @Override
        public void close() {
            stop();
        }
    }
}
