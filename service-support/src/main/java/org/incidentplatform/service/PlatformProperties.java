package org.incidentplatform.service;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.health.contributor.Status;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every service needs to reach the platform. Bound and validated before any Kafka
 * client is built, so a wrong value stops the service at start with the setting's name. The
 * messages name the setting as it is written in YAML: Boot's report names a record component
 * in its Java form ({@code schemaRegistryUrl}).
 *
 * @param schemaRegistryUrl base URL of the Confluent-compatible schema registry
 * @param replicationFactor replication of the topics a service creates; 1 on a single broker,
 *                          3 in a production cluster
 * @param startupTimeout    how long a service waits at start for the broker and for topics that
 *                          another service creates, before it gives up
 * @param unreachableHealth the health status while Kafka or the registry cannot be reached: DOWN
 *                          for a service that cannot work without them, DEGRADED for one that
 *                          keeps serving what it already has (projection-service)
 */
@ConfigurationProperties("platform")
@Validated
public record PlatformProperties(
        @NotNull(message = "platform.schema-registry-url (SCHEMA_REGISTRY_URL) must be set")
        @HttpUrl(
                message =
                        "platform.schema-registry-url (SCHEMA_REGISTRY_URL) must be an absolute http:// or https:// URL")
        URI schemaRegistryUrl,

        @DefaultValue("1") @Min(value = 1, message = "platform.replication-factor must be at least 1")
        short replicationFactor,

        @DefaultValue("30s") @NotNull(message = "platform.startup-timeout must be set")
        Duration startupTimeout,

        @DefaultValue("DOWN")
        @Pattern(regexp = "DOWN|DEGRADED", message = "platform.unreachable-health must be DOWN or DEGRADED")
        String unreachableHealth) {

    Status unreachableStatus() {
        return new Status(unreachableHealth);
    }
}
