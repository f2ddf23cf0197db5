package org.incidentplatform.incident.command;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.incidentplatform.events.ComponentAdded;
import org.incidentplatform.events.ComponentRemoved;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.incident.domain.Catalogue;
import org.incidentplatform.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps, on every instance, the ids of the components in the catalogue, read from the catalogue's
 * own events in incident-events: incidents and maintenances on any partition may only name these.
 * A global store, because the catalogue's stream lives on one partition and the incidents on all.
 */
final class KnownComponents implements Processor<String, byte[], Void, Void> {

    static final String STORE = "known-components";

    private static final Logger log = LoggerFactory.getLogger(KnownComponents.class);

    private final Deserializer<IncidentEvent> events;
    private KeyValueStore<String, String> components;

    KnownComponents(Deserializer<IncidentEvent> events) {
        this.events = events;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        components = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (!Catalogue.STREAM_ID.equals(record.key()) || record.value() == null) {
            return;
        }
        IncidentEvent event;
        try {
            event = events.deserialize(Topics.INCIDENT_EVENTS.name(), record.value());
        } catch (RuntimeException unreadable) {
            // The consumers' dead-letter path reports such a record; here it can only be skipped.
            log.error("skipping an unreadable catalogue event: {}", unreadable.getMessage());
            return;
        }
        if (event.getPayload() instanceof ComponentAdded added) {
            components.put(added.getComponentId(), added.getName());
        } else if (event.getPayload() instanceof ComponentRemoved removed) {
            components.delete(removed.getComponentId());
        }
    }
}
