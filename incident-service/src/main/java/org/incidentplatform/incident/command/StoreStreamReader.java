package org.incidentplatform.incident.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.schemas.Topics;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * Reads a stream's events from the processor's own event store (interactive query), so the audit
 * view shows exactly what was appended, in order, without scanning the topic. The store is
 * partitioned like the commands: a stream whose partition another instance owns is read there
 * (Kafka Streams' metadata names that instance).
 */
@Component
final class StoreStreamReader implements StreamReader {

    private final StreamsBuilderFactoryBean streams;
    private final Serde<IncidentEvent> events;

    StoreStreamReader(StreamsBuilderFactoryBean streams, Serde<IncidentEvent> events) {
        this.streams = streams;
        this.events = events;
    }

    @Override
    public Read read(StreamKind kind, String streamId, long after, int limit) {
        KafkaStreams running = streams.getKafkaStreams();
        if (running == null || running.state() != KafkaStreams.State.RUNNING) {
            throw new StreamsUnavailableException("the event store is not ready yet (state "
                    + (running == null ? "NOT_STARTED" : running.state()) + ")");
        }
        KeyQueryMetadata owner =
                running.queryMetadataForKey(CommandProcessor.STATE_STORE, streamId, new StringSerializer());
        boolean ownerKnown = owner != null
                && !owner.equals(KeyQueryMetadata.NOT_AVAILABLE)
                && owner.activeHost().port() > 0;
        // Without application.server (an instance that serves no HTTP), Kafka Streams has no metadata to give.
        int partition = owner != null && !owner.equals(KeyQueryMetadata.NOT_AVAILABLE)
                ? owner.partition()
                : Topics.INCIDENT_COMMANDS.partitionOf(streamId);
        boolean local = running.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .flatMap(task -> task.topicPartitions().stream())
                .anyMatch(tp -> tp.partition() == partition);
        if (!local) {
            if (!ownerKnown) {
                throw new StreamsUnavailableException("the owner of stream " + streamId + " (partition " + partition
                        + ") is not known right now; ask again in a moment");
            }
            return new OwnedElsewhere(
                    owner.activeHost().host() + ":" + owner.activeHost().port());
        }
        byte[] snapshot =
                store(running, CommandProcessor.STATE_STORE, partition).get(streamId);
        if (snapshot == null || !StreamType.isOfKind(snapshot, kind)) {
            return new NotFound();
        }
        List<RecordedEvent> recorded = new ArrayList<>();
        boolean more = false;
        try (KeyValueIterator<String, byte[]> range = store(running, CommandProcessor.EVENT_STORE, partition)
                .range(
                        CommandProcessor.eventKey(streamId, after + 1),
                        CommandProcessor.eventKey(streamId, Long.MAX_VALUE))) {
            while (range.hasNext()) {
                KeyValue<String, byte[]> entry = range.next();
                if (recorded.size() == limit) {
                    more = true;
                    break;
                }
                recorded.add(recorded(events.deserializer().deserialize(Topics.INCIDENT_EVENTS.name(), entry.value)));
            }
        }
        return new Page(recorded, more);
    }

    private static ReadOnlyKeyValueStore<String, byte[]> store(KafkaStreams running, String name, int partition) {
        return running.store(
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, byte[]>keyValueStore())
                        .withPartition(partition));
    }

    private static RecordedEvent recorded(IncidentEvent event) {
        return new RecordedEvent(
                event.getEventId().toString(),
                event.getIncidentId(),
                event.getSequence(),
                event.getOccurredAt(),
                event.getRecordedAt(),
                event.getActor(),
                event.getCorrelationId(),
                event.getPayload().getClass().getSimpleName(),
                fields((SpecificRecord) event.getPayload()));
    }

    private static Map<String, Object> fields(SpecificRecord record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            fields.put(field.name(), plain(record.get(field.pos())));
        }
        return fields;
    }

    /** Avro values as JSON-friendly ones: times and dates as ISO strings, enums by their symbol. */
    private static Object plain(Object value) {
        if (value instanceof SpecificRecord record) {
            return fields(record);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k.toString(), plain(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(StoreStreamReader::plain).toList();
        }
        if (value == null || value instanceof Boolean || value instanceof Number || value instanceof String) {
            return value;
        }
        return value.toString();
    }
}
