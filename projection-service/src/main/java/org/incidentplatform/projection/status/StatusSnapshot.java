package org.incidentplatform.projection.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentStatus;

/**
 * Everything the status page and the Statuspage-compatible API show, as of one point in the log.
 * Immutable: {@link StatusProjection} builds one when events were applied and publishes it through a
 * volatile reference, so any number of readers share it without locks and every read is a field
 * access or a list view, never a recomputation.
 *
 * <p>Retracted incidents are in no list; {@link #incident(String)} still finds them, flagged, for
 * internal views. Hidden and removed components are in no list either, nor among an incident's
 * components. "Newest first" for incidents means by {@code startedAt}, when impact began, so a
 * back-filled incident lands where it happened rather than where it was written up.
 */
public final class StatusSnapshot {

    private static final Comparator<Incident> NEWEST_FIRST = Comparator.comparing(
                    Incident::startedAt, Comparator.reverseOrder())
            .thenComparing(Incident::createdAt, Comparator.reverseOrder())
            .thenComparing(Incident::id);

    /** Declared after the comparator it needs: static fields initialise in order. */
    static final StatusSnapshot EMPTY =
            new StatusSnapshot(List.of(), List.of(), List.of(), List.of(), null, null, null, 0, Map.of(), Set.of());

    private final List<Component> components;
    private final Map<String, Component> componentsById;
    private final List<Group> groups;
    private final Map<String, Incident> incidentsById;
    private final List<Incident> incidents;
    private final List<Incident> unresolvedIncidents;
    private final List<Incident> resolvedIncidents;
    private final Map<String, Maintenance> maintenancesById;
    private final List<Maintenance> maintenances;
    private final List<Maintenance> upcomingMaintenances;
    private final List<Maintenance> activeMaintenances;
    private final PageIndicator indicator;
    private final Instant lastEventAt;
    private final Instant lastRecordedAt;
    private final Instant updatedAt;
    private final long appliedEvents;
    private final Map<String, Long> versions;
    private final Set<String> hiddenComponentIds;

    StatusSnapshot(
            List<Component> components,
            List<Group> groups,
            Collection<Incident> allIncidents,
            Collection<Maintenance> allMaintenances,
            Instant lastEventAt,
            Instant lastRecordedAt,
            Instant updatedAt,
            long appliedEvents,
            Map<String, Long> versions,
            Set<String> hiddenComponentIds) {
        this.components = List.copyOf(components);
        this.componentsById = byId(this.components, Component::id);
        this.groups = List.copyOf(groups);
        this.incidentsById = byId(allIncidents, Incident::id);
        this.incidents = allIncidents.stream()
                .filter(i -> !i.retracted())
                .sorted(NEWEST_FIRST)
                .toList();
        this.unresolvedIncidents = incidents.stream().filter(i -> !i.resolved()).toList();
        this.resolvedIncidents = incidents.stream().filter(Incident::resolved).toList();
        this.maintenancesById = byId(allMaintenances, Maintenance::id);
        this.maintenances = allMaintenances.stream()
                .sorted(Comparator.comparing(Maintenance::scheduledFor, Comparator.reverseOrder())
                        .thenComparing(Maintenance::id))
                .toList();
        Comparator<Maintenance> soonestFirst =
                Comparator.comparing(Maintenance::scheduledFor).thenComparing(Maintenance::id);
        this.upcomingMaintenances = allMaintenances.stream()
                .filter(m -> m.status() == MaintenanceStatus.scheduled)
                .sorted(soonestFirst)
                .toList();
        this.activeMaintenances = allMaintenances.stream()
                .filter(Maintenance::active)
                .sorted(soonestFirst)
                .toList();
        this.indicator = indicatorOf(unresolvedIncidents, activeMaintenances);
        this.lastEventAt = lastEventAt;
        this.lastRecordedAt = lastRecordedAt;
        this.updatedAt = updatedAt;
        this.appliedEvents = appliedEvents;
        this.versions = Map.copyOf(versions);
        this.hiddenComponentIds = Set.copyOf(hiddenComponentIds);
    }

    /** Statuspage's rule: the worst impact of unresolved incidents, else maintenance while one is under way. */
    private static PageIndicator indicatorOf(List<Incident> unresolved, List<Maintenance> active) {
        PageIndicator worst = PageIndicator.none;
        for (Incident incident : unresolved) {
            PageIndicator asked = PageIndicator.ofIncidentImpact(incident.impact());
            if (asked.ordinal() > worst.ordinal()) {
                worst = asked;
            }
        }
        return worst == PageIndicator.none && !active.isEmpty() ? PageIndicator.maintenance : worst;
    }

    /** The projection's own update lists are immutable already, and built when read: kept as they are. */
    private static <S extends Enum<S>> List<Update<S>> immutable(List<Update<S>> updates) {
        return updates instanceof UpdateLog.NewestFirst<S> ? updates : List.copyOf(updates);
    }

    private static <T> Map<String, T> byId(Collection<T> values, Function<T, String> id) {
        return values.stream().collect(Collectors.toUnmodifiableMap(id, Function.identity()));
    }

    /** Public components (neither hidden nor removed) in display order, see {@link StatusProjection}. */
    public List<Component> components() {
        return components;
    }

    /** A public component; empty for unknown, hidden and removed ones. */
    public Optional<Component> component(String id) {
        return Optional.ofNullable(componentsById.get(id));
    }

    /** Groups with at least one public component, in display order. */
    public List<Group> groups() {
        return groups;
    }

    public PageIndicator indicator() {
        return indicator;
    }

    /** Every incident that is not retracted, newest first. */
    public List<Incident> incidents() {
        return incidents;
    }

    /** Incidents still under way (not resolved, no postmortem), newest first. */
    public List<Incident> unresolvedIncidents() {
        return unresolvedIncidents;
    }

    /** The incident history: resolved incidents, newest first. */
    public List<Incident> resolvedIncidents() {
        return resolvedIncidents;
    }

    /**
     * One page of the incident history ({@link #resolvedIncidents()}).
     *
     * @param number 1 for the newest, as Statuspage's {@code ?page=}
     * @param size   incidents per page, at least 1
     */
    public IncidentPage page(int number, int size) {
        if (number < 1) {
            throw new IllegalArgumentException("page number must be 1 or more, not " + number);
        }
        if (size < 1) {
            throw new IllegalArgumentException("page size must be 1 or more, not " + size);
        }
        int total = resolvedIncidents.size();
        long from = Math.min((long) (number - 1) * size, total);
        int to = (int) Math.min(from + size, total);
        int totalPages = (int) ((total + (long) size - 1) / size);
        return new IncidentPage(resolvedIncidents.subList((int) from, to), number, size, total, totalPages);
    }

    /**
     * "Past incidents": one entry per UTC day from {@code lastDay} back over {@code days} days, newest
     * day first, days without incidents included (the page says "No incidents reported"). An
     * incident belongs to the day its impact began; unresolved ones count too. The caller names the
     * day because a snapshot knows only the log, not the clock.
     */
    public List<IncidentDay> pastIncidents(LocalDate lastDay, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be 1 or more, not " + days);
        }
        LocalDate firstDay = lastDay.minusDays(days - 1L);
        Map<LocalDate, List<Incident>> byDay = new LinkedHashMap<>();
        for (LocalDate day = lastDay; !day.isBefore(firstDay); day = day.minusDays(1)) {
            byDay.put(day, new ArrayList<>());
        }
        for (Incident incident : incidents) {
            List<Incident> ofDay = byDay.get(LocalDate.ofInstant(incident.startedAt(), ZoneOffset.UTC));
            if (ofDay != null) {
                ofDay.add(incident);
            }
        }
        return byDay.entrySet().stream()
                .map(e -> new IncidentDay(e.getKey(), e.getValue()))
                .toList();
    }

    /** Any incident by id, retracted ones included (flagged): for internal views and the audit trail. */
    public Optional<Incident> incident(String id) {
        return Optional.ofNullable(incidentsById.get(id));
    }

    /** Every maintenance, cancelled ones included (as completed), latest window first. */
    public List<Maintenance> maintenances() {
        return maintenances;
    }

    /** Scheduled and not started, soonest first. */
    public List<Maintenance> upcomingMaintenances() {
        return upcomingMaintenances;
    }

    /** In progress or verifying, soonest first. */
    public List<Maintenance> activeMaintenances() {
        return activeMaintenances;
    }

    public Optional<Maintenance> maintenance(String id) {
        return Optional.ofNullable(maintenancesById.get(id));
    }

    /** occurredAt of the latest applied event; null before the first. */
    public Instant lastEventAt() {
        return lastEventAt;
    }

    /** recordedAt of the latest applied event: "data as of"; null before the first. */
    public Instant lastRecordedAt() {
        return lastRecordedAt;
    }

    /**
     * When the page last changed: the newest {@code recordedAt} of any applied event; never earlier than
     * in an earlier snapshot. Null before the first event.
     */
    public Instant updatedAt() {
        return updatedAt;
    }

    /** Whether the catalogue keeps this component off the public page: its id must not show anywhere public. */
    public boolean isHidden(String componentId) {
        return hiddenComponentIds.contains(componentId);
    }

    public long appliedEvents() {
        return appliedEvents;
    }

    /**
     * Sequence of the latest event of the stream this snapshot covers, 0 for an unknown stream: a
     * reader holding version N from incident-service has its write once {@code version(id) >= N}.
     */
    public long version(String streamId) {
        return versions.getOrDefault(streamId, 0L);
    }

    /** Whether every named stream is at least at its version here. */
    public boolean hasReached(Map<String, Long> wanted) {
        for (Map.Entry<String, Long> stream : wanted.entrySet()) {
            if (version(stream.getKey()) < stream.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param position   its place in display order, from 1: at the top level, or within its group
     * @param updatedAt  latest change of the component's name, description, group, position or status
     * @param uptimeFrom since when its uptime counts: its creation, or earlier if an incident named it
     *                   before (see {@link StatusProjection})
     */
    public record Component(
            String id,
            String name,
            String description,
            String groupId,
            int position,
            ComponentStatus status,
            Instant createdAt,
            Instant updatedAt,
            Instant uptimeFrom) {}

    /**
     * @param position     its place in the top-level display order, from 1
     * @param status       the worst status of its public components
     * @param componentIds its public components in display order
     */
    public record Group(
            String id,
            String name,
            String description,
            int position,
            ComponentStatus status,
            List<String> componentIds,
            Instant createdAt,
            Instant updatedAt) {

        public Group {
            componentIds = List.copyOf(componentIds);
        }
    }

    /**
     * @param name         the incident's title
     * @param createdAt    occurredAt of the declaration
     * @param updatedAt    occurredAt of the stream's latest event
     * @param monitoringAt first time the status was monitoring, null if never
     * @param resolvedAt   latest resolution, null while unresolved (a reopen clears it); for an
     *                     incident declared already resolved, the declaration's occurredAt
     * @param postmortem   null until published
     * @param componentIds public components the incident has ever set a status for, first touched first
     * @param updates      public updates, newest first
     * @param version      sequence of the stream's latest event
     */
    public record Incident(
            String id,
            String name,
            IncidentStatus status,
            Impact impact,
            Instant createdAt,
            Instant updatedAt,
            Instant startedAt,
            Instant monitoringAt,
            Instant resolvedAt,
            boolean backfilled,
            boolean retracted,
            Postmortem postmortem,
            List<String> componentIds,
            List<Update<IncidentStatus>> updates,
            long version) {

        public Incident {
            componentIds = List.copyOf(componentIds);
            updates = immutable(updates);
        }

        /** Resolved, with or without a postmortem: impact on users is over. */
        public boolean resolved() {
            return status == IncidentStatus.resolved || status == IncidentStatus.postmortem;
        }
    }

    public record Postmortem(String body, String rootCause, List<String> contributingFactors, Instant publishedAt) {

        public Postmortem {
            contributingFactors = List.copyOf(contributingFactors);
        }
    }

    /**
     * One public update of an incident or a maintenance.
     *
     * @param id                 the event id
     * @param status             the incident's or maintenance's status after it
     * @param createdAt          occurredAt of the event; Statuspage's display_at too
     * @param affectedComponents the component statuses it changed, as the incident or maintenance sees them
     * @param version            sequence of the event in its stream
     */
    public record Update<S extends Enum<S>>(
            String id,
            S status,
            String body,
            Instant createdAt,
            List<AffectedComponent> affectedComponents,
            long version) {

        public Update {
            affectedComponents = List.copyOf(affectedComponents);
        }
    }

    /**
     * @param name      the component's current name (its last one if removed)
     * @param oldStatus what the incident or maintenance had set before, {@code operational} if nothing
     * @param newStatus what it sets now; {@code operational} when it lets go of the component
     */
    public record AffectedComponent(
            String componentId, String name, ComponentStatus oldStatus, ComponentStatus newStatus) {}

    /**
     * @param cancelled  true when cancelled; the status then reads {@code completed}
     * @param startedAt  when it started, null until then
     * @param resolvedAt when it completed or was cancelled, null until then
     * @param version    sequence of the stream's latest event
     */
    public record Maintenance(
            String id,
            String name,
            MaintenanceStatus status,
            boolean cancelled,
            Instant scheduledFor,
            Instant scheduledUntil,
            Instant createdAt,
            Instant updatedAt,
            Instant startedAt,
            Instant resolvedAt,
            List<String> componentIds,
            List<Update<MaintenanceStatus>> updates,
            long version) {

        public Maintenance {
            componentIds = List.copyOf(componentIds);
            updates = immutable(updates);
        }

        /** Always {@code maintenance}, as Statuspage reports it. */
        public Impact impact() {
            return Impact.maintenance;
        }

        /** In progress or verifying: its components are under its statuses now. */
        public boolean active() {
            return status == MaintenanceStatus.in_progress || status == MaintenanceStatus.verifying;
        }
    }

    /**
     * @param number          1-based
     * @param totalIncidents  incidents over all pages
     */
    public record IncidentPage(List<Incident> incidents, int number, int size, int totalIncidents, int totalPages) {

        public IncidentPage {
            incidents = List.copyOf(incidents);
        }

        public boolean hasNext() {
            return number < totalPages;
        }
    }

    /** @param incidents the day's incidents, newest first; empty on a quiet day */
    public record IncidentDay(LocalDate day, List<Incident> incidents) {

        public IncidentDay {
            incidents = List.copyOf(incidents);
        }
    }
}
