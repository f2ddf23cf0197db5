package org.incidentplatform.incident.command;

import java.time.Duration;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.incidentplatform.events.ComponentAdded;
import org.incidentplatform.events.ComponentRemoved;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.incident.domain.Catalogue;
import org.incidentplatform.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The ids of the components in the catalogue, as every instance's processor asks them: incidents and
 * maintenances on any partition may only name these. Read from the catalogue's own events, on the
 * one partition of incident-events that holds them.
 *
 * <p>A component answered {@code 201} can be named by the very next request on any instance: when a
 * command names an id this view does not know, the view first reads the catalogue's partition up to
 * its last committed offset (asked of the broker then) and only then says no. The catalogue command
 * was answered only after its transaction committed, so the component is below that offset.
 */
@Component
final class KnownComponents implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KnownComponents.class);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaProperties kafka;
    private final Deserializer<IncidentEvent> events;
    private final TopicPartition partition =
            new TopicPartition(Topics.INCIDENT_EVENTS.name(), Topics.INCIDENT_EVENTS.partitionOf(Catalogue.STREAM_ID));
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final Set<String> view = new AbstractSet<>() {
        @Override
        public boolean contains(Object id) {
            return id instanceof String key && knows(key);
        }

        @Override
        public Iterator<String> iterator() {
            return Set.copyOf(ids).iterator();
        }

        @Override
        public int size() {
            return ids.size();
        }
    };
    private final Object progress = new Object();
    private long position;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Admin admin;
    private volatile Thread reader;
    private volatile boolean running;

    KnownComponents(KafkaProperties kafka, Serde<IncidentEvent> events) {
        this.kafka = kafka;
        this.events = events.deserializer();
    }

    /** The catalogue as a set the deciders can ask; {@code contains} catches up before it says no. */
    Set<String> asSet() {
        return view;
    }

    boolean knows(String componentId) {
        if (ids.contains(componentId)) {
            return true;
        }
        catchUp();
        return ids.contains(componentId);
    }

    /** Waits until every committed catalogue event has been read. */
    void catchUp() {
        long committedEnd;
        try {
            committedEnd = admin.listOffsets(
                            Map.of(partition, OffsetSpec.latest()),
                            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .partitionResult(partition)
                    .get(CATCH_UP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .offset();
        } catch (Exception e) {
            throw new IllegalStateException("the catalogue's committed end could not be read: " + e, e);
        }
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
        synchronized (progress) {
            while (position < committedEnd) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new IllegalStateException("the catalogue was not read up to offset " + committedEnd
                            + " within " + CATCH_UP_TIMEOUT.toSeconds() + " s (at " + position + ")");
                }
                try {
                    progress.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading the catalogue", e);
                }
            }
        }
    }

    @Override
    public void start() {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "incident-service-catalogue-" + UUID.randomUUID());
        consumer = new KafkaConsumer<>(
                config, Topics.INCIDENT_EVENTS.keySerde().deserializer(), new ByteArrayDeserializer());
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        admin = Admin.create(kafka.buildAdminProperties());
        running = true;
        reader = new Thread(this::read, "catalogue-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (Catalogue.STREAM_ID.equals(record.key()) && record.value() != null) {
                        apply(record.value());
                    }
                }
                long now = consumer.position(partition);
                synchronized (progress) {
                    position = now;
                    progress.notifyAll();
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke us up.
        } catch (RuntimeException e) {
            log.error("the catalogue can no longer be read; commands naming new components will fail", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(byte[] value) {
        IncidentEvent event;
        try {
            event = events.deserialize(Topics.INCIDENT_EVENTS.name(), value);
        } catch (RuntimeException unreadable) {
            // The consumers' dead-letter path reports such a record; here it can only be skipped.
            log.error("skipping an unreadable catalogue event: {}", unreadable.getMessage());
            return;
        }
        if (event.getPayload() instanceof ComponentAdded added) {
            ids.add(added.getComponentId());
        } else if (event.getPayload() instanceof ComponentRemoved removed) {
            ids.remove(removed.getComponentId());
        }
    }

    @Override
    public void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (reader != null) {
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Before the command processor (Kafka Streams) starts deciding.
        return SmartLifecycle.DEFAULT_PHASE - 2000;
    }
}
