package org.incidentplatform.projection.status;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.incidentplatform.events.ComponentStatus;

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
    void impose(String streamId, Map<String, ComponentStatus> before, Map<String, ComponentStatus> after,
                Instant at) {
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
            ComponentStatus now = ComponentSeverity.worst(said.values());
            if (said.isEmpty()) {
                saidByStream.remove(componentId);
            }
            if (now != status(componentId)) {
                current.put(componentId, now);
                changedAt.put(componentId, at);
            }
        }
    }

    ComponentStatus status(String componentId) {
        return current.getOrDefault(componentId, ComponentStatus.operational);
    }

    /** When the status last changed, null if it never did. */
    Instant changedAt(String componentId) {
        return changedAt.get(componentId);
    }
}
