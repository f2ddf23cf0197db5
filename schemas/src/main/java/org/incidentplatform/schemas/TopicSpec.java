package org.incidentplatform.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.incidentplatform.schemas.serde.AvroSerde;
import org.incidentplatform.schemas.serde.AvroSerdeConfig;

/**
 * A topic as the platform needs it: name, partition count, the topic-level configs that must hold, and
 * what its records are, so that every client builds its serdes from here (as kafka-streams-examples'
 * {@code Topic<K, V>} does) instead of saying them again. Replication is a deployment choice, so it is
 * not part of the spec.
 *
 * @param keyType   the keys' type, one Kafka's {@link Serdes} has a serde for: stream and subscription ids,
 *                  {@code String}
 * @param valueType an Avro record class, written in Confluent's wire format through the schema registry; or
 *                  a type Kafka's {@link Serdes} has a serde for ({@code byte[]} for records kept as they came)
 */
public record TopicSpec<K, V>(
        String name, int partitions, Map<String, String> configs, Class<K> keyType, Class<V> valueType) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1 for topic " + name);
        }
        configs = Map.copyOf(configs);
    }

    public String cleanupPolicy() {
        return configs.getOrDefault("cleanup.policy", "delete");
    }

    /** The partition a record with this key lands on, as Kafka's default partitioner chooses it. */
    public int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * The dead-letter topic of this topic: same partition count, so a record keeps its partition, and the
     * records' values as they came, bytes that may be unreadable.
     */
    public TopicSpec<K, byte[]> deadLetter() {
        return new TopicSpec<>(name + "-dlt", partitions, Topics.RETAINED_FOREVER, keyType, byte[].class);
    }

    public Serde<K> keySerde() {
        return Serdes.serdeFrom(keyType);
    }

    /**
     * A new serde of the values. An Avro record's is the registry-backed {@link AvroSerde}, reading the
     * generated classes; its {@code schemaRegistryUrl} is the one setting it needs. Other types' ignore it.
     */
    public Serde<V> valueSerde(String schemaRegistryUrl) {
        if (!SpecificRecord.class.isAssignableFrom(valueType)) {
            return Serdes.serdeFrom(valueType);
        }
        Serde<V> serde = new AvroSerde<>();
        serde.configure(
                Map.of(
                        AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                        schemaRegistryUrl,
                        AvroSerdeConfig.SPECIFIC_AVRO_READER,
                        true),
                false);
        return serde;
    }
}
