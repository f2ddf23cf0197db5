package org.incidentplatform.projection.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.incidentplatform.events.ComponentAdded;
import org.incidentplatform.events.ComponentDescribed;
import org.incidentplatform.events.ComponentGroupAdded;
import org.incidentplatform.events.ComponentGroupRemoved;
import org.incidentplatform.events.ComponentGroupRenamed;
import org.incidentplatform.events.ComponentMovedToGroup;
import org.incidentplatform.events.ComponentRemoved;
import org.incidentplatform.events.ComponentRenamed;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentDeclared;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentReopened;
import org.incidentplatform.events.IncidentResolved;
import org.incidentplatform.events.IncidentUpdatePosted;
import org.incidentplatform.events.MaintenanceScheduled;
import org.incidentplatform.projection.analytics.MttrQuery.GroupBy;

/**
 * The analytics read model, a pure function of the log: durations per incident (ARCHITECTURE.md,
 * Durations), MTTx over any set of incidents, and uptime per component or per set of components (a group,
 * as the caller names its members). Feed it {@code incident-events} in log
 * order; all times come from the events' {@code occurredAt}, never from a clock, so replaying the same log
 * into a fresh instance gives identical answers.
 *
 * <p><b>Incremental.</b> Each event updates one incident's milestones and the claims it holds on the
 * components it names; nothing is replayed to answer a query. An MTTx query is one pass over compact
 * per-incident fields, then a sort per group; uptime sweeps only the claims that fall in its window.
 *
 * <p><b>Exactly once.</b> As in the status projection, an event is applied only if its sequence is the
 * next of its stream: redeliveries are ignored, a gap is reported and not applied.
 *
 * <p><b>Uptime's start.</b> A component's uptime counts from the earliest of its addition to the catalogue,
 * the first time an incident names it (a declaration from its {@code startedAt}: a back-filled incident may
 * name it from before it was added) and the first maintenance that holds it; the status model's
 * {@code uptimeFrom}, which the Statuspage API reports as {@code start_date}, follows the same rule.
 *
 * <p><b>Component time.</b> A component's status at any instant is the worst that an active incident or
 * maintenance under way says about it (the status page's rule). What an incident's declaration says holds
 * from its {@code startedAt} (when impact began) rather than from when it was written up, so a
 * back-filled incident, declared already resolved, counts over {@code [startedAt, occurredAt)}. A
 * retracted incident was declared in error: none of its component time counts, before or after the
 * retraction.
 *
 * <p><b>Threads.</b> Every public method is synchronized: one consumer thread applies, any thread asks.
 */
public final class Analytics {

    /** Weight of a partial-outage minute in uptime (ARCHITECTURE.md, Durations). */
    public static final double DEFAULT_PARTIAL_WEIGHT = 0.3;
    /** The group that {@link GroupBy#NONE} puts everything in. */
    public static final String ALL = "all";
    /** The {@link GroupBy#COMPONENT} group of incidents that named no component. */
    public static final String NO_COMPONENT = "(no component)";

    private static final long DAY = 86_400_000L;
    private static final Comparator<IncidentMilestones> BY_START =
            Comparator.<IncidentMilestones>comparingLong(i -> i.startedAt).thenComparing(i -> i.id);

    /** What {@link #offer} did with an event. */
    public enum Outcome {
        APPLIED,
        /** Its sequence was applied before (a redelivery): ignored. */
        ALREADY_APPLIED,
        /** Its sequence skips one or more of its stream: not applied. */
        GAP,
        /** In sequence but meaningless here (e.g. an update to an incident never declared): sequence taken. */
        INAPPLICABLE
    }

    private final double partialWeight;
    private final Map<String, Long> versions = new HashMap<>();
    private final Streams streams = new Streams();
    private final Map<String, IncidentMilestones> incidents = new HashMap<>();
    private final List<IncidentMilestones> inLogOrder = new ArrayList<>();
    private final Map<String, MaintenanceProgress> maintenances = new HashMap<>();
    private final Map<String, Integer> componentIndex = new HashMap<>();
    private final List<String> componentIds = new ArrayList<>();
    private final List<ComponentTimeline> timelines = new ArrayList<>();
    /** The claim each stream holds open on a component, keyed by stream and component index. */
    private final Map<Long, Integer> openClaims = new HashMap<>();

    public Analytics() {
        this(DEFAULT_PARTIAL_WEIGHT);
    }

    /** @param partialWeight how much a minute of partial outage counts as down, from 0 to 1 */
    public Analytics(double partialWeight) {
        checkWeight(partialWeight);
        this.partialWeight = partialWeight;
    }

    /** Applies the event if it is the next of its stream; false for a redelivery, a gap or an inapplicable event. */
    public boolean apply(IncidentEvent event) {
        return offer(event) == Outcome.APPLIED;
    }

    public synchronized Outcome offer(IncidentEvent event) {
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
        return dispatch(event) ? Outcome.APPLIED : Outcome.INAPPLICABLE;
    }

    /** The last sequence applied of a stream, 0 if none: for read-your-writes waits. */
    public synchronized long appliedSequence(String streamId) {
        return versions.getOrDefault(streamId, 0L);
    }

    private boolean dispatch(IncidentEvent event) {
        Object payload = event.getPayload();
        String streamId = event.getIncidentId();
        long at = event.getOccurredAt().toEpochMilli();
        if (payload instanceof IncidentDeclared declared) {
            if (incidents.containsKey(streamId) || maintenances.containsKey(streamId)) {
                return false;
            }
            declare(streamId, declared, at);
            return true;
        }
        if (payload instanceof MaintenanceScheduled scheduled) {
            if (incidents.containsKey(streamId) || maintenances.containsKey(streamId)) {
                return false;
            }
            maintenances.put(streamId, new MaintenanceProgress(streams.register(streamId, true), scheduled));
            return true;
        }
        IncidentMilestones incident = incidents.get(streamId);
        if (incident != null) {
            Map<String, ComponentStatus> before = incident.imposed();
            if (!incident.apply(payload, at, this::canonicalId)) {
                return false;
            }
            named(payload).keySet().forEach(id -> named(id, incident, at));
            impose(incident.stream, before, incident.imposed(), at);
            if (incident.retracted) {
                streams.retract(incident.stream);
            }
            return true;
        }
        MaintenanceProgress maintenance = maintenances.get(streamId);
        if (maintenance != null) {
            Map<String, ComponentStatus> before = maintenance.imposed();
            if (!maintenance.apply(payload)) {
                return false;
            }
            impose(maintenance.stream, before, maintenance.imposed(), at);
            return true;
        }
        return catalogue(payload, at);
    }

    private void declare(String streamId, IncidentDeclared declared, long at) {
        IncidentMilestones incident = IncidentMilestones.declared(
                streamId, streams.register(streamId, false), declared, at, this::canonicalId);
        incidents.put(streamId, incident);
        inLogOrder.add(incident);
        Map<String, ComponentStatus> said = declared.getComponents();
        // Impact began at startedAt; a declaration already resolved lets go again at once.
        long from = Math.min(incident.startedAt, at);
        said.keySet().forEach(id -> named(id, incident, from));
        impose(incident.stream, Map.of(), said, from);
        impose(incident.stream, said, incident.imposed(), at);
    }

    /**
     * An incident names the component from {@code at} on (its declaration from when impact began), in any
     * status: the component's uptime counts from then at the latest, even if the catalogue added it later.
     */
    private void named(String componentId, IncidentMilestones incident, long at) {
        int component = component(componentId);
        incident.touch(component);
        timelines.get(component).knownFrom(at);
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

    /** Moves the stream's claims from what it imposed ({@code before}) to what it imposes from {@code at} on. */
    private void impose(int stream, Map<String, ComponentStatus> before, Map<String, ComponentStatus> after, long at) {
        if (before.equals(after)) {
            return;
        }
        Set<String> touched = new TreeSet<>(before.keySet());
        touched.addAll(after.keySet());
        for (String componentId : touched) {
            ComponentStatus now = after.get(componentId);
            if (before.get(componentId) == now) {
                continue;
            }
            int component = component(componentId);
            ComponentTimeline timeline = timelines.get(component);
            long key = ((long) stream << 32) | component;
            Integer open = openClaims.remove(key);
            if (open != null) {
                timeline.close(open, at);
            }
            if (now != null && now != ComponentStatus.operational) {
                openClaims.put(key, timeline.open(stream, now, at));
            }
        }
    }

    /** The model's one instance of a component id, whichever copy an event brought. */
    private String canonicalId(String componentId) {
        return componentIds.get(component(componentId));
    }

    private int component(String componentId) {
        Integer index = componentIndex.get(componentId);
        if (index == null) {
            index = componentIds.size();
            componentIndex.put(componentId, index);
            componentIds.add(componentId);
            timelines.add(new ComponentTimeline());
        }
        return index;
    }

    /**
     * Only a component's addition is measured here (its uptime counts from then at the latest); the rest of
     * the catalogue is applicable but changes nothing: a group's members are the caller's to name.
     */
    private boolean catalogue(Object payload, long at) {
        if (payload instanceof ComponentAdded e) {
            timelines.get(component(e.getComponentId())).knownFrom(at);
            return true;
        }
        return payload instanceof ComponentRenamed
                || payload instanceof ComponentDescribed
                || payload instanceof ComponentMovedToGroup
                || payload instanceof ComponentRemoved
                || payload instanceof ComponentGroupAdded
                || payload instanceof ComponentGroupRenamed
                || payload instanceof ComponentGroupRemoved;
    }

    /** Every incident declared so far, retracted ones included, by {@code startedAt} then id. */
    public synchronized List<IncidentDurations> incidents() {
        List<IncidentMilestones> sorted = new ArrayList<>(inLogOrder);
        sorted.sort(BY_START);
        List<IncidentDurations> result = new ArrayList<>(sorted.size());
        for (IncidentMilestones incident : sorted) {
            result.add(incident.durations(componentIds));
        }
        return result;
    }

    public synchronized Optional<IncidentDurations> incident(String incidentId) {
        return Optional.ofNullable(incidents.get(incidentId)).map(i -> i.durations(componentIds));
    }

    /** Count, mean, median, p90 and max of each duration over the incidents the query selects, per group. */
    public synchronized MttrReport mttr(MttrQuery query) {
        long from = query.from() == null ? Long.MIN_VALUE : query.from().toEpochMilli();
        long to = query.to() == null ? Long.MAX_VALUE : query.to().toEpochMilli();
        int minimumRank = query.minimumImpact() == null ? 0 : IncidentMilestones.rank(query.minimumImpact());
        boolean byComponent = !query.components().isEmpty();
        int[] wanted = query.components().stream()
                .filter(componentIndex::containsKey)
                .mapToInt(componentIndex::get)
                .sorted()
                .toArray();
        Map<String, Tally> groups = new HashMap<>();
        Map<Long, String> labels = new HashMap<>();
        for (IncidentMilestones incident : inLogOrder) {
            if (incident.startedAt < from
                    || incident.startedAt >= to
                    || incident.retracted && !query.includeRetracted()) {
                continue;
            }
            int impact = IncidentMilestones.rank(incident.highestImpact);
            if (impact < minimumRank || impact == 0 && !query.includeImpactNone()) {
                continue;
            }
            if (byComponent && !touchesAny(incident, wanted)) {
                continue;
            }
            switch (query.groupBy()) {
                case NONE -> tally(groups, ALL, incident);
                case MONTH, WEEK ->
                    tally(
                            groups,
                            labels.computeIfAbsent(
                                    Math.floorDiv(incident.startedAt, DAY), day -> label(day, query.groupBy())),
                            incident);
                case IMPACT -> tally(groups, incident.highestImpact.name(), incident);
                case COMPONENT -> {
                    if (incident.components.length == 0) {
                        tally(groups, NO_COMPONENT, incident);
                    }
                    for (int component : incident.components) {
                        if (!byComponent || Arrays.binarySearch(wanted, component) >= 0) {
                            tally(groups, componentIds.get(component), incident);
                        }
                    }
                }
            }
        }
        Map<String, Tally> ordered = query.groupBy() == GroupBy.IMPACT
                ? new TreeMap<>(
                        Comparator.comparingInt((String impact) -> IncidentMilestones.rank(Impact.valueOf(impact))))
                : new TreeMap<>();
        ordered.putAll(groups);
        List<MttrReport.Group> result = new ArrayList<>(ordered.size());
        ordered.forEach((key, tally) -> result.add(tally.group(key)));
        return new MttrReport(query.groupBy(), result);
    }

    private static boolean touchesAny(IncidentMilestones incident, int[] wanted) {
        for (int component : wanted) {
            if (incident.touches(component)) {
                return true;
            }
        }
        return false;
    }

    private static String label(long epochDay, GroupBy groupBy) {
        LocalDate day = LocalDate.ofEpochDay(epochDay);
        return groupBy == GroupBy.MONTH
                ? String.format(Locale.ROOT, "%04d-%02d", day.getYear(), day.getMonthValue())
                : String.format(
                        Locale.ROOT,
                        "%04d-W%02d",
                        day.get(IsoFields.WEEK_BASED_YEAR),
                        day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static void tally(Map<String, Tally> groups, String key, IncidentMilestones incident) {
        groups.computeIfAbsent(key, k -> new Tally()).add(incident);
    }

    /**
     * Uptime of one component per UTC day from {@code fromDay} to {@code toDayInclusive}, counting only up
     * to {@code now} (today is a partial day) and only since the component was known (see
     * {@link UptimeCalendar}).
     */
    public synchronized UptimeReport uptime(
            String componentId, LocalDate fromDay, LocalDate toDayInclusive, Instant now) {
        Integer index = componentIndex.get(componentId);
        List<ComponentTimeline> of = index == null ? List.of() : List.of(timelines.get(index));
        return UptimeCalendar.uptime(List.of(componentId), of, streams, fromDay, toDayInclusive, now, partialWeight);
    }

    /** {@link #uptime(String, LocalDate, LocalDate, Instant)} with another partial-outage weight than this model's. */
    public synchronized UptimeReport uptime(
            String componentId, LocalDate fromDay, LocalDate toDayInclusive, Instant now, double partialWeight) {
        return membersUptime(List.of(componentId), fromDay, toDayInclusive, now, partialWeight);
    }

    /**
     * Uptime of a set of components taken together, as a group is: a minute is as bad as its worst member.
     * The caller names the members (e.g. the group's public components as the page lists them); ids never
     * seen count as always up and never observed.
     */
    public synchronized UptimeReport membersUptime(
            List<String> componentIds, LocalDate fromDay, LocalDate toDayInclusive, Instant now, double partialWeight) {
        checkWeight(partialWeight);
        List<String> members = componentIds.stream().distinct().sorted().toList();
        List<ComponentTimeline> of = new ArrayList<>(members.size());
        for (String member : members) {
            Integer index = componentIndex.get(member);
            if (index != null) {
                of.add(timelines.get(index));
            }
        }
        return UptimeCalendar.uptime(members, of, streams, fromDay, toDayInclusive, now, partialWeight);
    }

    /** The weight this model was built with, for callers that do not choose their own. */
    public double partialWeight() {
        return partialWeight;
    }

    private static void checkWeight(double partialWeight) {
        if (!(partialWeight >= 0 && partialWeight <= 1)) {
            throw new IllegalArgumentException("partialWeight must be between 0 and 1, was " + partialWeight);
        }
    }

    /**
     * The resolved incidents that took longest to resolve among those that started in {@code [from, to)}
     * and count for MTTx by default (neither retracted nor of impact none), slowest first, at most
     * {@code limit}; ties by start then id. One pass keeping a bounded heap, so it costs the same for the
     * ten slowest of 100,000 as a plain scan.
     */
    public synchronized List<IncidentDurations> slowestToResolve(Instant from, Instant to, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more, not " + limit);
        }
        long start = from == null ? Long.MIN_VALUE : from.toEpochMilli();
        long end = to == null ? Long.MAX_VALUE : to.toEpochMilli();
        Comparator<IncidentMilestones> slower = Comparator.<IncidentMilestones>comparingLong(
                        i -> i.resolvedAt - i.startedAt)
                .thenComparing(BY_START.reversed());
        PriorityQueue<IncidentMilestones> kept = new PriorityQueue<>(limit + 1, slower);
        for (IncidentMilestones incident : inLogOrder) {
            if (incident.resolvedAt == IncidentMilestones.NONE
                    || incident.retracted
                    || incident.startedAt < start
                    || incident.startedAt >= end
                    || IncidentMilestones.rank(incident.highestImpact) == 0) {
                continue;
            }
            kept.add(incident);
            if (kept.size() > limit) {
                kept.poll();
            }
        }
        List<IncidentMilestones> slowest = new ArrayList<>(kept);
        slowest.sort(slower.reversed());
        List<IncidentDurations> result = new ArrayList<>(slowest.size());
        slowest.forEach(incident -> result.add(incident.durations(componentIds)));
        return result;
    }

    /** One group's values while an MTTx query runs. */
    private static final class Tally {
        private int incidents;
        private int open;
        private final Durations detect = new Durations();
        private final Durations identify = new Durations();
        private final Durations mitigate = new Durations();
        private final Durations resolve = new Durations();

        void add(IncidentMilestones incident) {
            incidents++;
            if (incident.resolvedAt == IncidentMilestones.NONE) {
                open++;
            }
            detect.add(incident, incident.detectedAt);
            identify.add(incident, incident.identifiedAt);
            mitigate.add(incident, incident.mitigatedAt);
            resolve.add(incident, incident.resolvedAt);
        }

        MttrReport.Group group(String key) {
            return new MttrReport.Group(
                    key, incidents, open, detect.stats(), identify.stats(), mitigate.stats(), resolve.stats());
        }
    }

    private static final class Durations {
        private long[] seconds = new long[8];
        private int count;

        void add(IncidentMilestones incident, long milestone) {
            if (milestone == IncidentMilestones.NONE) {
                return;
            }
            if (count == seconds.length) {
                seconds = Arrays.copyOf(seconds, count * 2);
            }
            seconds[count++] = incident.secondsTo(milestone);
        }

        MttrReport.Stats stats() {
            return MttrReport.Stats.of(seconds, count);
        }
    }
}
