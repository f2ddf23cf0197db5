package org.incidentplatform.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.schemas.given.GivenEvents;
import org.incidentplatform.schemas.serde.AvroSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;

@ExtendWith(LocalPlatformExtension.class)
@SpringBootTest(classes = DeadLetterTests.ProbeApplication.class)
class DeadLetterTests {

    private static final int PARTITION = 2;

    @Autowired
    ProbeApplication probe;

    @Test
    void unreadableRecords_goToTheDeadLetterTopic_andProcessingGoesOn() {
        IncidentEvent before = event();
        IncidentEvent after = event();
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        // Confluent wire format with a schema id no registry has: magic byte 0, id 999999, junk.
        byte[] unknownSchema = ByteBuffer.allocate(1 + 4 + 3)
                .put((byte) 0)
                .putInt(999_999)
                .put(new byte[] {1, 2, 3})
                .array();

        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, "before", avro(before));
            send(producer, "garbage", garbage);
            send(producer, "unknown-schema", unknownSchema);
            send(producer, "after", avro(after));
        }

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(probe.received)
                        .extracting(IncidentEvent::getEventId)
                        .containsExactly(before.getEventId(), after.getEventId()));

        List<ConsumerRecord<String, byte[]>> deadLetters = readDeadLetters(2);
        assertThat(deadLetters).extracting(ConsumerRecord::key).containsExactly("garbage", "unknown-schema");
        assertThat(deadLetters).allSatisfy(record -> {
            assertThat(record.partition()).isEqualTo(PARTITION);
            assertThat(header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.INCIDENT_EVENTS.name());
            assertThat(header(record, KafkaHeaders.DLT_EXCEPTION_FQCN))
                    .isEqualTo("org.springframework.kafka.support.serializer.DeserializationException");
        });
        assertThat(deadLetters.get(0).value()).isEqualTo(garbage);
        assertThat(deadLetters.get(1).value()).isEqualTo(unknownSchema);
        assertThat(reason(deadLetters.get(0))).startsWith("Unknown magic byte");
        assertThat(reason(deadLetters.get(1))).contains("schema id 999999");
    }

    private static IncidentEvent event() {
        return GivenEvents.happeningNow().incident("inc-1").resolved("fixed").event();
    }

    private static byte[] avro(IncidentEvent event) {
        try (AvroSerializer<IncidentEvent> serializer = new AvroSerializer<>()) {
            serializer.configure(Map.of("schema.registry.url", LocalPlatformExtension.schemaRegistryUrl()), false);
            return serializer.serialize(Topics.INCIDENT_EVENTS.name(), event);
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalPlatformExtension.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Topics.INCIDENT_EVENTS.name(), PARTITION, key, value))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readDeadLetters(int count) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalPlatformExtension.bootstrapServers()),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(Topics.INCIDENT_EVENTS_DLT.name(), PARTITION);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= count;
            });
        }
        return records;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String reason(ConsumerRecord<?, ?> record) {
        return header(record, DeadLetterReason.HEADER);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ProbeApplication {

        final List<IncidentEvent> received = new CopyOnWriteArrayList<>();

        @Bean
        ServiceTopics serviceTopics() {
            return ServiceTopics.owns(Topics.INCIDENT_EVENTS, Topics.INCIDENT_EVENTS_DLT);
        }

        @KafkaListener(id = "dead-letter-probe", topics = "incident-events")
        void on(IncidentEvent event) {
            received.add(event);
        }
    }
}
