package org.incidentplatform.incident.command;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.avro.specific.SpecificRecord;
import org.incidentplatform.incident.domain.Catalogue;
import org.incidentplatform.incident.domain.CatalogueCommand;
import org.incidentplatform.incident.domain.CatalogueDecider;
import org.incidentplatform.incident.domain.CatalogueEvent;
import org.incidentplatform.incident.domain.Command;
import org.incidentplatform.incident.domain.Decider;
import org.incidentplatform.incident.domain.Incident;
import org.incidentplatform.incident.domain.IncidentCommand;
import org.incidentplatform.incident.domain.IncidentDecider;
import org.incidentplatform.incident.domain.IncidentEvent;
import org.incidentplatform.incident.domain.Maintenance;
import org.incidentplatform.incident.domain.MaintenanceCommand;
import org.incidentplatform.incident.domain.MaintenanceDecider;
import org.incidentplatform.incident.domain.MaintenanceEvent;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One kind of stream as the command processor handles it: its rules, how its events map to the
 * Avro log, and how its state is kept between commands. The state is stored as a snapshot (one
 * byte naming the kind, then the state as JSON), so deciding a command reads one value whatever
 * the length of the stream's history.
 */
final class StreamType<C extends Command, E, S> {

    static final StreamType<IncidentCommand, IncidentEvent, Incident> INCIDENTS = new StreamType<>(
            StreamKind.INCIDENT,
            IncidentDecider.RULES,
            Incident.class,
            Incident::version,
            EventPayloads::incidentToAvro,
            IncidentEvent::occurredAt,
            EventPayloads::incidentEvent);

    static final StreamType<MaintenanceCommand, MaintenanceEvent, Maintenance> MAINTENANCES = new StreamType<>(
            StreamKind.MAINTENANCE,
            MaintenanceDecider.RULES,
            Maintenance.class,
            Maintenance::version,
            EventPayloads::maintenanceToAvro,
            MaintenanceEvent::occurredAt,
            EventPayloads::maintenanceEvent);

    static final StreamType<CatalogueCommand, CatalogueEvent, Catalogue> CATALOGUE = new StreamType<>(
            StreamKind.CATALOGUE,
            CatalogueDecider.RULES,
            Catalogue.class,
            Catalogue::version,
            EventPayloads::catalogueToAvro,
            CatalogueEvent::occurredAt,
            EventPayloads::catalogueEvent);

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final StreamKind kind;
    private final Decider<C, E, S> decider;
    private final Class<S> stateType;
    private final ToLongFunction<S> version;
    private final Function<E, SpecificRecord> toAvro;
    private final Function<E, Instant> occurredAt;
    private final Function<org.incidentplatform.events.IncidentEvent, Optional<E>> fromAvro;

    private StreamType(
            StreamKind kind,
            Decider<C, E, S> decider,
            Class<S> stateType,
            ToLongFunction<S> version,
            Function<E, SpecificRecord> toAvro,
            Function<E, Instant> occurredAt,
            Function<org.incidentplatform.events.IncidentEvent, Optional<E>> fromAvro) {
        this.kind = kind;
        this.decider = decider;
        this.stateType = stateType;
        this.version = version;
        this.toAvro = toAvro;
        this.occurredAt = occurredAt;
        this.fromAvro = fromAvro;
    }

    StreamKind kind() {
        return kind;
    }

    Decider<C, E, S> decider() {
        return decider;
    }

    long version(S state) {
        return version.applyAsLong(state);
    }

    SpecificRecord toAvro(E event) {
        return toAvro.apply(event);
    }

    Instant occurredAt(E event) {
        return occurredAt.apply(event);
    }

    /** The event of this kind of stream that an envelope of the log carries; empty for another kind's. */
    Optional<E> fromAvro(org.incidentplatform.events.IncidentEvent envelope) {
        return fromAvro.apply(envelope);
    }

    /** Whether a stored snapshot is of a stream of that kind: its first byte says. */
    static boolean isOfKind(byte[] stored, StreamKind kind) {
        return stored.length > 0 && stored[0] == kind.ordinal();
    }

    byte[] encode(S state) {
        byte[] json = JSON.writeValueAsBytes(state);
        byte[] stored = new byte[json.length + 1];
        stored[0] = (byte) kind.ordinal();
        System.arraycopy(json, 0, stored, 1, json.length);
        return stored;
    }

    /** The state a stored snapshot holds; empty when the stream is of another kind. */
    Optional<S> decode(byte[] stored) {
        if (!isOfKind(stored, kind)) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(stored, 1, stored.length - 1, stateType));
    }
}
