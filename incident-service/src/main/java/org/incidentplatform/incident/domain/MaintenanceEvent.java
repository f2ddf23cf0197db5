package org.incidentplatform.incident.domain;

import java.time.Instant;
import java.util.Map;
import org.incidentplatform.schemas.Vocabulary.ComponentStatus;

/**
 * Facts of one maintenance's stream, mirroring the Avro payloads; {@code occurredAt} is the envelope's.
 */
public sealed interface MaintenanceEvent {

    Instant occurredAt();

    record MaintenanceScheduled(
            String maintenanceId,
            String title,
            String message,
            Map<String, ComponentStatus> components,
            Instant scheduledFor,
            Instant scheduledUntil,
            boolean autoStart,
            boolean autoComplete,
            Instant occurredAt)
            implements MaintenanceEvent {
        public MaintenanceScheduled {
            components = Require.orderedCopy(components);
        }
    }

    record MaintenanceStarted(String message, boolean automatic, Instant occurredAt) implements MaintenanceEvent {}

    record MaintenanceUpdatePosted(String message, Instant occurredAt) implements MaintenanceEvent {}

    record MaintenanceVerifying(String message, Instant occurredAt) implements MaintenanceEvent {}

    record MaintenanceCompleted(String message, boolean automatic, Instant occurredAt) implements MaintenanceEvent {}

    record MaintenanceCancelled(String message, Instant occurredAt) implements MaintenanceEvent {}
}
