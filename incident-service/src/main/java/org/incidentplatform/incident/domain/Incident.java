package org.incidentplatform.incident.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.incidentplatform.schemas.Vocabulary.ComponentStatus;
import org.incidentplatform.schemas.Vocabulary.Impact;

/**
 * One incident as its events have built it: what {@link IncidentDecider} decides against.
 *
 * @param components     latest status of each component this incident has touched
 * @param lastOccurredAt occurredAt of the stream's latest event; the next may not be earlier
 * @param version        number of events applied, i.e. the sequence of the latest one (0: not declared);
 *                       what an {@code If-Match} header is compared with
 */
public record Incident(
        String id,
        String title,
        IncidentStatus status,
        Impact impact,
        Map<String, ComponentStatus> components,
        Instant startedAt,
        Instant detectedAt,
        String detectedBy,
        boolean backfilled,
        boolean retracted,
        boolean postmortemPublished,
        Map<String, ActionItem> actionItems,
        Instant lastOccurredAt,
        long version) {

    /** The state before the first event: nothing declared yet. */
    public static final Incident NONE =
            new Incident(null, null, null, null, Map.of(), null, null, null, false, false, false, Map.of(), null, 0);

    public Incident {
        components = Require.orderedCopy(components);
        actionItems = Require.orderedCopy(actionItems);
    }

    public boolean isDeclared() {
        return version > 0;
    }

    /** Resolved, with or without a postmortem; impact on users is over. */
    public boolean isResolved() {
        return status == IncidentStatus.RESOLVED || status == IncidentStatus.POSTMORTEM;
    }

    public record ActionItem(String id, String title, String owner, LocalDate dueDate, boolean completed) {}
}
