package org.incidentplatform.incident.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.schemas.Topics;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * Reads a stream's events from the processor's own history store (interactive query), so the
 * audit view shows exactly what was appended, in order, without scanning the topic.
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
    public Optional<List<RecordedEvent>> read(StreamKind kind, String streamId) {
        KafkaStreams running = streams.getKafkaStreams();
        if (running == null || running.state() != KafkaStreams.State.RUNNING) {
            throw new StreamsUnavailableException("the event store is not ready yet (state "
                    + (running == null ? "NOT_STARTED" : running.state()) + ")");
        }
        int partition = Utils.toPositive(Utils.murmur2(streamId.getBytes(StandardCharsets.UTF_8)))
                % Topics.INCIDENT_COMMANDS.partitions();
        boolean local = running.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .flatMap(task -> task.topicPartitions().stream())
                .anyMatch(tp -> tp.partition() == partition);
        if (!local) {
            throw new StreamsUnavailableException("stream " + streamId + " (partition " + partition
                    + ") is served by another incident-service instance; ask again, or ask that one");
        }
        ReadOnlyKeyValueStore<String, List<byte[]>> store = running.store(StoreQueryParameters
                .fromNameAndType(CommandProcessor.HISTORY_STORE, QueryableStoreTypes.<String, List<byte[]>>keyValueStore())
                .withPartition(partition));
        List<byte[]> history = store.get(streamId);
        if (history == null || history.isEmpty()) {
            return Optional.empty();
        }
        List<RecordedEvent> recorded = new ArrayList<>(history.size());
        for (byte[] bytes : history) {
            IncidentEvent event = events.deserializer().deserialize(Topics.INCIDENT_EVENTS.name(), bytes);
            if (recorded.isEmpty() && EventPayloads.kindOf(event.getPayload()) != kind) {
                return Optional.empty();
            }
            recorded.add(new RecordedEvent(event.getEventId().toString(), event.getIncidentId(), event.getSequence(),
                    event.getOccurredAt(), event.getRecordedAt(), event.getActor(), event.getCorrelationId(),
                    event.getPayload().getClass().getSimpleName(), fields((SpecificRecord) event.getPayload())));
        }
        return Optional.of(recorded);
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
