package org.incidentplatform.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The size of a real event as the HTTP line wrote it: read back, as raw bytes, from the last
 * records of {@code incident-events} whose key is one of the benchmark's incidents, less each
 * incident's first (its declaration), of the {@code event-type} most common among them.
 * The ceilings send records of this shape, so both sides move the same bytes per event.
 */
record RecordShape(String eventType, int sampled, int keyBytes, int valueBytes, Headers headers) {

    static final String EVENTS_TOPIC = "incident-events";
    private static final int TAIL_PER_PARTITION = 2_000;

    static RecordShape sample(String bootstrapServers, Set<String> incidentIds) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        Map<String, List<ConsumerRecord<byte[], byte[]>>> byType = new HashMap<>();
        Set<String> declared = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(EVENTS_TOPIC, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, Math.max(begin.get(partition), end.get(partition) - TAIL_PER_PARTITION));
            }
            Instant deadline = Instant.now().plusSeconds(30);
            while (!caughtUp(consumer, partitions, end) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() == null || record.value() == null) {
                        continue;
                    }
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    // An incident's first record is its declaration (on a long topic, maybe an update: one fewer).
                    if (incidentIds.contains(key) && !declared.add(key)) {
                        byType.computeIfAbsent(eventType(record), t -> new ArrayList<>())
                                .add(record);
                    }
                }
            }
        }
        List<ConsumerRecord<byte[], byte[]>> updates = byType.values().stream()
                .max(Comparator.comparingInt(List::size))
                .orElseThrow(() -> new BenchException("found none of the benchmark's events in " + EVENTS_TOPIC
                        + "; did the HTTP warm-up get any 201?"));
        long keys = 0;
        long values = 0;
        for (ConsumerRecord<byte[], byte[]> record : updates) {
            keys += record.key().length;
            values += record.value().length;
        }
        ConsumerRecord<byte[], byte[]> example = updates.get(updates.size() - 1);
        return new RecordShape(
                eventType(example),
                updates.size(),
                (int) Math.round((double) keys / updates.size()),
                (int) Math.round((double) values / updates.size()),
                example.headers());
    }

    int headerBytes() {
        int bytes = 0;
        for (Header header : headers) {
            bytes += header.key().getBytes(StandardCharsets.UTF_8).length
                    + (header.value() == null ? 0 : header.value().length);
        }
        return bytes;
    }

    private static boolean caughtUp(
            KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition) < end.get(partition)) {
                return false;
            }
        }
        return true;
    }

    private static String eventType(ConsumerRecord<byte[], byte[]> record) {
        Header type = record.headers().lastHeader("event-type");
        return type == null || type.value() == null
                ? "(no event-type header)"
                : new String(type.value(), StandardCharsets.UTF_8);
    }
}
