package org.incidentplatform.projection.page;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.incidentplatform.projection.status.StatusSnapshot;
import org.incidentplatform.projection.status.StatusSnapshot.Incident;

/**
 * The incidents of one UTC day as the day page lists them: every public incident whose impact covered any
 * part of the day, from its start to its resolution (or still going), not only those that started that
 * day, since an uptime bar is red for every day an outage lasted.
 */
final class DayIncidents {

    private DayIncidents() {}

    /** Newest first, as the snapshot orders them. */
    static List<Incident> of(StatusSnapshot snapshot, LocalDate day) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return snapshot.incidents().stream()
                .filter(i -> i.startedAt().isBefore(end))
                .filter(i -> i.resolvedAt() == null || i.resolvedAt().isAfter(start))
                .toList();
    }
}
