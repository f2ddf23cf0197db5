package org.incidentplatform.projection.analytics;

import java.time.Instant;
import java.util.List;
import org.incidentplatform.events.Impact;

/**
 * One incident's milestones and durations (ARCHITECTURE.md, Durations), all from the events' {@code occurredAt}.
 * Durations are whole seconds from {@link #startedAt} (the sub-second part dropped), {@code null} where
 * the milestone never happened; {@link #timeToResolve} is {@code null} while the incident is open.
 *
 * <p><b>Milestones are not assumed to be ordered.</b> Each duration is its milestone minus
 * {@code startedAt} exactly as the data says, never clamped or reordered: a {@code detectedAt} before
 * {@code startedAt} gives a negative time to detect, a {@code detectedAt} after the first update gives a
 * time to detect longer than the time to identify. Bad data stays visible instead of being smoothed
 * into plausible numbers. Identify &le; mitigate &le; resolve always holds, by definition rather than by
 * assumption: reaching monitoring or resolved is also reaching identified "or later", so each first
 * time is the earliest {@code occurredAt} among the events that reached that stage or a later one.
 *
 * @param impact          the highest impact the incident ever had: what filters and groups use, so an
 *                        incident that was major for an hour still counts as major after a downgrade
 * @param latestImpact    the impact it has now
 * @param components      every component the incident ever named, sorted
 * @param open            not resolved (a reopened incident is open until resolved again)
 * @param lastResolvedAt  the resolution that holds: cleared by a reopen, set again by the next resolution
 */
public record IncidentDurations(
        String incidentId,
        String title,
        Impact impact,
        Impact latestImpact,
        List<String> components,
        boolean retracted,
        boolean backfilled,
        boolean open,
        Instant startedAt,
        Instant detectedAt,
        Instant firstIdentifiedAt,
        Instant firstMitigatedAt,
        Instant lastResolvedAt,
        Long timeToDetect,
        Long timeToIdentify,
        Long timeToMitigate,
        Long timeToResolve) {

    public IncidentDurations {
        components = List.copyOf(components);
    }
}
