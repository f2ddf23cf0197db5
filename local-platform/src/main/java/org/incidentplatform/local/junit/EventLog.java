package org.incidentplatform.local.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.local.Platform;
import org.incidentplatform.schemas.Topics;

/**
 * What tests check their claims against: the committed content of incident-events (or of any
 * topic), read with a plain consumer (read_committed) from the beginning to the current end.
 */
public final class EventLog {

    private EventLog() {}

    /** Every committed event of one stream, in log order. */
    public static List<IncidentEvent> of(Platform platform, String streamId) {
        Deserializer<IncidentEvent> values =
                Topics.INCIDENT_EVENTS.valueSerde(platform.schemaRegistryUrl()).deserializer();
        return records(platform, Topics.INCIDENT_EVENTS.name(), values).stream()
                .filter(record -> streamId.equals(record.key()))
                .map(ConsumerRecord::value)
                .toList();
    }

    /**
     * Every committed record of any topic from the beginning to its current end, values read with
     * {@code values}: a {@code ByteArrayDeserializer} for a topic that may hold what no other can read.
     */
    public static <V> List<ConsumerRecord<String, V>> records(Platform platform, String topic, Deserializer<V> values) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed");
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(topic + " not read to its end within 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
