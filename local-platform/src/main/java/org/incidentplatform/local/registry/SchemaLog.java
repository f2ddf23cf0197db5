package org.incidentplatform.local.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.incidentplatform.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code _schemas} topic as the registry's only store. One reader thread tails the topic
 * from the beginning and applies every record to the state, whoever wrote it; a write is
 * acknowledged by the broker first and counts as done only once that reader has applied it. So
 * the state never holds something Kafka does not, and a write whose outcome was unknown (a
 * timeout after the broker took it) is seen by the next writer instead of being overwritten.
 *
 * <p>Every call that waits on Kafka is bounded by the write timeout.
 */
final class SchemaLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SchemaLog.class);
    private static final TopicPartition PARTITION = new TopicPartition(Topics.SCHEMAS.name(), 0);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final String bootstrapServers;
    private final Duration timeout;
    private final Admin admin;
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final Consumer<RegistryRecord> state;
    private final Thread reader;
    private final Object progress = new Object();
    private long position;
    private RuntimeException readerFailure;
    private volatile boolean closing;

    private SchemaLog(String bootstrapServers, Duration timeout, Consumer<RegistryRecord> state) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
        this.state = state;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "local-schema-registry-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) half(timeout).toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) timeout.toMillis()));
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "local-schema-registry-writer",
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.LINGER_MS_CONFIG,
                        0,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        (int) half(timeout).toMillis(),
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        (int) timeout.toMillis(),
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        timeout.toMillis()),
                new StringSerializer(),
                new StringSerializer());
        // No group: the registry always reads the whole topic, so there is nothing to commit.
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "local-schema-registry-reader",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                        false),
                new StringDeserializer(),
                new StringDeserializer());
        this.reader = new Thread(this::read, "local-schema-registry-reader");
        this.reader.setDaemon(true);
    }

    /**
     * Creates the topic when missing, then replays it into {@code state}; returns once the state
     * holds everything the topic held when this was called.
     */
    static SchemaLog open(String bootstrapServers, Duration timeout, Consumer<RegistryRecord> state) {
        SchemaLog schemaLog = new SchemaLog(bootstrapServers, timeout, state);
        try {
            schemaLog.createTopicIfMissing();
            schemaLog.consumer.assign(List.of(PARTITION));
            schemaLog.consumer.seekToBeginning(List.of(PARTITION));
            schemaLog.reader.start();
            schemaLog.catchUp();
            return schemaLog;
        } catch (RuntimeException e) {
            schemaLog.close();
            throw new IllegalStateException(
                    "cannot read the " + PARTITION.topic() + " topic on " + bootstrapServers + ": " + e.getMessage(),
                    e);
        }
    }

    /** Waits until every record the topic holds now has been applied. */
    void catchUp() {
        long end = kafka(
                "read the end offset of",
                () -> admin.listOffsets(Map.of(PARTITION, OffsetSpec.latest()))
                        .partitionResult(PARTITION)
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .offset());
        awaitApplied(end);
    }

    /** Writes the record and returns once the broker has acknowledged it and the state applied it. */
    void append(RegistryRecord record) {
        SchemasTopicFormat.Entry entry = SchemasTopicFormat.encode(record);
        RecordMetadata written = kafka(
                "write to",
                () -> producer.send(new ProducerRecord<>(
                                PARTITION.topic(), PARTITION.partition(), entry.key(), entry.value()))
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        awaitApplied(written.offset() + 1);
    }

    /**
     * A topic the controller has just created is not yet known to the broker's metadata; reading
     * its end offset at once fails. Wait, bounded, until its partition answers.
     */
    private void awaitPartitionReady() throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                admin.listOffsets(Map.of(PARTITION, OffsetSpec.latest()))
                        .partitionResult(PARTITION)
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "topic " + PARTITION.topic() + " was created but its partition "
                                    + "did not become readable within " + timeout.toSeconds() + " s",
                            notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    private void createTopicIfMissing() {
        // Replication factor 1: this registry serves the embedded default, which has one broker.
        // Production runs Confluent's own registry, which creates its topic itself.
        NewTopic topic = new NewTopic(Topics.SCHEMAS.name(), Topics.SCHEMAS.partitions(), (short) 1)
                .configs(Topics.SCHEMAS.configs());
        try {
            admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            awaitPartitionReady();
            log.info("Created topic {} on {}", topic.name(), bootstrapServers);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic.name() + ": " + e.getCause(), e);
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(
                    "no answer from Kafka within " + timeout.toSeconds() + " s while creating topic " + topic.name(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic.name(), e);
        }
    }

    private void read() {
        try {
            while (!closing) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    decode(record).ifPresent(state);
                }
                try {
                    advanceTo(consumer.position(PARTITION, POLL));
                } catch (org.apache.kafka.common.errors.TimeoutException brokerAway) {
                    // Only before the first fetch: the position is not known until the broker answers.
                }
            }
        } catch (RuntimeException e) {
            if (!closing) {
                log.error("Stopped reading {}; the registry can no longer write", PARTITION.topic(), e);
                fail(e);
            }
        } finally {
            consumer.close(CLOSE_TIMEOUT);
        }
    }

    private static Optional<RegistryRecord> decode(ConsumerRecord<String, String> record) {
        try {
            return SchemasTopicFormat.decode(record.key(), record.value());
        } catch (RuntimeException e) {
            // Skipping is what Confluent does with a record it cannot read; stopping would
            // leave the registry unable to start until someone edits a compacted topic.
            log.warn("Skipping record at offset {} of {}: {}", record.offset(), record.topic(), e.getMessage());
            return Optional.empty();
        }
    }

    private void advanceTo(long next) {
        synchronized (progress) {
            if (next > position) {
                position = next;
                progress.notifyAll();
            }
        }
    }

    private void fail(RuntimeException e) {
        synchronized (progress) {
            readerFailure = e;
            progress.notifyAll();
        }
    }

    private void awaitApplied(long offset) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (position < offset) {
                if (readerFailure != null) {
                    throw RegistryError.storeFailed(
                            "the reader of " + PARTITION.topic() + " stopped: " + readerFailure.getMessage(),
                            readerFailure);
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw RegistryError.storeTimedOut(
                            "offset " + (offset - 1) + " of " + PARTITION.topic() + " was not read back within "
                                    + timeout.toSeconds() + " s",
                            null);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw RegistryError.storeFailed("interrupted while reading " + PARTITION.topic(), e);
                }
            }
        }
    }

    private interface KafkaCall<T> {
        T call() throws ExecutionException, java.util.concurrent.TimeoutException, InterruptedException;
    }

    private <T> T kafka(String what, KafkaCall<T> call) {
        String action = what + " the " + PARTITION.topic() + " topic on " + bootstrapServers;
        try {
            return call.call();
        } catch (java.util.concurrent.TimeoutException | org.apache.kafka.common.errors.TimeoutException e) {
            throw timedOut(action, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw timedOut(action, e.getCause());
            }
            throw RegistryError.storeFailed("cannot " + action + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryError.storeFailed("interrupted while trying to " + action, e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw RegistryError.storeFailed("cannot " + action + ": " + e, e);
        }
    }

    private RegistryError timedOut(String action, Throwable cause) {
        return RegistryError.storeTimedOut(
                "could not " + action + " within " + timeout.toSeconds() + " s; is Kafka running?", cause);
    }

    private static Duration half(Duration timeout) {
        return timeout.dividedBy(2);
    }

    @Override
    public void close() {
        closing = true;
        if (reader.getState() == Thread.State.NEW) {
            consumer.close(CLOSE_TIMEOUT);
        } else {
            consumer.wakeup();
            try {
                reader.join(CLOSE_TIMEOUT.toMillis() * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(CLOSE_TIMEOUT);
        admin.close(CLOSE_TIMEOUT);
    }
}
