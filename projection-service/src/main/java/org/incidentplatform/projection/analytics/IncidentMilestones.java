package org.incidentplatform.projection.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.incidentplatform.events.ActionItemAdded;
import org.incidentplatform.events.ActionItemCompleted;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentDeclared;
import org.incidentplatform.events.IncidentReopened;
import org.incidentplatform.events.IncidentResolved;
import org.incidentplatform.events.IncidentRetracted;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.events.IncidentUpdatePosted;
import org.incidentplatform.events.PostmortemPublished;
import org.incidentplatform.schemas.Vocabulary;

/**
 * One incident's milestones, kept up to date one event at a time. Times are epoch milliseconds,
 * {@link #NONE} where a milestone has not happened, so that a query over many incidents reads
 * primitive fields only.
 *
 * <p>Component bookkeeping follows the status page's rules: {@link #said} is what the incident says
 * about each component now; it weighs only while the incident is active (neither resolved nor retracted).
 * A resolution keeps the statuses it names and drops the others; a reopen adds what it names.
 */
final class IncidentMilestones {

    static final long NONE = Long.MIN_VALUE;
    private static final int[] NO_COMPONENTS = {};

    final String id;
    final String title;
    final int stream;
    final long startedAt;
    final long detectedAt;
    final boolean backfilled;
    long identifiedAt = NONE;
    long mitigatedAt = NONE;
    long resolvedAt = NONE;
    Impact highestImpact;
    Impact latestImpact;
    boolean retracted;
    /** Indices of every component the incident ever named, ascending. */
    int[] components = NO_COMPONENTS;

    private IncidentStatus status;
    /** A few components each, one table per incident ever declared: small, with the model's own id strings. */
    private final Map<String, ComponentStatus> said = new HashMap<>(4);
    /** What it imposes, kept until an event changes it: most events change neither components nor resolution. */
    private Map<String, ComponentStatus> imposed = Map.of();

    private boolean imposedStale = true;

    private IncidentMilestones(String id, int stream, IncidentDeclared declared) {
        this.id = id;
        this.stream = stream;
        this.title = declared.getTitle();
        this.startedAt = declared.getStartedAt().toEpochMilli();
        this.detectedAt = declared.getDetectedAt().toEpochMilli();
        this.backfilled = declared.getBackfilled();
        this.highestImpact = declared.getImpact();
        this.latestImpact = declared.getImpact();
    }

    /**
     * How much an impact weighs, for "minimum impact" and "highest impact ever": its
     * {@link Vocabulary.Impact#rank()}.
     */
    static int rank(Impact impact) {
        return Vocabulary.Impact.fromWireValue(impact.name()).rank();
    }

    static IncidentMilestones declared(
            String id, int stream, IncidentDeclared declared, long at, UnaryOperator<String> componentIds) {
        IncidentMilestones incident = new IncidentMilestones(id, stream, declared);
        incident.say(declared.getComponents(), componentIds);
        incident.reach(declared.getStatus(), at, true);
        return incident;
    }

    /** @return false when the payload is no incident event */
    boolean apply(Object payload, long at, UnaryOperator<String> componentIds) {
        if (payload instanceof IncidentUpdatePosted e) {
            if (e.getImpact() != null) {
                latestImpact = e.getImpact();
                if (rank(e.getImpact()) > rank(highestImpact)) {
                    highestImpact = e.getImpact();
                }
            }
            say(e.getComponents(), componentIds);
            if (e.getStatus() != null) {
                reach(e.getStatus(), at, false);
            }
        } else if (payload instanceof IncidentResolved e) {
            imposedStale |= said.keySet().retainAll(e.getComponents().keySet());
            say(e.getComponents(), componentIds);
            reach(IncidentStatus.resolved, at, true);
        } else if (payload instanceof IncidentReopened e) {
            say(e.getComponents(), componentIds);
            reach(e.getStatus(), at, false);
        } else if (payload instanceof IncidentRetracted) {
            retracted = true;
            imposedStale = true;
        } else if (payload instanceof PostmortemPublished) {
            if (isResolved()) {
                status = IncidentStatus.postmortem;
            }
        } else {
            return payload instanceof ActionItemAdded || payload instanceof ActionItemCompleted;
        }
        return true;
    }

    private void say(Map<String, ComponentStatus> named, UnaryOperator<String> componentIds) {
        imposedStale |= !named.isEmpty();
        named.forEach((componentId, status) -> said.put(componentIds.apply(componentId), status));
    }

    /**
     * Moves to {@code newStatus} at {@code at}. First times are the earliest {@code occurredAt} that
     * reached the stage or a later one, so identify &le; mitigate &le; resolve whatever order the times
     * come in; the resolution time is the latest resolution and is cleared by anything that un-resolves.
     */
    private void reach(IncidentStatus newStatus, long at, boolean resolution) {
        boolean wasResolved = isResolved();
        status = newStatus;
        int stage = stage(newStatus);
        if (stage >= stage(IncidentStatus.identified)) {
            identifiedAt = earliest(identifiedAt, at);
        }
        if (stage >= stage(IncidentStatus.monitoring)) {
            mitigatedAt = earliest(mitigatedAt, at);
        }
        if (isResolved()) {
            if (!wasResolved || resolution) {
                resolvedAt = at;
            }
        } else {
            resolvedAt = NONE;
        }
        imposedStale |= wasResolved != isResolved();
    }

    private static long earliest(long current, long at) {
        return current == NONE ? at : Math.min(current, at);
    }

    private static int stage(IncidentStatus status) {
        return switch (status) {
            case investigating -> 0;
            case identified -> 1;
            case monitoring -> 2;
            case resolved -> 3;
            case postmortem -> 4;
        };
    }

    boolean isResolved() {
        return status == IncidentStatus.resolved || status == IncidentStatus.postmortem;
    }

    void touch(int componentIndex) {
        int at = Arrays.binarySearch(components, componentIndex);
        if (at < 0) {
            int insert = -at - 1;
            int[] grown = new int[components.length + 1];
            System.arraycopy(components, 0, grown, 0, insert);
            grown[insert] = componentIndex;
            System.arraycopy(components, insert, grown, insert + 1, components.length - insert);
            components = grown;
        }
    }

    boolean touches(int componentIndex) {
        return Arrays.binarySearch(components, componentIndex) >= 0;
    }

    /** What the incident imposes on its components now: nothing once resolved or retracted. */
    Map<String, ComponentStatus> imposed() {
        if (imposedStale) {
            imposed = retracted || isResolved() ? Map.of() : Map.copyOf(said);
            imposedStale = false;
        }
        return imposed;
    }

    IncidentDurations durations(List<String> componentNames) {
        List<String> names = new ArrayList<>(components.length);
        for (int component : components) {
            names.add(componentNames.get(component));
        }
        names.sort(null);
        return new IncidentDurations(
                id,
                title,
                highestImpact,
                latestImpact,
                names,
                retracted,
                backfilled,
                resolvedAt == NONE,
                instant(startedAt),
                instant(detectedAt),
                instant(identifiedAt),
                instant(mitigatedAt),
                instant(resolvedAt),
                seconds(detectedAt),
                seconds(identifiedAt),
                seconds(mitigatedAt),
                seconds(resolvedAt));
    }

    /** Whole seconds from the start to {@code milestone}, truncated toward zero; null if it never happened. */
    private Long seconds(long milestone) {
        return milestone == NONE ? null : secondsTo(milestone);
    }

    long secondsTo(long milestone) {
        return (milestone - startedAt) / 1000;
    }

    private static Instant instant(long millis) {
        return millis == NONE ? null : Instant.ofEpochMilli(millis);
    }
}
