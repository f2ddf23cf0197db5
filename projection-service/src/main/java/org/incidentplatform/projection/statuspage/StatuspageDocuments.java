package org.incidentplatform.projection.statuspage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.incidentplatform.projection.status.PageIndicator;
import org.incidentplatform.projection.status.StatusSnapshot;
import org.incidentplatform.projection.status.StatusSnapshot.Group;
import org.incidentplatform.projection.status.StatusSnapshot.Incident;
import org.incidentplatform.projection.status.StatusSnapshot.Maintenance;
import org.incidentplatform.projection.status.StatusSnapshot.Update;
import org.incidentplatform.projection.statuspage.StatuspageV2.AffectedComponent;
import org.incidentplatform.projection.statuspage.StatuspageV2.Component;
import org.incidentplatform.projection.statuspage.StatuspageV2.Components;
import org.incidentplatform.projection.statuspage.StatuspageV2.IncidentUpdate;
import org.incidentplatform.projection.statuspage.StatuspageV2.Incidents;
import org.incidentplatform.projection.statuspage.StatuspageV2.Page;
import org.incidentplatform.projection.statuspage.StatuspageV2.PageStatus;
import org.incidentplatform.projection.statuspage.StatuspageV2.ScheduledMaintenance;
import org.incidentplatform.projection.statuspage.StatuspageV2.ScheduledMaintenances;
import org.incidentplatform.projection.statuspage.StatuspageV2.Status;
import org.incidentplatform.projection.statuspage.StatuspageV2.Summary;
import org.springframework.web.util.UriUtils;

/**
 * The Statuspage v2 documents of a {@link StatusSnapshot}. Statuses, impacts and the indicator are
 * already in Statuspage's vocabulary (DESIGN §4), so they pass through by name. What has no
 * counterpart in the log gets Statuspage's neutral value: notifications delivered, no tweet, shown
 * whether degraded or not.
 */
final class StatuspageDocuments {

    /** Statuspage's "all incidents" and "all scheduled maintenances" are the 50 most recent. */
    static final int MOST_RECENT = 50;

    /** {@code page.updated_at} of a page that has seen no event yet: a fixed time, so answers stay stable. */
    static final Instant NEVER_UPDATED = Instant.EPOCH;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final StatusPageProperties page;
    private final String baseUrl;

    StatuspageDocuments(StatusPageProperties page) {
        this.page = page;
        this.baseUrl = page.baseUrl();
    }

    /** ISO-8601 in UTC with milliseconds and {@code Z}, as every time in these documents; null stays null. */
    static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant);
    }

    Summary summary(StatusSnapshot snapshot) {
        List<Maintenance> underWayOrAhead = Stream.concat(
                        snapshot.activeMaintenances().stream(), snapshot.upcomingMaintenances().stream())
                .sorted(Comparator.comparing(Maintenance::scheduledFor).thenComparing(Maintenance::id))
                .toList();
        return new Summary(
                page(snapshot),
                status(snapshot.indicator()),
                flatComponents(snapshot),
                incidents(snapshot, snapshot.unresolvedIncidents()),
                maintenances(snapshot, underWayOrAhead));
    }

    PageStatus status(StatusSnapshot snapshot) {
        return new PageStatus(page(snapshot), status(snapshot.indicator()));
    }

    Components components(StatusSnapshot snapshot) {
        return new Components(page(snapshot), flatComponents(snapshot));
    }

    Incidents incidents(StatusSnapshot snapshot) {
        return new Incidents(page(snapshot), incidents(snapshot, mostRecent(snapshot.incidents())));
    }

    Incidents unresolvedIncidents(StatusSnapshot snapshot) {
        return new Incidents(page(snapshot), incidents(snapshot, snapshot.unresolvedIncidents()));
    }

    ScheduledMaintenances scheduledMaintenances(StatusSnapshot snapshot) {
        return new ScheduledMaintenances(page(snapshot), maintenances(snapshot, mostRecent(snapshot.maintenances())));
    }

    ScheduledMaintenances upcomingMaintenances(StatusSnapshot snapshot) {
        return new ScheduledMaintenances(page(snapshot), maintenances(snapshot, snapshot.upcomingMaintenances()));
    }

    ScheduledMaintenances activeMaintenances(StatusSnapshot snapshot) {
        return new ScheduledMaintenances(page(snapshot), maintenances(snapshot, snapshot.activeMaintenances()));
    }

    private Page page(StatusSnapshot snapshot) {
        Instant updatedAt = snapshot.updatedAt() == null ? NEVER_UPDATED : snapshot.updatedAt();
        return new Page(page.id(), page.name(), baseUrl, page.timeZone(), time(updatedAt));
    }

    private static Status status(PageIndicator indicator) {
        return new Status(indicator.name(), indicator.description());
    }

    /** Statuspage's flat list: each group as a component, followed by its members, in display order. */
    private List<Component> flatComponents(StatusSnapshot snapshot) {
        List<Component> components =
                new ArrayList<>(snapshot.components().size() + snapshot.groups().size());
        Map<String, Group> groups = new HashMap<>();
        snapshot.groups().forEach(group -> groups.put(group.id(), group));
        String currentGroup = null;
        for (StatusSnapshot.Component component : snapshot.components()) {
            String groupId = component.groupId();
            if (groupId != null && !groupId.equals(currentGroup) && groups.containsKey(groupId)) {
                components.add(group(groups.get(groupId)));
            }
            currentGroup = groupId;
            components.add(component(component));
        }
        return components;
    }

    private Component group(Group group) {
        return new Component(
                group.id(),
                group.name(),
                group.status().name(),
                time(group.createdAt()),
                time(group.updatedAt()),
                group.position(),
                group.description(),
                false,
                null,
                null,
                page.id(),
                true,
                false,
                group.componentIds());
    }

    private Component component(StatusSnapshot.Component component) {
        return new Component(
                component.id(),
                component.name(),
                component.status().name(),
                time(component.createdAt()),
                time(component.updatedAt()),
                component.position(),
                component.description(),
                true,
                LocalDate.ofInstant(component.uptimeFrom(), ZoneOffset.UTC).toString(),
                component.groupId(),
                page.id(),
                false,
                false,
                null);
    }

    private List<StatuspageV2.Incident> incidents(StatusSnapshot snapshot, List<Incident> incidents) {
        List<StatuspageV2.Incident> documents = new ArrayList<>(incidents.size());
        for (Incident incident : incidents) {
            documents.add(new StatuspageV2.Incident(
                    incident.id(),
                    incident.name(),
                    incident.status().name(),
                    time(incident.createdAt()),
                    time(incident.updatedAt()),
                    time(incident.monitoringAt()),
                    time(incident.resolvedAt()),
                    incident.impact().name(),
                    shortlink(incident.id()),
                    time(incident.startedAt()),
                    page.id(),
                    updates(incident.id(), incident.updates()),
                    componentsOf(snapshot, incident.componentIds())));
        }
        return documents;
    }

    /**
     * Statuspage never leaves {@code started_at} of a maintenance empty (clients parse it as a time):
     * until the maintenance starts, it reads as when it was scheduled, as Statuspage's own does.
     */
    private List<ScheduledMaintenance> maintenances(StatusSnapshot snapshot, List<Maintenance> maintenances) {
        List<ScheduledMaintenance> documents = new ArrayList<>(maintenances.size());
        for (Maintenance maintenance : maintenances) {
            Instant startedAt = maintenance.startedAt() != null ? maintenance.startedAt() : maintenance.createdAt();
            documents.add(new ScheduledMaintenance(
                    maintenance.id(),
                    maintenance.name(),
                    maintenance.status().name(),
                    time(maintenance.createdAt()),
                    time(maintenance.updatedAt()),
                    null,
                    time(maintenance.resolvedAt()),
                    maintenance.impact().name(),
                    shortlink(maintenance.id()),
                    time(startedAt),
                    page.id(),
                    updates(maintenance.id(), maintenance.updates()),
                    componentsOf(snapshot, maintenance.componentIds()),
                    time(maintenance.scheduledFor()),
                    time(maintenance.scheduledUntil())));
        }
        return documents;
    }

    private static <S extends Enum<S>> List<IncidentUpdate> updates(String streamId, List<Update<S>> updates) {
        List<IncidentUpdate> documents = new ArrayList<>(updates.size());
        for (Update<S> update : updates) {
            List<AffectedComponent> affected = update.affectedComponents().stream()
                    .map(a -> new AffectedComponent(
                            a.componentId(),
                            a.name(),
                            a.oldStatus().name(),
                            a.newStatus().name()))
                    .toList();
            String at = time(update.createdAt());
            documents.add(new IncidentUpdate(
                    update.id(),
                    update.status().name(),
                    update.body(),
                    streamId,
                    at,
                    at,
                    at,
                    affected,
                    true,
                    null,
                    null));
        }
        return documents;
    }

    /** The components as they are now, as Statuspage shows them inside an incident. */
    private List<Component> componentsOf(StatusSnapshot snapshot, List<String> componentIds) {
        return componentIds.stream()
                .map(snapshot::component)
                .flatMap(Optional::stream)
                .map(this::component)
                .toList();
    }

    private String shortlink(String streamId) {
        return baseUrl + "/incidents/" + UriUtils.encodePathSegment(streamId, StandardCharsets.UTF_8);
    }

    private static <T> List<T> mostRecent(List<T> newestFirst) {
        return newestFirst.size() <= MOST_RECENT ? newestFirst : newestFirst.subList(0, MOST_RECENT);
    }
}
