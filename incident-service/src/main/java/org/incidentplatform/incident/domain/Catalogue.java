package org.incidentplatform.incident.domain;

import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * Every component and group of the status page, built from the one catalogue stream.
 *
 * @param version number of events applied, i.e. the sequence of the latest one
 */
public record Catalogue(Map<String, Component> components, Map<String, Group> groups, long version) {

    /** The stream's id and Kafka key: {@code Topics.CATALOGUE_KEY} (the domain names it, the topics declare it). */
    public static final String STREAM_ID = "catalogue";

    public static final Catalogue EMPTY = new Catalogue(Map.of(), Map.of(), 0);

    public Catalogue {
        components = Require.orderedCopy(components);
        groups = Require.orderedCopy(groups);
    }

    /** Ids that incidents and maintenances may name; removed components are not among them. */
    public Set<String> knownComponents() {
        return Collections.unmodifiableSet(components.keySet());
    }

    /** @param groupId null when the component belongs to no group */
    public record Component(String id, String name, String description, String groupId, int position, boolean hidden) {}

    public record Group(String id, String name, String description, int position) {}
}
