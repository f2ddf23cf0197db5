package org.incidentplatform.projection.status;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.schemas.Vocabulary;

/**
 * Each component's current status, kept up to date one event at a time: for every component, what
 * each active incident or maintenance says about it, and the worst of that. An event touches only
 * the components its stream names, so applying it costs little however many incidents there were.
 */
final class ComponentStatuses {

    private final Map<String, Map<String, ComponentStatus>> saidByStream = new HashMap<>();
    private final Map<String, ComponentStatus> current = new HashMap<>();
    private final Map<String, Instant> changedAt = new HashMap<>();

    /**
     * Replaces what a stream imposes: {@code before} is what it imposed until now, {@code after}
     * what it imposes from {@code at} on (empty once it lets go, e.g. resolved or completed).
     */
    void impose(String streamId, Map<String, ComponentStatus> before, Map<String, ComponentStatus> after, Instant at) {
        Set<String> touched = new LinkedHashSet<>(before.keySet());
        touched.addAll(after.keySet());
        for (String componentId : touched) {
            Map<String, ComponentStatus> said = saidByStream.computeIfAbsent(componentId, id -> new HashMap<>());
            ComponentStatus status = after.get(componentId);
            if (status == null) {
                said.remove(streamId);
            } else {
                said.put(streamId, status);
            }
            ComponentStatus now = worst(said.values());
            if (said.isEmpty()) {
                saidByStream.remove(componentId);
            }
            if (now != status(componentId)) {
                current.put(componentId, now);
                changedAt.put(componentId, at);
            }
        }
    }

    /**
     * The worst of the statuses, by {@link Vocabulary.ComponentStatus#severity()}; {@code operational} when
     * there are none.
     */
    static ComponentStatus worst(Iterable<ComponentStatus> statuses) {
        ComponentStatus worst = ComponentStatus.operational;
        int worstSeverity = 0;
        for (ComponentStatus status : statuses) {
            int severity =
                    Vocabulary.ComponentStatus.fromWireValue(status.name()).severity();
            if (severity > worstSeverity) {
                worst = status;
                worstSeverity = severity;
            }
        }
        return worst;
    }

    ComponentStatus status(String componentId) {
        return current.getOrDefault(componentId, ComponentStatus.operational);
    }

    /** When the status last changed, null if it never did. */
    Instant changedAt(String componentId) {
        return changedAt.get(componentId);
    }
}
