package org.incidentplatform.projection.status;

import java.util.HashMap;
import java.util.Map;

/**
 * One instance of each component id: every decoded event brings its own copies, and an incident's state keeps
 * the ids it names, so without this a long history holds the same few ids a million times. As many as the
 * catalogue has (incident-service accepts only components it knows).
 */
final class ComponentIds {

    private final Map<String, String> ids = new HashMap<>();

    String intern(String componentId) {
        String known = ids.putIfAbsent(componentId, componentId);
        return known == null ? componentId : known;
    }
}
