package org.incidentplatform.incident.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.incidentplatform.schemas.Vocabulary.ComponentStatus;
import org.incidentplatform.schemas.Vocabulary.Impact;

/**
 * What a reporter or responder asks of one incident. Fields are taken as given (nulls included) so
 * that {@link IncidentDecider} can name the field at fault instead of a constructor throwing.
 * Every command carries {@code occurredAt}: when it happened in the world (the caller's clock when
 * the request gives no time).
 */
public sealed interface IncidentCommand extends Command {

    @Override
    default <R> R dispatch(Handler<R> handler) {
        return handler.incident(this);
    }

    /**
     * @param startedAt  when impact began; defaults to detectedAt when that is given, else occurredAt
     * @param detectedAt when the problem was noticed; defaults to occurredAt
     */
    record DeclareIncident(
            String incidentId,
            String title,
            Impact impact,
            IncidentStatus status,
            String message,
            Map<String, ComponentStatus> components,
            Instant startedAt,
            Instant detectedAt,
            String detectedBy,
            Instant occurredAt)
            implements IncidentCommand {
        public DeclareIncident {
            components = Require.orderedCopy(components);
        }
    }

    /** One atomic public update; status {@code resolved} resolves the incident. Null status or impact: unchanged. */
    record PostUpdate(
            String message,
            IncidentStatus status,
            Impact impact,
            Map<String, ComponentStatus> components,
            Instant occurredAt)
            implements IncidentCommand {
        public PostUpdate {
            components = Require.orderedCopy(components);
        }
    }

    record ResolveIncident(String message, Map<String, ComponentStatus> components, Instant occurredAt)
            implements IncidentCommand {
        public ResolveIncident {
            components = Require.orderedCopy(components);
        }
    }

    record ReopenIncident(
            String message, IncidentStatus status, Map<String, ComponentStatus> components, Instant occurredAt)
            implements IncidentCommand {
        public ReopenIncident {
            components = Require.orderedCopy(components);
        }
    }

    record RetractIncident(String reason, Instant occurredAt) implements IncidentCommand {}

    record PublishPostmortem(String body, String rootCause, List<String> contributingFactors, Instant occurredAt)
            implements IncidentCommand {
        public PublishPostmortem {
            contributingFactors = contributingFactors == null
                    ? null
                    : Collections.unmodifiableList(new ArrayList<>(contributingFactors));
        }
    }

    record AddActionItem(String actionItemId, String title, String owner, LocalDate dueDate, Instant occurredAt)
            implements IncidentCommand {}

    record CompleteActionItem(String actionItemId, String note, Instant occurredAt) implements IncidentCommand {}
}
