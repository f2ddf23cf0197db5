package org.incidentplatform.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.incidentplatform.events.Heartbeat;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.local.junit.EventLog;
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.incidentplatform.schemas.TopicSpec;
import org.incidentplatform.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.RestTestClient;

@ExtendWith(LocalPlatformExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
// Closed after the class: a cached context would stay in the command processor's consumer group.
@DirtiesContext
class IncidentServiceTests {

    @Autowired
    RestTestClient http;

    @Autowired
    KafkaAdmin kafkaAdmin;

    @Test
    void starts_creatingItsTopicsAsDeclared() throws Exception {
        for (TopicSpec spec : List.of(Topics.INCIDENT_EVENTS, Topics.INCIDENT_EVENTS_DLT)) {
            assertThat(kafkaAdmin.describeTopics(spec.name()).get(spec.name()).partitions())
                    .hasSize(spec.partitions());
            assertThat(config(spec.name(), "cleanup.policy")).isEqualTo(spec.cleanupPolicy());
            assertThat(config(spec.name(), "retention.ms")).isEqualTo("-1");
        }
    }

    @Test
    void appendsHeartbeats_underTheirReservedKey_fromTheStart() {
        List<IncidentEvent> heartbeats = await().atMost(Duration.ofSeconds(30))
                .until(() -> EventLog.of(LocalPlatformExtension.platform(), Topics.HEARTBEAT_KEY), h -> !h.isEmpty());

        IncidentEvent first = heartbeats.get(0);
        assertThat(first.getPayload()).isInstanceOfSatisfying(Heartbeat.class, heartbeat -> {
            assertThat(heartbeat.getInstance()).startsWith("incident-service@");
            assertThat(heartbeat.getIntervalMillis()).isEqualTo(10_000);
        });
        assertThat(first.getRecordedAt()).isEqualTo(first.getOccurredAt());
    }

    @Test
    void health_isUp_withKafkaAndSchemaRegistry() {
        http.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.kafka.status").isEqualTo("UP")
                .jsonPath("$.components.schemaRegistry.status").isEqualTo("UP");
    }

    @Test
    void metrics_areExposedForPrometheus_withCommandLatencyAndEventsAppended() {
        http.post().uri("/api/v1/components")
                .header("Authorization", "Bearer test-admin-token-0123456789abcdef0123")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"id\": \"metrics-" + UUID.randomUUID() + "\", \"name\": \"Metrics\"}")
                .exchange()
                .expectStatus().isCreated();

        http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains(
                        "jvm_memory_used_bytes",
                        "incident_commands_seconds_count{command=\"AddComponent\",outcome=\"accepted\"",
                        "incident_events_appended_total"));
    }

    private String config(String topic, String key) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalPlatformExtension.bootstrapServers()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return admin.describeConfigs(List.of(resource)).all().get().get(resource).get(key).value();
        }
    }
}
