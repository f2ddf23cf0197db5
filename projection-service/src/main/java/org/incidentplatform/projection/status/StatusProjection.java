package org.incidentplatform.projection.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Heartbeat;
import org.incidentplatform.events.IncidentDeclared;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentReopened;
import org.incidentplatform.events.IncidentResolved;
import org.incidentplatform.events.IncidentUpdatePosted;
import org.incidentplatform.events.MaintenanceScheduled;
import org.incidentplatform.projection.status.Catalogue.ComponentEntry;
import org.incidentplatform.projection.status.Catalogue.Entry;
import org.incidentplatform.projection.status.Catalogue.GroupEntry;
import org.incidentplatform.projection.status.StatusSnapshot.Component;
import org.incidentplatform.projection.status.StatusSnapshot.Group;
import org.incidentplatform.projection.status.StatusSnapshot.Incident;
import org.incidentplatform.projection.status.StatusSnapshot.Maintenance;
import org.incidentplatform.schemas.Vocabulary;

/**
 * The status page's read model, a pure function of the log: feed it {@code incident-events} in log
 * order and {@link #publish()} gives what the page shows. Times come from the events, never the clock.
 *
 * <p><b>Threads.</b> One writer calls {@link #apply}/{@link #offer} and {@link #publish()}; any
 * number of readers call {@link #current()}, which returns the last published, immutable
 * {@link StatusSnapshot} (a volatile read). Publishing once per polled batch rather than per event
 * keeps a replay of the whole log fast.
 *
 * <p><b>Exactly once.</b> An event is applied only if its sequence is the next of its stream.
 * Redeliveries (sequence already applied) are ignored. A gap is reported and the event not applied: Kafka keeps a
 * stream's records in order, so a missing sequence means a record that could not be read (dead-lettered) or a
 * truncated log; the caller holds what comes after it until the missing event arrives (see {@code LiveStatus}).
 *
 * <p><b>Component status.</b> The worst status that any active incident (neither resolved nor
 * retracted) or maintenance under way (in progress or verifying) sets for it, else operational, in
 * the order of {@link Vocabulary.ComponentStatus#severity()}. A resolved incident imposes nothing,
 * whatever statuses its resolution names: those show in its timeline and are where a reopen starts from.
 *
 * <p><b>Display order.</b> Groups and ungrouped components share one top-level order (position, then
 * name, then id); a group's components follow it in the same order among themselves. Components
 * of a group that was never added or was removed count as ungrouped. Empty groups are not shown.
 * The published {@code position} is the place in that order, 1 to n at the top level and within each
 * group, as Statuspage numbers them, whatever numbers the catalogue events carried (often all 0).
 *
 * <p><b>Uptime's start.</b> A component's {@code uptimeFrom} (Statuspage's {@code start_date}) is the
 * earliest of its addition to the catalogue, the first time an incident names it, in any status (a
 * declaration from its {@code startedAt}: a back-filled incident may name it from before it was added),
 * and the first time a maintenance holds it: where the analytics start counting its uptime, so the bars and
 * {@code start_date} agree.
 *
 * <p><b>Updated at.</b> The page changed last when the newest applied event was recorded: a back-filled
 * event is a change made when it was written, whatever its {@code occurredAt} says, so it never moves the
 * page's time back, and clients that poll {@code page.updated_at} see every change.
 */
public final class StatusProjection {

    /** What {@link #offer} did with an event. */
    public enum Outcome {
        /** Applied: the next published snapshot reflects it. */
        APPLIED,
        /** Its sequence was applied before (a redelivery): ignored. */
        ALREADY_APPLIED,
        /** Its sequence skips one or more of its stream: not applied; the log is broken or truncated. */
        GAP,
        /**
         * In sequence but meaningless here, e.g. an update to an incident never declared: the sequence is
         * taken so the stream goes on, nothing else changes.
         */
        INAPPLICABLE,
        /** A {@link Heartbeat}: no stream's event, so it takes no sequence and changes nothing here. */
        HEARTBEAT
    }

    private final Map<String, Long> versions = new HashMap<>();
    private final Catalogue catalogue = new Catalogue();
    private final ComponentStatuses statuses = new ComponentStatuses();
    private final Map<String, IncidentState> incidents = new HashMap<>();
    private final Map<String, MaintenanceState> maintenances = new HashMap<>();
    private final Map<String, Incident> incidentViews = new HashMap<>();
    private final Map<String, Maintenance> maintenanceViews = new HashMap<>();
    private final Set<String> changedStreams = new HashSet<>();
    private final ComponentIds componentIds = new ComponentIds();
    private CatalogueNames names;
    private boolean catalogueChanged;
    private boolean changed;
    private long appliedEvents;
    private Instant lastEventAt;
    private Instant lastRecordedAt;
    private Instant updatedAt;
    private volatile StatusSnapshot published = StatusSnapshot.EMPTY;

    /**
     * Applies the event if it is the next of its stream.
     *
     * @return true if applied; false for a redelivery, a gap or an inapplicable event (see {@link #offer})
     */
    public boolean apply(IncidentEvent event) {
        return offer(event) == Outcome.APPLIED;
    }

    /** Applies the event if it is the next of its stream, and says what became of it. */
    public Outcome offer(IncidentEvent event) {
        if (event.getPayload() instanceof Heartbeat) {
            return Outcome.HEARTBEAT;
        }
        String streamId = event.getIncidentId();
        long last = versions.getOrDefault(streamId, 0L);
        long sequence = event.getSequence();
        if (sequence <= last) {
            return Outcome.ALREADY_APPLIED;
        }
        if (sequence != last + 1) {
            return Outcome.GAP;
        }
        versions.put(streamId, sequence);
        changed = true;
        if (!dispatch(event)) {
            return Outcome.INAPPLICABLE;
        }
        appliedEvents++;
        lastEventAt = event.getOccurredAt();
        lastRecordedAt = event.getRecordedAt();
        if (updatedAt == null || lastRecordedAt.isAfter(updatedAt)) {
            updatedAt = lastRecordedAt;
        }
        return Outcome.APPLIED;
    }

    /** The last sequence applied of the stream, 0 if none. */
    public long versionOf(String streamId) {
        return versions.getOrDefault(streamId, 0L);
    }

    private boolean dispatch(IncidentEvent event) {
        Object payload = event.getPayload();
        String streamId = event.getIncidentId();
        if (Catalogue.isCatalogueEvent(payload)) {
            boolean applied = catalogue.apply(payload, event.getOccurredAt());
            catalogueChanged |= applied;
            return applied;
        }
        if (payload instanceof IncidentDeclared declared) {
            if (incidents.containsKey(streamId) || maintenances.containsKey(streamId)) {
                return false;
            }
            IncidentState incident = IncidentState.declared(event, declared, componentIds);
            incidents.put(streamId, incident);
            Instant startedAt = declared.getStartedAt();
            Instant from =
                    startedAt != null && startedAt.isBefore(event.getOccurredAt()) ? startedAt : event.getOccurredAt();
            declared.getComponents().keySet().forEach(id -> catalogue.counts(id, from));
            return imposed(streamId, Map.of(), incident.imposed(), event);
        }
        if (payload instanceof MaintenanceScheduled scheduled) {
            if (incidents.containsKey(streamId) || maintenances.containsKey(streamId)) {
                return false;
            }
            MaintenanceState maintenance = MaintenanceState.scheduled(event, scheduled, componentIds);
            maintenances.put(streamId, maintenance);
            return imposed(streamId, Map.of(), maintenance.imposed(), event);
        }
        IncidentState incident = incidents.get(streamId);
        if (incident != null) {
            Map<String, ComponentStatus> before = incident.imposed();
            if (!incident.apply(event, componentIds)) {
                return false;
            }
            named(payload).keySet().forEach(id -> catalogue.counts(id, event.getOccurredAt()));
            return imposed(streamId, before, incident.imposed(), event);
        }
        MaintenanceState maintenance = maintenances.get(streamId);
        if (maintenance != null) {
            Map<String, ComponentStatus> before = maintenance.imposed();
            return maintenance.apply(event) && imposed(streamId, before, maintenance.imposed(), event);
        }
        return false;
    }

    private static Map<String, ComponentStatus> named(Object payload) {
        if (payload instanceof IncidentUpdatePosted e) {
            return e.getComponents();
        }
        if (payload instanceof IncidentResolved e) {
            return e.getComponents();
        }
        if (payload instanceof IncidentReopened e) {
            return e.getComponents();
        }
        return Map.of();
    }

    private boolean imposed(
            String streamId,
            Map<String, ComponentStatus> before,
            Map<String, ComponentStatus> after,
            IncidentEvent event) {
        if (!before.equals(after)) {
            statuses.impose(streamId, before, after, event.getOccurredAt());
            // A maintenance counts too, from when it first holds the component (as the analytics' claims do).
            after.forEach((id, status) -> {
                if (status != ComponentStatus.operational && before.get(id) != status) {
                    catalogue.counts(id, event.getOccurredAt());
                }
            });
        }
        changedStreams.add(streamId);
        return true;
    }

    /**
     * Builds a snapshot of everything applied so far and makes it {@link #current()}; returns the
     * current one unchanged when nothing was applied since. Writer thread only.
     */
    public StatusSnapshot publish() {
        if (changed) {
            published = build();
            changed = false;
        }
        return published;
    }

    /** The last published snapshot; empty before the first {@link #publish()}. Any thread. */
    public StatusSnapshot current() {
        return published;
    }

    private StatusSnapshot build() {
        // Names and visibility of components show inside incidents, so a catalogue change renews them all.
        if (catalogueChanged || names == null) {
            names = catalogue.names();
            incidents.keySet().forEach(changedStreams::add);
            maintenances.keySet().forEach(changedStreams::add);
            catalogueChanged = false;
        }
        for (String streamId : changedStreams) {
            IncidentState incident = incidents.get(streamId);
            if (incident != null) {
                incidentViews.put(streamId, incident.view(names));
            }
            MaintenanceState maintenance = maintenances.get(streamId);
            if (maintenance != null) {
                maintenanceViews.put(streamId, maintenance.view(names));
            }
        }
        changedStreams.clear();
        List<Component> components = new ArrayList<>();
        List<Group> groups = new ArrayList<>();
        layOut(components, groups);
        return new StatusSnapshot(
                components,
                groups,
                incidentViews.values(),
                maintenanceViews.values(),
                lastEventAt,
                lastRecordedAt,
                updatedAt,
                appliedEvents,
                versions,
                names.hidden());
    }

    private void layOut(List<Component> components, List<Group> groups) {
        Map<GroupEntry, List<ComponentEntry>> members = new LinkedHashMap<>();
        List<Entry> topLevel = new ArrayList<>();
        for (ComponentEntry component : catalogue.publicComponents()) {
            GroupEntry group = catalogue.groupOf(component);
            if (group == null) {
                topLevel.add(component);
            } else {
                members.computeIfAbsent(group, g -> {
                            topLevel.add(g);
                            return new ArrayList<>();
                        })
                        .add(component);
            }
        }
        topLevel.sort(Catalogue.DISPLAY_ORDER);
        int position = 0;
        for (Entry entry : topLevel) {
            position++;
            if (entry instanceof ComponentEntry component) {
                components.add(component(component, null, position));
            } else if (entry instanceof GroupEntry group) {
                List<ComponentEntry> ofGroup = members.get(group);
                ofGroup.sort(Catalogue.DISPLAY_ORDER);
                List<String> ids = new ArrayList<>();
                List<ComponentStatus> memberStatuses = new ArrayList<>();
                for (ComponentEntry member : ofGroup) {
                    Component component = component(member, group.id, ids.size() + 1);
                    components.add(component);
                    ids.add(component.id());
                    memberStatuses.add(component.status());
                }
                groups.add(new Group(
                        group.id,
                        group.name,
                        group.description,
                        position,
                        ComponentStatuses.worst(memberStatuses),
                        ids,
                        group.createdAt,
                        group.updatedAt));
            }
        }
    }

    private Component component(ComponentEntry entry, String groupId, int position) {
        Instant statusChangedAt = statuses.changedAt(entry.id);
        Instant updatedAt =
                statusChangedAt != null && statusChangedAt.isAfter(entry.updatedAt) ? statusChangedAt : entry.updatedAt;
        return new Component(
                entry.id,
                entry.name,
                entry.description,
                groupId,
                position,
                statuses.status(entry.id),
                entry.createdAt,
                updatedAt,
                catalogue.uptimeFrom(entry.id));
    }
}
