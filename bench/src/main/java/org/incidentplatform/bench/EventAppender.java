package org.incidentplatform.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.local.junit.IncidentStreams;
import org.incidentplatform.schemas.Topics;

/**
 * Appends events straight to {@code incident-events}, as incident-service would have written them
 * (Avro through the registry, keyed by stream): the seeded history, the rebuild's million events
 * and the fan-out's update. incident-service's own stores know nothing of these streams.
 */
final class EventAppender implements AutoCloseable {

    private static final Instant HISTORY_START = Instant.parse("2026-11-01T00:00:00Z");

    private final KafkaProducer<String, IncidentEvent> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    EventAppender(Stack stack) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        this.producer = new KafkaProducer<>(
                props,
                Topics.INCIDENT_EVENTS.keySerde().serializer(),
                Topics.INCIDENT_EVENTS.valueSerde(stack.schemaRegistryUrl()).serializer());
    }

    /** Sends without waiting; {@link #flush()} waits for all and reports the first failure. */
    void append(IncidentEvent event) {
        producer.send(record(event), (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
    }

    /** Sends and waits for the acknowledgement. */
    void appendNow(IncidentEvent event) {
        try {
            producer.send(record(event)).get();
        } catch (Exception e) {
            throw new BenchException("cannot append to incident-events: " + e, e);
        }
    }

    void flush() {
        producer.flush();
        if (failure.get() != null) {
            throw new BenchException("cannot append to incident-events: " + failure.get(), failure.get());
        }
    }

    /** The benchmark's history: incident {@code index} declared 17 minutes after the one before, from 1 November. */
    static List<IncidentEvent> incident(String id, int index, int length, boolean open) {
        return IncidentStreams.incident(id, index, length, open, HISTORY_START, Duration.ofMinutes(17));
    }

    /** {@code count} events as {@code count / 10} incident streams of ten events, every 50th left open. */
    long appendIncidents(String prefix, int firstIndex, long count) {
        long appended = 0;
        long streams = Math.max(1, count / IncidentStreams.EVENTS_PER_INCIDENT);
        for (long i = 0; i < streams; i++) {
            int length = (int) (i == streams - 1 ? count - appended : IncidentStreams.EVENTS_PER_INCIDENT);
            for (IncidentEvent event :
                    incident(String.format("%s-%07d", prefix, i), (int) (firstIndex + i), length, i % 50 == 0)) {
                append(event);
                appended++;
            }
            if (failure.get() != null) {
                flush();
            }
        }
        flush();
        return appended;
    }

    private static ProducerRecord<String, IncidentEvent> record(IncidentEvent event) {
        ProducerRecord<String, IncidentEvent> record =
                new ProducerRecord<>(Topics.INCIDENT_EVENTS.name(), event.getIncidentId(), event);
        record.headers()
                .add("event-type", event.getPayload().getClass().getSimpleName().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    @Override
    public void close() {
        producer.close();
    }
}
