package org.incidentplatform.projection.analytics.web;

import static org.incidentplatform.projection.analytics.web.AnalyticsAnswers.ok;
import static org.incidentplatform.projection.analytics.web.AnalyticsAnswers.requireCaughtUp;
import static org.incidentplatform.projection.analytics.web.AnalyticsAnswers.time;

import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.List;
import org.incidentplatform.projection.analytics.IncidentDurations;
import org.incidentplatform.projection.live.LiveStatus;
import org.incidentplatform.projection.status.StatusSnapshot;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * "What happened in this incident, and how long did each step take?" (ARCHITECTURE.md, HTTP contracts and Durations): its state, its
 * milestones, its durations in whole seconds and its public updates oldest first. A retracted incident
 * was declared in error: the page hides it, so it is no more public here than an unknown id.
 */
@RestController
class IncidentTimelineController {

    private final LiveStatus live;

    IncidentTimelineController(LiveStatus live) {
        this.live = live;
    }

    @Operation(summary = "One incident's state, milestones, durations in seconds and public timeline")
    @GetMapping(path = "/api/v1/incidents/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<IncidentTimeline> incident(@PathVariable String id) {
        requireCaughtUp(live);
        StatusSnapshot snapshot = live.current();
        StatusSnapshot.Incident state = snapshot.incident(id).orElse(null);
        IncidentDurations durations = live.analytics()
                .incident(id)
                .filter(d -> !d.retracted() && (state == null || !state.retracted()))
                .orElseThrow(() -> new NotFoundException("incident", id));
        return ok(live, MediaType.APPLICATION_JSON)
                .body(new IncidentTimeline(
                        durations.incidentId(),
                        durations.title(),
                        state == null ? null : state.status().name(),
                        durations.latestImpact() == null
                                ? null
                                : durations.latestImpact().name(),
                        durations.impact() == null ? null : durations.impact().name(),
                        durations.open(),
                        durations.retracted(),
                        durations.backfilled(),
                        durations.components().stream()
                                .filter(c -> !snapshot.isHidden(c))
                                .toList(),
                        time(durations.startedAt()),
                        time(durations.detectedAt()),
                        time(durations.firstIdentifiedAt()),
                        time(durations.firstMitigatedAt()),
                        time(durations.lastResolvedAt()),
                        new Durations(
                                durations.timeToDetect(),
                                durations.timeToIdentify(),
                                durations.timeToMitigate(),
                                durations.timeToResolve()),
                        state == null ? null : state.version(),
                        state == null ? List.of() : timeline(state)));
    }

    /** The public updates, oldest first, each with the component statuses it changed. */
    private static List<Entry> timeline(StatusSnapshot.Incident state) {
        List<? extends StatusSnapshot.Update<?>> newestFirst = state.updates();
        List<Entry> entries = new ArrayList<>(newestFirst.size());
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            StatusSnapshot.Update<?> update = newestFirst.get(i);
            List<Change> changes = update.affectedComponents().stream()
                    .map(c -> new Change(
                            c.componentId(),
                            c.name(),
                            c.oldStatus().name(),
                            c.newStatus().name()))
                    .toList();
            entries.add(new Entry(
                    update.id(),
                    time(update.createdAt()),
                    update.status().name(),
                    update.body(),
                    changes,
                    update.version()));
        }
        return entries;
    }

    /**
     * @param impact        the impact now; {@code highestImpact} the highest it ever had
     * @param components    the public components it named
     * @param identifiedAt  first time the status reached identified or later; mitigatedAt likewise monitoring
     * @param resolvedAt    the last resolution (a reopened incident is resolved again later)
     * @param version       the last applied sequence of its stream, for read-your-writes
     */
    record IncidentTimeline(
            String id,
            String title,
            String status,
            String impact,
            String highestImpact,
            boolean open,
            boolean retracted,
            boolean backfilled,
            List<String> components,
            String startedAt,
            String detectedAt,
            String identifiedAt,
            String mitigatedAt,
            String resolvedAt,
            Durations durations,
            Long version,
            List<Entry> timeline) {}

    /** Seconds from {@code startedAt}; null for a milestone not reached. */
    record Durations(Long timeToDetect, Long timeToIdentify, Long timeToMitigate, Long timeToResolve) {}

    record Entry(String id, String time, String status, String message, List<Change> components, long version) {}

    record Change(String componentId, String name, String oldStatus, String newStatus) {}
}
