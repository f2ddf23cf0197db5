package org.incidentplatform.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.kafka.config.TopicBuilder;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.incidentplatform.schemas.TopicSpec;
import org.incidentplatform.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.RestTestClient;

@ExtendWith(LocalPlatformExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "STREAMS_STATE_DIR=target/streams-${random.uuid}")
@AutoConfigureRestTestClient
@DirtiesContext
class NotificationServiceTests {

    @Autowired
    RestTestClient http;

    @Autowired
    KafkaAdmin kafkaAdmin;

    /** Stands in for incident-service, which owns and creates these topics. */
    @BeforeAll
    static void ownerCreatedTheTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalPlatformExtension.bootstrapServers()))) {
            List<NewTopic> topics = Stream.of(Topics.INCIDENT_EVENTS, Topics.INCIDENT_EVENTS_DLT)
                    .map(spec -> TopicBuilder.name(spec.name()).partitions(spec.partitions()).replicas(1)
                            .configs(spec.configs()).build())
                    .toList();
            try {
                admin.createTopics(topics).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    @Test
    void starts_onceTheTopicsItReadsExistAsDeclared() throws Exception {
        for (TopicSpec spec : List.of(Topics.INCIDENT_EVENTS, Topics.INCIDENT_EVENTS_DLT)) {
            assertThat(kafkaAdmin.describeTopics(spec.name()).get(spec.name()).partitions())
                    .hasSize(spec.partitions());
            assertThat(config(spec.name(), "cleanup.policy")).isEqualTo(spec.cleanupPolicy());
            assertThat(config(spec.name(), "retention.ms")).isEqualTo("-1");
        }
    }

    @Test
    void health_isUp_withKafkaSchemaRegistryAndTheFanOut() {
        http.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.kafka.status").isEqualTo("UP")
                .jsonPath("$.components.schemaRegistry.status").isEqualTo("UP")
                .jsonPath("$.components.fanOutStreams.status").isEqualTo("UP");
    }

    @Test
    void metrics_areExposedForPrometheus() {
        http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("jvm_memory_used_bytes"));
    }

    private String config(String topic, String key) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalPlatformExtension.bootstrapServers()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return admin.describeConfigs(List.of(resource)).all().get().get(resource).get(key).value();
        }
    }
}
