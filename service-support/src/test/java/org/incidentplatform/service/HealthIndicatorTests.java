package org.incidentplatform.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.core.KafkaAdmin;

@ExtendWith(LocalPlatformExtension.class)
class HealthIndicatorTests {

    @Test
    void kafka_isUp_whenTheClusterAnswers() throws Exception {
        KafkaHealthIndicator kafka = new KafkaHealthIndicator(
                new KafkaAdmin(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalPlatformExtension.bootstrapServers())),
                Status.DOWN);
        try {
            assertThat(kafka.health().getStatus()).isEqualTo(Status.UP);
            assertThat(kafka.health().getDetails()).containsKey("clusterId").containsEntry("brokers", 1);
        } finally {
            kafka.destroy();
        }
    }

    @Test
    void schemaRegistry_isUp_whenTheRegistryAnswers() {
        SchemaRegistryHealthIndicator registry =
                new SchemaRegistryHealthIndicator(URI.create(LocalPlatformExtension.schemaRegistryUrl()), Status.DOWN);

        assertThat(registry.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void schemaRegistry_isDown_whenNothingListens() {
        SchemaRegistryHealthIndicator registry =
                new SchemaRegistryHealthIndicator(URI.create("http://127.0.0.1:9"), Status.DOWN);

        assertThat(registry.health().getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void kafka_reportsTheConfiguredStatus_whenTheClusterCannotBeReached() {
        KafkaHealthIndicator kafka = new KafkaHealthIndicator(
                new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9")),
                new Status("DEGRADED"));
        try {
            assertThat(kafka.health().getStatus()).isEqualTo(new Status("DEGRADED"));
        } finally {
            kafka.destroy();
        }
    }

    @Test
    void schemaRegistry_reportsTheConfiguredStatus_whenNothingListens() {
        SchemaRegistryHealthIndicator registry =
                new SchemaRegistryHealthIndicator(URI.create("http://127.0.0.1:9"), new Status("DEGRADED"));

        assertThat(registry.health().getStatus()).isEqualTo(new Status("DEGRADED"));
    }
}
