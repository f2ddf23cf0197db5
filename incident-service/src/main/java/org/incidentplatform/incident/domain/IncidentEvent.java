package org.incidentplatform.incident.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.incidentplatform.schemas.Vocabulary.ComponentStatus;
import org.incidentplatform.schemas.Vocabulary.Impact;

/**
 * Facts of one incident's stream. Fields mirror the payloads of the Avro {@code IncidentEvent}
 * envelope; {@code occurredAt} is the envelope's, carried here because deciding needs it.
 * Stream id, sequence, event id, actor and recordedAt belong to the envelope and are added at the edge.
 */
public sealed interface IncidentEvent {

    Instant occurredAt();

    record IncidentDeclared(
            String incidentId,
            String title,
            Impact impact,
            IncidentStatus status,
            String message,
            Map<String, ComponentStatus> components,
            Instant startedAt,
            Instant detectedAt,
            String detectedBy,
            boolean backfilled,
            Instant occurredAt)
            implements IncidentEvent {
        public IncidentDeclared {
            components = Require.orderedCopy(components);
        }
    }

    /** Status and impact are null when unchanged; status is never resolved (that is {@link IncidentResolved}). */
    record IncidentUpdatePosted(
            String message,
            IncidentStatus status,
            Impact impact,
            Map<String, ComponentStatus> components,
            Instant occurredAt)
            implements IncidentEvent {
        public IncidentUpdatePosted {
            components = Require.orderedCopy(components);
        }
    }

    record IncidentResolved(String message, Map<String, ComponentStatus> components, Instant occurredAt)
            implements IncidentEvent {
        public IncidentResolved {
            components = Require.orderedCopy(components);
        }
    }

    record IncidentReopened(
            String message, IncidentStatus status, Map<String, ComponentStatus> components, Instant occurredAt)
            implements IncidentEvent {
        public IncidentReopened {
            components = Require.orderedCopy(components);
        }
    }

    record IncidentRetracted(String reason, Instant occurredAt) implements IncidentEvent {}

    record PostmortemPublished(String body, String rootCause, List<String> contributingFactors, Instant occurredAt)
            implements IncidentEvent {
        public PostmortemPublished {
            contributingFactors = contributingFactors == null ? List.of() : List.copyOf(contributingFactors);
        }
    }

    record ActionItemAdded(String actionItemId, String title, String owner, LocalDate dueDate, Instant occurredAt)
            implements IncidentEvent {}

    record ActionItemCompleted(String actionItemId, String note, Instant occurredAt) implements IncidentEvent {}
}
