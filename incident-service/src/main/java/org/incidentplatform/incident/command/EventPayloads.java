package org.incidentplatform.incident.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.incidentplatform.events.ActionItemAdded;
import org.incidentplatform.events.ActionItemCompleted;
import org.incidentplatform.events.ComponentAdded;
import org.incidentplatform.events.ComponentDescribed;
import org.incidentplatform.events.ComponentGroupAdded;
import org.incidentplatform.events.ComponentGroupRemoved;
import org.incidentplatform.events.ComponentGroupRenamed;
import org.incidentplatform.events.ComponentMovedToGroup;
import org.incidentplatform.events.ComponentRemoved;
import org.incidentplatform.events.ComponentRenamed;
import org.incidentplatform.events.IncidentDeclared;
import org.incidentplatform.events.IncidentReopened;
import org.incidentplatform.events.IncidentResolved;
import org.incidentplatform.events.IncidentRetracted;
import org.incidentplatform.events.IncidentUpdatePosted;
import org.incidentplatform.events.MaintenanceCancelled;
import org.incidentplatform.events.MaintenanceCompleted;
import org.incidentplatform.events.MaintenanceScheduled;
import org.incidentplatform.events.MaintenanceStarted;
import org.incidentplatform.events.MaintenanceUpdatePosted;
import org.incidentplatform.events.MaintenanceVerifying;
import org.incidentplatform.events.PostmortemPublished;
import org.incidentplatform.incident.domain.CatalogueEvent;
import org.incidentplatform.incident.domain.IncidentEvent;
import org.incidentplatform.incident.domain.IncidentStatus;
import org.incidentplatform.incident.domain.MaintenanceEvent;
import org.incidentplatform.schemas.Vocabulary.ComponentStatus;
import org.incidentplatform.schemas.Vocabulary.Impact;

/**
 * Maps the domain's events to the payloads of the Avro {@code IncidentEvent} envelope and back.
 *
 * <p>Naming: simple names such as {@code IncidentDeclared} are the Avro payload records; the domain's
 * records are written through their sealed interface ({@code IncidentEvent.IncidentDeclared},
 * {@code MaintenanceEvent.MaintenanceScheduled}, {@code CatalogueEvent.ComponentAdded}). The enums
 * {@code IncidentStatus}, {@code Impact} and {@code ComponentStatus} are the domain's; the Avro ones
 * are fully qualified. The Avro envelope is always {@code org.incidentplatform.events.IncidentEvent}.
 *
 * <p>{@code occurredAt} is not part of any payload: {@link #occurredAt(Object)} gives it for the
 * envelope, and {@link #toDomain} takes it from the envelope. Likewise the stream id carried by
 * {@code IncidentDeclared.incidentId} and {@code MaintenanceScheduled.maintenanceId} is the envelope's
 * {@code incidentId} (the Kafka key). Enums are mapped by wire value (the lower-case Avro symbol).
 */
final class EventPayloads {

    private EventPayloads() {}

    // ---------------------------------------------------------------- domain -> Avro

    /**
     * The Avro payload of a domain event of any of the three streams.
     *
     * @throws IllegalArgumentException for anything that is not a domain event
     */
    static SpecificRecord toAvro(Object domainEvent) {
        if (domainEvent instanceof IncidentEvent e) {
            return incidentToAvro(e);
        }
        if (domainEvent instanceof MaintenanceEvent e) {
            return maintenanceToAvro(e);
        }
        if (domainEvent instanceof CatalogueEvent e) {
            return catalogueToAvro(e);
        }
        throw unknown("domain event", domainEvent);
    }

    /**
     * When a domain event happened: the envelope's {@code occurredAt}.
     *
     * @throws IllegalArgumentException for anything that is not a domain event
     */
    static Instant occurredAt(Object domainEvent) {
        if (domainEvent instanceof IncidentEvent e) {
            return e.occurredAt();
        }
        if (domainEvent instanceof MaintenanceEvent e) {
            return e.occurredAt();
        }
        if (domainEvent instanceof CatalogueEvent e) {
            return e.occurredAt();
        }
        throw unknown("domain event", domainEvent);
    }

    static SpecificRecord incidentToAvro(IncidentEvent event) {
        if (event instanceof IncidentEvent.IncidentDeclared e) {
            return IncidentDeclared.newBuilder()
                    .setTitle(e.title())
                    .setImpact(toAvro(e.impact()))
                    .setStatus(toAvro(e.status()))
                    .setMessage(e.message())
                    .setComponents(componentsToAvro(e.components()))
                    .setStartedAt(e.startedAt())
                    .setDetectedAt(e.detectedAt())
                    .setDetectedBy(e.detectedBy())
                    .setBackfilled(e.backfilled())
                    .build();
        }
        if (event instanceof IncidentEvent.IncidentUpdatePosted e) {
            return IncidentUpdatePosted.newBuilder()
                    .setMessage(e.message())
                    .setStatus(e.status() == null ? null : toAvro(e.status()))
                    .setImpact(e.impact() == null ? null : toAvro(e.impact()))
                    .setComponents(componentsToAvro(e.components()))
                    .build();
        }
        if (event instanceof IncidentEvent.IncidentResolved e) {
            return IncidentResolved.newBuilder()
                    .setMessage(e.message())
                    .setComponents(componentsToAvro(e.components()))
                    .build();
        }
        if (event instanceof IncidentEvent.IncidentReopened e) {
            return IncidentReopened.newBuilder()
                    .setMessage(e.message())
                    .setStatus(toAvro(e.status()))
                    .setComponents(componentsToAvro(e.components()))
                    .build();
        }
        if (event instanceof IncidentEvent.IncidentRetracted e) {
            return IncidentRetracted.newBuilder().setReason(e.reason()).build();
        }
        if (event instanceof IncidentEvent.PostmortemPublished e) {
            return PostmortemPublished.newBuilder()
                    .setBody(e.body())
                    .setRootCause(e.rootCause())
                    .setContributingFactors(copy(e.contributingFactors()))
                    .build();
        }
        if (event instanceof IncidentEvent.ActionItemAdded e) {
            return ActionItemAdded.newBuilder()
                    .setActionItemId(e.actionItemId())
                    .setTitle(e.title())
                    .setOwner(e.owner())
                    .setDueDate(e.dueDate())
                    .build();
        }
        if (event instanceof IncidentEvent.ActionItemCompleted e) {
            return ActionItemCompleted.newBuilder()
                    .setActionItemId(e.actionItemId())
                    .setNote(e.note())
                    .build();
        }
        throw unknown("incident event", event);
    }

    static SpecificRecord maintenanceToAvro(MaintenanceEvent event) {
        if (event instanceof MaintenanceEvent.MaintenanceScheduled e) {
            return MaintenanceScheduled.newBuilder()
                    .setTitle(e.title())
                    .setMessage(e.message())
                    .setComponents(componentsToAvro(e.components()))
                    .setScheduledFor(e.scheduledFor())
                    .setScheduledUntil(e.scheduledUntil())
                    .setAutoStart(e.autoStart())
                    .setAutoComplete(e.autoComplete())
                    .build();
        }
        if (event instanceof MaintenanceEvent.MaintenanceStarted e) {
            return MaintenanceStarted.newBuilder()
                    .setMessage(e.message())
                    .setAutomatic(e.automatic())
                    .build();
        }
        if (event instanceof MaintenanceEvent.MaintenanceUpdatePosted e) {
            return MaintenanceUpdatePosted.newBuilder().setMessage(e.message()).build();
        }
        if (event instanceof MaintenanceEvent.MaintenanceVerifying e) {
            return MaintenanceVerifying.newBuilder().setMessage(e.message()).build();
        }
        if (event instanceof MaintenanceEvent.MaintenanceCompleted e) {
            return MaintenanceCompleted.newBuilder()
                    .setMessage(e.message())
                    .setAutomatic(e.automatic())
                    .build();
        }
        if (event instanceof MaintenanceEvent.MaintenanceCancelled e) {
            return MaintenanceCancelled.newBuilder().setMessage(e.message()).build();
        }
        throw unknown("maintenance event", event);
    }

    static SpecificRecord catalogueToAvro(CatalogueEvent event) {
        if (event instanceof CatalogueEvent.ComponentAdded e) {
            return ComponentAdded.newBuilder()
                    .setComponentId(e.componentId())
                    .setName(e.name())
                    .setDescription(e.description())
                    .setGroupId(e.groupId())
                    .setPosition(e.position())
                    .setHidden(e.hidden())
                    .build();
        }
        if (event instanceof CatalogueEvent.ComponentRenamed e) {
            return ComponentRenamed.newBuilder()
                    .setComponentId(e.componentId())
                    .setName(e.name())
                    .build();
        }
        if (event instanceof CatalogueEvent.ComponentDescribed e) {
            return ComponentDescribed.newBuilder()
                    .setComponentId(e.componentId())
                    .setDescription(e.description())
                    .build();
        }
        if (event instanceof CatalogueEvent.ComponentMovedToGroup e) {
            return ComponentMovedToGroup.newBuilder()
                    .setComponentId(e.componentId())
                    .setGroupId(e.groupId())
                    .setPosition(e.position())
                    .build();
        }
        if (event instanceof CatalogueEvent.ComponentRemoved e) {
            return ComponentRemoved.newBuilder().setComponentId(e.componentId()).build();
        }
        if (event instanceof CatalogueEvent.ComponentGroupAdded e) {
            return ComponentGroupAdded.newBuilder()
                    .setGroupId(e.groupId())
                    .setName(e.name())
                    .setDescription(e.description())
                    .setPosition(e.position())
                    .build();
        }
        if (event instanceof CatalogueEvent.ComponentGroupRenamed e) {
            return ComponentGroupRenamed.newBuilder()
                    .setGroupId(e.groupId())
                    .setName(e.name())
                    .build();
        }
        if (event instanceof CatalogueEvent.ComponentGroupRemoved e) {
            return ComponentGroupRemoved.newBuilder().setGroupId(e.groupId()).build();
        }
        throw unknown("catalogue event", event);
    }

    // ---------------------------------------------------------------- Avro -> domain

    /**
     * The domain event an envelope carries, with the envelope's {@code occurredAt}; the envelope's
     * {@code incidentId} becomes the stream id of {@code IncidentDeclared} and {@code MaintenanceScheduled}.
     *
     * @throws IllegalArgumentException for a payload that is not one of the union's records
     */
    static Object toDomain(org.incidentplatform.events.IncidentEvent envelope) {
        Object payload = envelope.getPayload();
        String streamId = envelope.getIncidentId();
        Instant at = envelope.getOccurredAt();

        // Incident stream.
        if (payload instanceof IncidentDeclared p) {
            return new IncidentEvent.IncidentDeclared(
                    streamId,
                    p.getTitle(),
                    toDomain(p.getImpact()),
                    toDomain(p.getStatus()),
                    p.getMessage(),
                    componentsToDomain(p.getComponents()),
                    p.getStartedAt(),
                    p.getDetectedAt(),
                    p.getDetectedBy(),
                    p.getBackfilled(),
                    at);
        }
        if (payload instanceof IncidentUpdatePosted p) {
            return new IncidentEvent.IncidentUpdatePosted(
                    p.getMessage(),
                    p.getStatus() == null ? null : toDomain(p.getStatus()),
                    p.getImpact() == null ? null : toDomain(p.getImpact()),
                    componentsToDomain(p.getComponents()),
                    at);
        }
        if (payload instanceof IncidentResolved p) {
            return new IncidentEvent.IncidentResolved(p.getMessage(), componentsToDomain(p.getComponents()), at);
        }
        if (payload instanceof IncidentReopened p) {
            return new IncidentEvent.IncidentReopened(
                    p.getMessage(), toDomain(p.getStatus()), componentsToDomain(p.getComponents()), at);
        }
        if (payload instanceof IncidentRetracted p) {
            return new IncidentEvent.IncidentRetracted(p.getReason(), at);
        }
        if (payload instanceof PostmortemPublished p) {
            return new IncidentEvent.PostmortemPublished(
                    p.getBody(), p.getRootCause(), copy(p.getContributingFactors()), at);
        }
        if (payload instanceof ActionItemAdded p) {
            return new IncidentEvent.ActionItemAdded(
                    p.getActionItemId(), p.getTitle(), p.getOwner(), p.getDueDate(), at);
        }
        if (payload instanceof ActionItemCompleted p) {
            return new IncidentEvent.ActionItemCompleted(p.getActionItemId(), p.getNote(), at);
        }

        // Maintenance stream.
        if (payload instanceof MaintenanceScheduled p) {
            return new MaintenanceEvent.MaintenanceScheduled(
                    streamId,
                    p.getTitle(),
                    p.getMessage(),
                    componentsToDomain(p.getComponents()),
                    p.getScheduledFor(),
                    p.getScheduledUntil(),
                    p.getAutoStart(),
                    p.getAutoComplete(),
                    at);
        }
        if (payload instanceof MaintenanceStarted p) {
            return new MaintenanceEvent.MaintenanceStarted(p.getMessage(), p.getAutomatic(), at);
        }
        if (payload instanceof MaintenanceUpdatePosted p) {
            return new MaintenanceEvent.MaintenanceUpdatePosted(p.getMessage(), at);
        }
        if (payload instanceof MaintenanceVerifying p) {
            return new MaintenanceEvent.MaintenanceVerifying(p.getMessage(), at);
        }
        if (payload instanceof MaintenanceCompleted p) {
            return new MaintenanceEvent.MaintenanceCompleted(p.getMessage(), p.getAutomatic(), at);
        }
        if (payload instanceof MaintenanceCancelled p) {
            return new MaintenanceEvent.MaintenanceCancelled(p.getMessage(), at);
        }

        // Catalogue stream.
        if (payload instanceof ComponentAdded p) {
            return new CatalogueEvent.ComponentAdded(
                    p.getComponentId(),
                    p.getName(),
                    p.getDescription(),
                    p.getGroupId(),
                    p.getPosition(),
                    p.getHidden(),
                    at);
        }
        if (payload instanceof ComponentRenamed p) {
            return new CatalogueEvent.ComponentRenamed(p.getComponentId(), p.getName(), at);
        }
        if (payload instanceof ComponentDescribed p) {
            return new CatalogueEvent.ComponentDescribed(p.getComponentId(), p.getDescription(), at);
        }
        if (payload instanceof ComponentMovedToGroup p) {
            return new CatalogueEvent.ComponentMovedToGroup(p.getComponentId(), p.getGroupId(), p.getPosition(), at);
        }
        if (payload instanceof ComponentRemoved p) {
            return new CatalogueEvent.ComponentRemoved(p.getComponentId(), at);
        }
        if (payload instanceof ComponentGroupAdded p) {
            return new CatalogueEvent.ComponentGroupAdded(
                    p.getGroupId(), p.getName(), p.getDescription(), p.getPosition(), at);
        }
        if (payload instanceof ComponentGroupRenamed p) {
            return new CatalogueEvent.ComponentGroupRenamed(p.getGroupId(), p.getName(), at);
        }
        if (payload instanceof ComponentGroupRemoved p) {
            return new CatalogueEvent.ComponentGroupRemoved(p.getGroupId(), at);
        }
        throw unknown("Avro payload", payload);
    }

    /** The incident event an envelope carries; empty when it belongs to another kind of stream. */
    static Optional<IncidentEvent> incidentEvent(org.incidentplatform.events.IncidentEvent envelope) {
        return toDomain(envelope) instanceof IncidentEvent event ? Optional.of(event) : Optional.empty();
    }

    static Optional<MaintenanceEvent> maintenanceEvent(org.incidentplatform.events.IncidentEvent envelope) {
        return toDomain(envelope) instanceof MaintenanceEvent event ? Optional.of(event) : Optional.empty();
    }

    static Optional<CatalogueEvent> catalogueEvent(org.incidentplatform.events.IncidentEvent envelope) {
        return toDomain(envelope) instanceof CatalogueEvent event ? Optional.of(event) : Optional.empty();
    }

    /**
     * The kind of stream an Avro payload belongs to.
     *
     * @throws IllegalArgumentException for a payload that is not one of the union's records
     */
    static StreamKind kindOf(Object avroPayload) {
        if (avroPayload instanceof IncidentDeclared
                || avroPayload instanceof IncidentUpdatePosted
                || avroPayload instanceof IncidentResolved
                || avroPayload instanceof IncidentReopened
                || avroPayload instanceof IncidentRetracted
                || avroPayload instanceof PostmortemPublished
                || avroPayload instanceof ActionItemAdded
                || avroPayload instanceof ActionItemCompleted) {
            return StreamKind.INCIDENT;
        }
        if (avroPayload instanceof MaintenanceScheduled
                || avroPayload instanceof MaintenanceStarted
                || avroPayload instanceof MaintenanceUpdatePosted
                || avroPayload instanceof MaintenanceVerifying
                || avroPayload instanceof MaintenanceCompleted
                || avroPayload instanceof MaintenanceCancelled) {
            return StreamKind.MAINTENANCE;
        }
        if (avroPayload instanceof ComponentAdded
                || avroPayload instanceof ComponentRenamed
                || avroPayload instanceof ComponentDescribed
                || avroPayload instanceof ComponentMovedToGroup
                || avroPayload instanceof ComponentRemoved
                || avroPayload instanceof ComponentGroupAdded
                || avroPayload instanceof ComponentGroupRenamed
                || avroPayload instanceof ComponentGroupRemoved) {
            return StreamKind.CATALOGUE;
        }
        throw unknown("Avro payload", avroPayload);
    }

    // ---------------------------------------------------------------- enums, maps, lists

    private static org.incidentplatform.events.IncidentStatus toAvro(IncidentStatus status) {
        return org.incidentplatform.events.IncidentStatus.valueOf(status.wireValue());
    }

    private static IncidentStatus toDomain(org.incidentplatform.events.IncidentStatus status) {
        return IncidentStatus.fromWireValue(status.name());
    }

    private static org.incidentplatform.events.Impact toAvro(Impact impact) {
        return org.incidentplatform.events.Impact.valueOf(impact.wireValue());
    }

    private static Impact toDomain(org.incidentplatform.events.Impact impact) {
        return Impact.fromWireValue(impact.name());
    }

    private static org.incidentplatform.events.ComponentStatus toAvro(ComponentStatus status) {
        return org.incidentplatform.events.ComponentStatus.valueOf(status.wireValue());
    }

    private static ComponentStatus toDomain(org.incidentplatform.events.ComponentStatus status) {
        return ComponentStatus.fromWireValue(status.name());
    }

    /** Keeps the domain map's order; a null map becomes the schema's default, empty. */
    private static Map<String, org.incidentplatform.events.ComponentStatus> componentsToAvro(
            Map<String, ComponentStatus> components) {
        Map<String, org.incidentplatform.events.ComponentStatus> avro = new LinkedHashMap<>();
        if (components != null) {
            components.forEach((id, status) -> avro.put(id, toAvro(status)));
        }
        return avro;
    }

    /** Keeps the Avro map's order; keys are read through toString in case a decoder hands out Utf8. */
    private static Map<String, ComponentStatus> componentsToDomain(
            Map<? extends CharSequence, org.incidentplatform.events.ComponentStatus> components) {
        Map<String, ComponentStatus> domain = new LinkedHashMap<>();
        if (components != null) {
            components.forEach((id, status) -> domain.put(id.toString(), toDomain(status)));
        }
        return domain;
    }

    private static List<String> copy(List<? extends CharSequence> values) {
        List<String> copy = new ArrayList<>();
        if (values != null) {
            values.forEach(value -> copy.add(value.toString()));
        }
        return copy;
    }

    private static IllegalArgumentException unknown(String what, Object value) {
        return new IllegalArgumentException("not a known " + what + ": "
                + (value == null ? "null" : value.getClass().getName()));
    }
}
