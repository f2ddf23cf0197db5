package org.incidentplatform.local.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaBrokerTests {

    @TempDir
    Path dataDir;

    @Test
    void recordsWrittenBeforeARestart_areReadBackAfterIt() throws Exception {
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(dataDir, 0, 0)) {
            assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1)))
                        .all()
                        .get();
            }
            try (KafkaProducer<String, String> producer = producer(broker)) {
                producer.send(new ProducerRecord<>("kept", "incident-1", "declared"))
                        .get();
                producer.send(new ProducerRecord<>("kept", "incident-1", "resolved"))
                        .get();
            }
        }

        // New ports on purpose: only the data directory carries over.
        try (LocalKafkaBroker restarted = LocalKafkaBroker.start(dataDir, 0, 0)) {
            assertThat(readAll(restarted, "kept")).containsExactly("declared", "resolved");
        }
    }

    @Test
    void topicsAreNotCreatedImplicitly() throws Exception {
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(dataDir, 0, 0);
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            try (KafkaConsumer<String, String> consumer = consumer(broker)) {
                consumer.partitionsFor("never-created", Duration.ofSeconds(2));
            } catch (Exception expected) {
                // Either a timeout or an empty answer; what matters is the topic list below.
            }
            assertThat(admin.listTopics().names().get()).doesNotContain("never-created");
        }
    }

    private static KafkaProducer<String, String> producer(LocalKafkaBroker broker) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new StringSerializer(),
                new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(LocalKafkaBroker broker) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                        true),
                new StringDeserializer(),
                new StringDeserializer());
    }

    private static List<String> readAll(LocalKafkaBroker broker, String topic) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(broker)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
