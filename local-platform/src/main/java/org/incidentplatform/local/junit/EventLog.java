package org.incidentplatform.local.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.local.Platform;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.schemas.serde.AvroDeserializer;

/**
 * What tests check their claims against: the committed content of incident-events, read with a
 * plain consumer (read_committed) from the beginning to the current end.
 */
public final class EventLog {

    private EventLog() {
    }

    /** Every committed event of one stream, in log order. */
    public static List<IncidentEvent> of(Platform platform, String streamId) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                "schema.registry.url", platform.schemaRegistryUrl(),
                "specific.avro.reader", true);
        AvroDeserializer<IncidentEvent> values = new AvroDeserializer<>();
        values.configure(config, false);
        List<IncidentEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, IncidentEvent> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INCIDENT_EVENTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("incident-events not read to its end within 30 s");
                }
                for (ConsumerRecord<String, IncidentEvent> record : consumer.poll(Duration.ofMillis(200))) {
                    if (streamId.equals(record.key())) {
                        events.add(record.value());
                    }
                }
            }
        }
        return events;
    }
}
