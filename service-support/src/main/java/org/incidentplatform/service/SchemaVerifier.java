package org.incidentplatform.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.incidentplatform.schemas.registry.HttpSchemaRegistry;
import org.incidentplatform.schemas.registry.SchemaRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * At start: waits (up to {@code platform.startup-timeout}) for the schema registry to answer, then checks each
 * schema the service writes against its subject's latest version. Either failure stops the start with a
 * {@link SchemaVerificationException} naming the registry, the subject and the problem.
 */
final class SchemaVerifier implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(SchemaVerifier.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private final SchemaRegistry registry;
    private final ServiceSchemas schemas;
    private final PlatformProperties platform;

    SchemaVerifier(ServiceSchemas schemas, PlatformProperties platform) {
        this(
                new HttpSchemaRegistry(
                        platform.schemaRegistryUrl().toString(), Duration.ofSeconds(2), Duration.ofSeconds(5)),
                schemas,
                platform);
    }

    SchemaVerifier(SchemaRegistry registry, ServiceSchemas schemas, PlatformProperties platform) {
        this.registry = registry;
        this.schemas = schemas;
        this.platform = platform;
    }

    @Override
    public void afterSingletonsInstantiated() {
        awaitRegistry();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Schema> written : schemas.written().entrySet()) {
            registry.compatibilityProblems(written.getKey(), written.getValue())
                    .forEach(problem -> problems.add("subject '" + written.getKey() + "': " + problem));
        }
        if (!problems.isEmpty()) {
            throw new SchemaVerificationException("the schemas this service writes are not compatible with the "
                    + "registry at " + platform.schemaRegistryUrl() + ": " + String.join("; ", problems));
        }
        log.info(
                "Schema registry at {} answers; written schemas compatible: {}",
                platform.schemaRegistryUrl(),
                schemas.written().keySet());
    }

    private void awaitRegistry() {
        long deadline = System.nanoTime() + platform.startupTimeout().toNanos();
        while (true) {
            try {
                registry.subjects();
                return;
            } catch (RuntimeException unreachable) {
                if (System.nanoTime() > deadline) {
                    throw new SchemaVerificationException("the schema registry at " + platform.schemaRegistryUrl()
                            + " (platform.schema-registry-url) does not answer within " + platform.startupTimeout()
                            + " (platform.startup-timeout): " + unreachable.getMessage());
                }
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaVerificationException("interrupted while waiting for the schema registry");
        }
    }
}
