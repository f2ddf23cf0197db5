package org.incidentplatform.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.incidentplatform.schemas.TopicSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.kafka.core.KafkaAdmin;

@ExtendWith(LocalPlatformExtension.class)
class TopicVerifierTests {

    private static final Map<String, String> DELETE = Map.of("cleanup.policy", "delete");

    private Admin admin;

    @BeforeEach
    void connect() {
        admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalPlatformExtension.bootstrapServers()));
    }

    @AfterEach
    void close() {
        admin.close();
    }

    @Test
    void ownedTopics_areCreated_asDeclared() throws Exception {
        TopicSpec<String, byte[]> spec =
                bytes("verifier-owned", 3, Map.of("cleanup.policy", "compact", "retention.ms", "-1"));

        verify(ServiceTopics.owns(spec));
        verify(ServiceTopics.owns(spec));

        TopicDescription description =
                admin.describeTopics(List.of(spec.name())).allTopicNames().get().get(spec.name());
        assertThat(description.partitions()).hasSize(3);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
        assertThat(admin.describeConfigs(List.of(resource))
                        .all()
                        .get()
                        .get(resource)
                        .get("cleanup.policy")
                        .value())
                .isEqualTo("compact");
    }

    @Test
    void start_fails_whenATopicHasOtherPartitions() throws Exception {
        create("verifier-partitions", 2, DELETE);

        assertThatThrownBy(() -> verify(ServiceTopics.requires(bytes("verifier-partitions", 4, DELETE))))
                .isInstanceOf(TopicVerificationException.class)
                .hasMessage("topic 'verifier-partitions' has 2 partitions, expected 4");
    }

    @Test
    void start_fails_whenAnOwnedTopicHasAnotherCleanupPolicy() throws Exception {
        create("verifier-compacted", 1, Map.of("cleanup.policy", "compact"));

        assertThatThrownBy(() -> verify(ServiceTopics.owns(bytes("verifier-compacted", 1, DELETE))))
                .hasMessage("topic 'verifier-compacted' has cleanup.policy=compact, expected delete");
    }

    @Test
    void start_fails_whenARequiredTopicNeverAppears() {
        assertThatThrownBy(() -> verify(ServiceTopics.requires(bytes("verifier-missing", 1, DELETE))))
                .hasMessageStartingWith("required topic 'verifier-missing' does not exist after PT1S");
    }

    @Test
    void start_waitsForARequiredTopic_untilItsOwnerCreatesIt() throws Exception {
        TopicSpec<String, byte[]> spec = bytes("verifier-late", 1, DELETE);
        CompletableFuture<Void> verified =
                CompletableFuture.runAsync(() -> verify(ServiceTopics.requires(spec), Duration.ofSeconds(20)));

        Thread.sleep(1_000);
        create(spec.name(), 1, DELETE);

        verified.get(20, TimeUnit.SECONDS);
    }

    private void create(String name, int partitions, Map<String, String> configs) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)))
                .all()
                .get();
    }

    private static void verify(ServiceTopics topics) {
        verify(topics, Duration.ofSeconds(1));
    }

    private static void verify(ServiceTopics topics, Duration startupTimeout) {
        KafkaAdmin kafkaAdmin = new KafkaAdmin(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalPlatformExtension.bootstrapServers()));
        PlatformProperties platform =
                new PlatformProperties(URI.create("http://unused"), (short) 1, startupTimeout, "DOWN");
        new TopicVerifier(kafkaAdmin, topics, platform).afterSingletonsInstantiated();
    }

    private static TopicSpec<String, byte[]> bytes(String name, int partitions, Map<String, String> configs) {
        return new TopicSpec<>(name, partitions, configs, String.class, byte[].class);
    }
}
