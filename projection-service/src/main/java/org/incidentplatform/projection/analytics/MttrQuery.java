package org.incidentplatform.projection.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.incidentplatform.events.Impact;

/**
 * Which incidents an MTTx question is about, and how to group them. Start with {@link #all()}.
 *
 * @param from              incidents that started at or after this instant; null for no lower bound
 * @param to                incidents that started before this instant (half-open); null for no upper bound
 * @param components        incidents that named any of these components; empty for all
 * @param minimumImpact     incidents whose highest impact ever was at least this; null for all
 * @param includeRetracted  count incidents declared in error too
 * @param includeImpactNone count incidents whose impact was never more than {@code none} too
 * @param groupBy           one group, or one per month or ISO week of {@code startedAt} (UTC), per
 *                          component or per (highest) impact
 */
public record MttrQuery(
        Instant from,
        Instant to,
        Set<String> components,
        Impact minimumImpact,
        boolean includeRetracted,
        boolean includeImpactNone,
        GroupBy groupBy) {

    public enum GroupBy {
        /** One group, keyed {@code all}. */
        NONE,
        /** {@code 2024-03}, UTC. */
        MONTH,
        /** ISO week of the week-based year, {@code 2024-W10}, UTC. */
        WEEK,
        /**
         * The component id. An incident counts once in each component it named (only those asked for,
         * when {@link #components} is given); incidents that named none go to {@code (no component)}.
         */
        COMPONENT,
        /** The highest impact the incident ever had, in the order none, maintenance, minor, major, critical. */
        IMPACT
    }

    public MttrQuery {
        components = components == null ? Set.of() : Set.copyOf(components);
        groupBy = groupBy == null ? GroupBy.NONE : groupBy;
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
        }
    }

    /** Every incident that counts by default (not retracted, impact above none), one group. */
    public static MttrQuery all() {
        return new MttrQuery(null, null, Set.of(), null, false, false, GroupBy.NONE);
    }

    public MttrQuery startedFrom(Instant from) {
        return new MttrQuery(from, to, components, minimumImpact, includeRetracted, includeImpactNone, groupBy);
    }

    public MttrQuery startedBefore(Instant to) {
        return new MttrQuery(from, to, components, minimumImpact, includeRetracted, includeImpactNone, groupBy);
    }

    public MttrQuery touching(String... components) {
        return new MttrQuery(
                from, to, Set.copyOf(List.of(components)), minimumImpact, includeRetracted, includeImpactNone, groupBy);
    }

    public MttrQuery atLeast(Impact minimumImpact) {
        return new MttrQuery(from, to, components, minimumImpact, includeRetracted, includeImpactNone, groupBy);
    }

    public MttrQuery includingRetracted() {
        return new MttrQuery(from, to, components, minimumImpact, true, includeImpactNone, groupBy);
    }

    public MttrQuery includingImpactNone() {
        return new MttrQuery(from, to, components, minimumImpact, includeRetracted, true, groupBy);
    }

    public MttrQuery groupedBy(GroupBy groupBy) {
        return new MttrQuery(from, to, components, minimumImpact, includeRetracted, includeImpactNone, groupBy);
    }
}
