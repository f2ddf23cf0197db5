package org.incidentplatform.incident.command;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.incident.domain.Command;
import org.incidentplatform.incident.domain.Maintenance;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.schemas.registry.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Builds the command processor's snapshots and event store from incident-events, once, before
 * Kafka Streams starts: on the first start of a version that keeps snapshots against a log that
 * an earlier version wrote (which kept each stream's whole history instead). The log is the
 * truth; the stores are derived from it.
 *
 * <p>It writes what the processor would have written into the stores' changelog topics, which
 * Kafka Streams then restores from as usual, and records that it is done as the committed
 * offsets of a consumer group of its own ({@code <application.id>-snapshots}). A start that finds
 * those offsets does nothing; a fresh system (an empty log) only records them. An operator forces
 * a rebuild by deleting that group and the two changelog topics, with every instance stopped.
 */
@Component
final class SnapshotRebuild implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SnapshotRebuild.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProperties kafka;
    private final Serde<IncidentEvent> events;
    private volatile boolean running;

    SnapshotRebuild(KafkaProperties kafka, Serde<IncidentEvent> events) {
        this.kafka = kafka;
        this.events = events;
    }

    static String markerGroup(String applicationId) {
        return applicationId + "-snapshots";
    }

    static String changelog(String applicationId, String store) {
        return applicationId + "-" + store + "-changelog";
    }

    @Override
    public void start() {
        String applicationId = kafka.getStreams().getApplicationId();
        try (Admin admin = Admin.create(kafka.buildAdminProperties())) {
            Map<TopicPartition, OffsetAndMetadata> done = admin.listConsumerGroupOffsets(markerGroup(applicationId))
                    .partitionsToOffsetAndMetadata()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!done.isEmpty()) {
                log.debug("snapshots of {} were built from {} before", applicationId, Topics.INCIDENT_EVENTS.name());
            } else {
                rebuild(admin, applicationId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the command processor's snapshots", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot check whether the command processor's snapshots are built: " + e.getMessage(), e);
        }
        running = true;
    }

    private void rebuild(Admin admin, String applicationId)
            throws ExecutionException, InterruptedException, TimeoutException {
        Instant began = Instant.now();
        createChangelogs(admin, applicationId);
        Map<TopicPartition, OffsetAndMetadata> marker = new HashMap<>();
        long eventCount = 0;
        int streamCount = 0;
        Serializer<CommandProcessor.DueTimes> dueTimes =
                CommandCodec.serde(CommandProcessor.DueTimes.class).serializer();
        try (KafkaConsumer<String, byte[]> consumer = consumer();
                KafkaProducer<String, byte[]> producer = producer()) {
            for (int partition = 0; partition < Topics.INCIDENT_EVENTS.partitions(); partition++) {
                TopicPartition source = new TopicPartition(Topics.INCIDENT_EVENTS.name(), partition);
                Rebuilt rebuilt = new Rebuilt();
                consumer.assign(List.of(source));
                consumer.seekToBeginning(List.of(source));
                long end = consumer.endOffsets(List.of(source)).get(source);
                while (consumer.position(source) < end) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        if (record.offset() >= end
                                || record.value() == null
                                || Topics.HEARTBEAT_KEY.equals(record.key())) {
                            continue;
                        }
                        if (rebuilt.apply(record.key(), decode(record))) {
                            producer.send(new ProducerRecord<>(
                                    changelog(applicationId, CommandProcessor.EVENT_STORE),
                                    partition,
                                    CommandProcessor.eventKey(record.key(), rebuilt.version(record.key())),
                                    record.value()));
                            eventCount++;
                        }
                    }
                }
                for (Map.Entry<String, byte[]> snapshot : rebuilt.snapshots().entrySet()) {
                    producer.send(new ProducerRecord<>(
                            changelog(applicationId, CommandProcessor.STATE_STORE),
                            partition,
                            snapshot.getKey(),
                            snapshot.getValue()));
                }
                for (Map.Entry<String, CommandProcessor.DueTimes> due :
                        rebuilt.schedule().entrySet()) {
                    producer.send(new ProducerRecord<>(
                            changelog(applicationId, CommandProcessor.SCHEDULE_STORE),
                            partition,
                            due.getKey(),
                            dueTimes.serialize(null, due.getValue())));
                }
                streamCount += rebuilt.snapshots().size();
                marker.put(source, new OffsetAndMetadata(end));
            }
            producer.flush();
        }
        admin.alterConsumerGroupOffsets(markerGroup(applicationId), marker)
                .all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (eventCount > 0) {
            log.info(
                    "built snapshots of {} streams from {} events of {} in {} ms",
                    streamCount,
                    eventCount,
                    Topics.INCIDENT_EVENTS.name(),
                    Duration.between(began, Instant.now()).toMillis());
        }
    }

    private Optional<IncidentEvent> decode(ConsumerRecord<String, byte[]> record) {
        try {
            return Optional.of(events.deserializer().deserialize(Topics.INCIDENT_EVENTS.name(), record.value()));
        } catch (RuntimeException unreadable) {
            if (registryAway(unreadable)) {
                // Readable later: building snapshots without it would lose its stream's history.
                throw new IllegalStateException(
                        "the schema registry could not be asked while building snapshots from "
                                + Topics.INCIDENT_EVENTS.name() + "; start again when it is reachable",
                        unreadable);
            }
            // The consumers dead-letter it; the processor never wrote it, so it is no part of any snapshot.
            log.warn(
                    "skipping unreadable record {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    unreadable.getMessage());
            return Optional.empty();
        }
    }

    private static boolean registryAway(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException registry
                    && (registry.isUnreachable() || registry.httpStatus() >= 500)) {
                return true;
            }
        }
        return false;
    }

    private void createChangelogs(Admin admin, String applicationId)
            throws ExecutionException, InterruptedException, TimeoutException {
        short replication = (short)
                (kafka.getStreams().getReplicationFactor() == null
                        ? 1
                        : kafka.getStreams().getReplicationFactor());
        List<NewTopic> topics = new ArrayList<>();
        for (String store :
                List.of(CommandProcessor.STATE_STORE, CommandProcessor.EVENT_STORE, CommandProcessor.SCHEDULE_STORE)) {
            Map<String, String> config = new LinkedHashMap<>(Map.of("cleanup.policy", "compact"));
            if (store.equals(CommandProcessor.STATE_STORE)) {
                config.put("max.message.bytes", CommandTopology.SNAPSHOT_MAX_BYTES);
            }
            topics.add(new NewTopic(changelog(applicationId, store), Topics.INCIDENT_EVENTS.partitions(), replication)
                    .configs(config));
        }
        for (NewTopic topic : topics) {
            try {
                admin.createTopics(List.of(topic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "incident-service-snapshot-rebuild-" + UUID.randomUUID());
        return new KafkaConsumer<>(
                config, Topics.INCIDENT_EVENTS.keySerde().deserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<String, byte[]> producer() {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.parseInt(CommandTopology.SNAPSHOT_MAX_BYTES));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "incident-service-snapshot-rebuild-" + UUID.randomUUID());
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Before the catalogue view and Kafka Streams, which read what this writes.
        return SmartLifecycle.DEFAULT_PHASE - 3000;
    }

    /** The streams of one partition as their events build them, each with the state of its own kind. */
    private static final class Rebuilt {

        private final Map<String, Stream<?, ?, ?>> streams = new LinkedHashMap<>();

        /** Applies one event to its stream; false when it is none of a stream's (another kind's, unreadable). */
        boolean apply(String streamId, Optional<IncidentEvent> event) {
            if (event.isEmpty()) {
                return false;
            }
            Stream<?, ?, ?> stream = streams.get(streamId);
            if (stream == null) {
                stream = switch (EventPayloads.kindOf(event.get().getPayload())) {
                    case INCIDENT -> new Stream<>(StreamType.INCIDENTS);
                    case MAINTENANCE -> new Stream<>(StreamType.MAINTENANCES);
                    case CATALOGUE -> new Stream<>(StreamType.CATALOGUE);
                };
                streams.put(streamId, stream);
            }
            return stream.apply(event.get());
        }

        long version(String streamId) {
            return streams.get(streamId).version();
        }

        Map<String, byte[]> snapshots() {
            Map<String, byte[]> snapshots = new LinkedHashMap<>();
            streams.forEach((id, stream) -> snapshots.put(id, stream.snapshot()));
            return snapshots;
        }

        Map<String, CommandProcessor.DueTimes> schedule() {
            Map<String, CommandProcessor.DueTimes> due = new LinkedHashMap<>();
            streams.forEach((id, stream) -> stream.dueTimes().ifPresent(times -> due.put(id, times)));
            return due;
        }
    }

    private static final class Stream<C extends Command, E, S> {

        private final StreamType<C, E, S> type;
        private S state;

        Stream(StreamType<C, E, S> type) {
            this.type = type;
            this.state = type.decider().initialState();
        }

        boolean apply(IncidentEvent envelope) {
            Optional<E> event = type.fromAvro(envelope);
            event.ifPresent(e -> state = type.decider().evolve(state, e));
            return event.isPresent();
        }

        long version() {
            return type.version(state);
        }

        byte[] snapshot() {
            return type.encode(state);
        }

        Optional<CommandProcessor.DueTimes> dueTimes() {
            return state instanceof Maintenance maintenance
                    ? Optional.of(CommandProcessor.dueTimes(maintenance)).filter(times -> !times.isEmpty())
                    : Optional.empty();
        }
    }
}
