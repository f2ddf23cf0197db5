package org.incidentplatform.incident.domain;

import java.time.Instant;

/**
 * Facts of the catalogue's stream ({@link Catalogue#STREAM_ID}), mirroring the Avro payloads;
 * {@code occurredAt} is the envelope's.
 */
public sealed interface CatalogueEvent {

    Instant occurredAt();

    record ComponentAdded(
            String componentId,
            String name,
            String description,
            String groupId,
            int position,
            boolean hidden,
            Instant occurredAt)
            implements CatalogueEvent {}

    record ComponentRenamed(String componentId, String name, Instant occurredAt) implements CatalogueEvent {}

    record ComponentDescribed(String componentId, String description, Instant occurredAt) implements CatalogueEvent {}

    record ComponentMovedToGroup(String componentId, String groupId, int position, Instant occurredAt)
            implements CatalogueEvent {}

    record ComponentRemoved(String componentId, Instant occurredAt) implements CatalogueEvent {}

    record ComponentGroupAdded(String groupId, String name, String description, int position, Instant occurredAt)
            implements CatalogueEvent {}

    record ComponentGroupRenamed(String groupId, String name, Instant occurredAt) implements CatalogueEvent {}

    /** Its components are ungrouped by this fact alone; no ComponentMovedToGroup accompanies it. */
    record ComponentGroupRemoved(String groupId, Instant occurredAt) implements CatalogueEvent {}
}
