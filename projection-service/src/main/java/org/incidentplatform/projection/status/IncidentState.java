package org.incidentplatform.projection.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.incidentplatform.events.ActionItemAdded;
import org.incidentplatform.events.ActionItemCompleted;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentDeclared;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentReopened;
import org.incidentplatform.events.IncidentResolved;
import org.incidentplatform.events.IncidentRetracted;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.events.IncidentUpdatePosted;
import org.incidentplatform.events.PostmortemPublished;
import org.incidentplatform.projection.status.StatusSnapshot.Incident;
import org.incidentplatform.projection.status.StatusSnapshot.Postmortem;
import org.incidentplatform.projection.status.UpdateFact.Change;

/**
 * One incident as its events built it. {@link #components} is what the incident says about each
 * component now; it weighs on the page only while the incident is active (neither resolved nor
 * retracted). Resolution keeps the statuses it names (they are where a reopen starts from) and
 * drops the others; a reopen adds what it names.
 */
final class IncidentState {

    private final String id;
    private final String title;
    private final Instant createdAt;
    private final Instant startedAt;
    private final boolean backfilled;
    /** An incident names a few components: small tables, as there is one per incident ever declared. */
    private final Map<String, ComponentStatus> components = new LinkedHashMap<>(4);

    private final Set<String> touched = new LinkedHashSet<>(4);
    private final UpdateLog<IncidentStatus> updates = new UpdateLog<>();
    private IncidentStatus status;
    private Impact impact;
    private Instant updatedAt;
    private Instant monitoringAt;
    private Instant resolvedAt;
    private boolean retracted;
    private Postmortem postmortem;
    private long version;
    /** What it imposes, kept until an event changes it: most events change neither components nor resolution. */
    private Map<String, ComponentStatus> imposed = Map.of();

    private boolean imposedStale = true;

    private IncidentState(String id, IncidentDeclared declared, Instant at) {
        this.id = id;
        this.title = declared.getTitle();
        this.createdAt = at;
        this.startedAt = declared.getStartedAt();
        this.backfilled = declared.getBackfilled();
        this.impact = declared.getImpact();
    }

    static IncidentState declared(IncidentEvent event, IncidentDeclared declared, ComponentIds ids) {
        IncidentState incident = new IncidentState(event.getIncidentId(), declared, event.getOccurredAt());
        incident.post(event, declared.getStatus(), declared.getMessage(), declared.getComponents(), false, ids);
        return incident;
    }

    /** @return false when the event is no incident event */
    boolean apply(IncidentEvent event, ComponentIds ids) {
        Object payload = event.getPayload();
        if (payload instanceof IncidentUpdatePosted e) {
            if (e.getImpact() != null) {
                impact = e.getImpact();
            }
            post(event, e.getStatus() == null ? status : e.getStatus(), e.getMessage(), e.getComponents(), false, ids);
        } else if (payload instanceof IncidentResolved e) {
            post(event, IncidentStatus.resolved, e.getMessage(), e.getComponents(), true, ids);
        } else if (payload instanceof IncidentReopened e) {
            post(event, e.getStatus(), e.getMessage(), e.getComponents(), false, ids);
        } else if (payload instanceof IncidentRetracted) {
            retracted = true;
            imposedStale = true;
            touch(event);
        } else if (payload instanceof PostmortemPublished e) {
            postmortem =
                    new Postmortem(e.getBody(), e.getRootCause(), e.getContributingFactors(), event.getOccurredAt());
            if (isResolved()) {
                status = IncidentStatus.postmortem;
            }
            touch(event);
        } else if (payload instanceof ActionItemAdded || payload instanceof ActionItemCompleted) {
            touch(event);
        } else {
            return false;
        }
        return true;
    }

    /**
     * A public update: moves the status and sets the named component statuses; a resolution also
     * lets go of the components it does not name, shown as returning to operational.
     */
    private void post(
            IncidentEvent event,
            IncidentStatus newStatus,
            String message,
            Map<String, ComponentStatus> named,
            boolean releaseOthers,
            ComponentIds ids) {
        Instant at = event.getOccurredAt();
        imposedStale |= releaseOthers || !named.isEmpty();
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, ComponentStatus> entry : named.entrySet()) {
            changes.add(new Change(ids.intern(entry.getKey()), said(entry.getKey()), entry.getValue()));
        }
        if (releaseOthers) {
            for (Map.Entry<String, ComponentStatus> entry : components.entrySet()) {
                if (!named.containsKey(entry.getKey()) && entry.getValue() != ComponentStatus.operational) {
                    changes.add(new Change(entry.getKey(), entry.getValue(), ComponentStatus.operational));
                }
            }
            components.keySet().retainAll(named.keySet());
        }
        for (Map.Entry<String, ComponentStatus> entry : named.entrySet()) {
            String componentId = ids.intern(entry.getKey());
            components.put(componentId, entry.getValue());
            touched.add(componentId);
        }
        moveTo(newStatus, at, releaseOthers);
        touch(event);
        updates.add(UpdateFact.of(event, status, message, ids.shared(changes)));
    }

    /** @param resolution true for a resolution event: resolvedAt is always the latest one */
    private void moveTo(IncidentStatus newStatus, Instant at, boolean resolution) {
        boolean wasResolved = isResolved();
        status = newStatus;
        if (newStatus == IncidentStatus.monitoring && monitoringAt == null) {
            monitoringAt = at;
        }
        if (isResolved()) {
            if (!wasResolved || resolution) {
                resolvedAt = at;
            }
        } else {
            resolvedAt = null;
        }
        imposedStale |= wasResolved != isResolved();
    }

    private ComponentStatus said(String componentId) {
        return components.getOrDefault(componentId, ComponentStatus.operational);
    }

    private void touch(IncidentEvent event) {
        updatedAt = event.getOccurredAt();
        version = event.getSequence();
    }

    boolean isResolved() {
        return status == IncidentStatus.resolved || status == IncidentStatus.postmortem;
    }

    /** What the incident imposes on the page now: nothing once it is resolved or retracted. */
    Map<String, ComponentStatus> imposed() {
        if (imposedStale) {
            imposed = retracted || isResolved() ? Map.of() : Map.copyOf(components);
            imposedStale = false;
        }
        return imposed;
    }

    Incident view(CatalogueNames names) {
        return new Incident(
                id,
                title,
                status,
                impact,
                createdAt,
                updatedAt,
                startedAt,
                monitoringAt,
                resolvedAt,
                backfilled,
                retracted,
                postmortem,
                UpdateFact.publicIds(touched, names),
                updates.newestFirst(names),
                version);
    }
}
