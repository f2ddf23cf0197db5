package org.incidentplatform.incident.domain;

import java.time.Instant;
import java.util.Map;
import org.incidentplatform.schemas.Vocabulary.ComponentStatus;

/**
 * One scheduled maintenance as its events have built it.
 *
 * @param lastOccurredAt occurredAt of the stream's latest event; the next may not be earlier
 * @param version        number of events applied, i.e. the sequence of the latest one (0: not scheduled)
 */
public record Maintenance(
        String id,
        String title,
        MaintenanceStatus status,
        Map<String, ComponentStatus> components,
        Instant scheduledFor,
        Instant scheduledUntil,
        boolean autoStart,
        boolean autoComplete,
        Instant lastOccurredAt,
        long version) {

    /** The state before the first event: nothing scheduled yet. */
    public static final Maintenance NONE =
            new Maintenance(null, null, null, Map.of(), null, null, false, false, null, 0);

    public Maintenance {
        components = Require.orderedCopy(components);
    }

    public boolean isScheduled() {
        return version > 0;
    }

    /** Completed or cancelled: nothing more will happen to it. */
    public boolean isOver() {
        return status == MaintenanceStatus.COMPLETED || status == MaintenanceStatus.CANCELLED;
    }
}
