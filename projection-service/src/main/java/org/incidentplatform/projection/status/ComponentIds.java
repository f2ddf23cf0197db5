package org.incidentplatform.projection.status;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.incidentplatform.projection.status.UpdateFact.Change;

/**
 * One instance of each component id: every decoded event brings its own copies, and an incident's state keeps
 * the ids it names, so without this a long history holds the same few ids a million times. As many as the
 * catalogue has (incident-service accepts only components it knows). Likewise one list of each single
 * component change, the common update: at most one per component and pair of statuses.
 */
final class ComponentIds {

    private final Map<String, String> ids = new HashMap<>();
    private final Map<Change, List<Change>> singleChanges = new HashMap<>();

    String intern(String componentId) {
        String known = ids.putIfAbsent(componentId, componentId);
        return known == null ? componentId : known;
    }

    /** The changes as an immutable list, a shared one when it is a single change. */
    List<Change> shared(List<Change> changes) {
        if (changes.size() != 1) {
            return List.copyOf(changes);
        }
        return singleChanges.computeIfAbsent(changes.get(0), List::of);
    }
}
