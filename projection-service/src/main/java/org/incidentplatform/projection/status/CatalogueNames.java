package org.incidentplatform.projection.status;

import java.util.Map;
import java.util.Set;

/**
 * What the catalogue says of components at one point in the log, as views need it: each one's name (its
 * last one if removed) and which are hidden. Immutable; the catalogue gives a new one after it changes.
 */
record CatalogueNames(Map<String, String> names, Set<String> hidden) {

    CatalogueNames {
        names = Map.copyOf(names);
        hidden = Set.copyOf(hidden);
    }

    /** The component's name, its last one if removed, its id if never catalogued. */
    String nameOf(String componentId) {
        return names.getOrDefault(componentId, componentId);
    }

    boolean isHidden(String componentId) {
        return hidden.contains(componentId);
    }
}
