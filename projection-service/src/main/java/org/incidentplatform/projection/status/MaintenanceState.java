package org.incidentplatform.projection.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.MaintenanceCancelled;
import org.incidentplatform.events.MaintenanceCompleted;
import org.incidentplatform.events.MaintenanceScheduled;
import org.incidentplatform.events.MaintenanceStarted;
import org.incidentplatform.events.MaintenanceUpdatePosted;
import org.incidentplatform.events.MaintenanceVerifying;
import org.incidentplatform.projection.status.StatusSnapshot.Maintenance;
import org.incidentplatform.projection.status.UpdateFact.Change;

/**
 * One maintenance as its events built it. Its components are under the planned statuses from start
 * to completion (verifying included); a cancellation lets go of them like a completion does.
 */
final class MaintenanceState {

    private final String id;
    private final String title;
    private final Map<String, ComponentStatus> planned;
    private final Instant scheduledFor;
    private final Instant scheduledUntil;
    private final Instant createdAt;
    private final UpdateLog<MaintenanceStatus> updates = new UpdateLog<>();
    private MaintenanceStatus status = MaintenanceStatus.scheduled;
    private boolean cancelled;
    private Instant updatedAt;
    private Instant startedAt;
    private Instant resolvedAt;
    private long version;

    private MaintenanceState(IncidentEvent event, MaintenanceScheduled scheduled, ComponentIds ids) {
        this.id = event.getIncidentId();
        this.title = scheduled.getTitle();
        this.planned = new LinkedHashMap<>(4);
        scheduled.getComponents().forEach((componentId, status) -> planned.put(ids.intern(componentId), status));
        this.scheduledFor = scheduled.getScheduledFor();
        this.scheduledUntil = scheduled.getScheduledUntil();
        this.createdAt = event.getOccurredAt();
    }

    static MaintenanceState scheduled(IncidentEvent event, MaintenanceScheduled scheduled, ComponentIds ids) {
        MaintenanceState maintenance = new MaintenanceState(event, scheduled, ids);
        maintenance.post(event, MaintenanceStatus.scheduled, scheduled.getMessage(), List.of());
        return maintenance;
    }

    /** @return false when the event is no maintenance event or comes after the maintenance is over */
    boolean apply(IncidentEvent event) {
        if (status == MaintenanceStatus.completed) {
            return false;
        }
        Object payload = event.getPayload();
        Instant at = event.getOccurredAt();
        if (payload instanceof MaintenanceStarted e) {
            startedAt = at;
            post(event, MaintenanceStatus.in_progress, e.getMessage(), active() ? List.of() : taking());
        } else if (payload instanceof MaintenanceUpdatePosted e) {
            post(event, status, e.getMessage(), List.of());
        } else if (payload instanceof MaintenanceVerifying e) {
            post(event, MaintenanceStatus.verifying, e.getMessage(), active() ? List.of() : taking());
        } else if (payload instanceof MaintenanceCompleted e) {
            finish(event, e.getMessage());
        } else if (payload instanceof MaintenanceCancelled e) {
            cancelled = true;
            finish(event, e.getMessage());
        } else {
            return false;
        }
        return true;
    }

    private void finish(IncidentEvent event, String message) {
        resolvedAt = event.getOccurredAt();
        List<Change> releasing = new ArrayList<>();
        if (active()) {
            planned.forEach((componentId, status) ->
                    releasing.add(new Change(componentId, status, ComponentStatus.operational)));
        }
        post(event, MaintenanceStatus.completed, message, releasing);
    }

    private List<Change> taking() {
        List<Change> changes = new ArrayList<>();
        planned.forEach(
                (componentId, status) -> changes.add(new Change(componentId, ComponentStatus.operational, status)));
        return changes;
    }

    private void post(IncidentEvent event, MaintenanceStatus newStatus, String message, List<Change> changes) {
        status = newStatus;
        updatedAt = event.getOccurredAt();
        version = event.getSequence();
        updates.add(UpdateFact.of(event, newStatus, message, changes));
    }

    private boolean active() {
        return status == MaintenanceStatus.in_progress || status == MaintenanceStatus.verifying;
    }

    /** What the maintenance imposes on the page now: its planned statuses while under way. */
    Map<String, ComponentStatus> imposed() {
        return active() ? Map.copyOf(planned) : Map.of();
    }

    Maintenance view(CatalogueNames names) {
        return new Maintenance(
                id,
                title,
                status,
                cancelled,
                scheduledFor,
                scheduledUntil,
                createdAt,
                updatedAt,
                startedAt,
                resolvedAt,
                UpdateFact.publicIds(planned.keySet(), names),
                updates.newestFirst(names),
                version);
    }
}
