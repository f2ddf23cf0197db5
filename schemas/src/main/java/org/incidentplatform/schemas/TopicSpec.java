package org.incidentplatform.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.utils.Utils;

/**
 * A topic as the platform needs it: name, partition count and the topic-level configs that
 * must hold. Replication is a deployment choice, so it is not part of the spec.
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
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

    /** The dead-letter topic of this topic: same partition count, so a record keeps its partition. */
    public TopicSpec deadLetter() {
        return new TopicSpec(name + "-dlt", partitions, Topics.RETAINED_FOREVER);
    }
}
