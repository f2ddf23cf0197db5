package org.incidentplatform.projection.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.incidentplatform.events.ComponentAdded;
import org.incidentplatform.events.ComponentDescribed;
import org.incidentplatform.events.ComponentGroupAdded;
import org.incidentplatform.events.ComponentGroupRemoved;
import org.incidentplatform.events.ComponentGroupRenamed;
import org.incidentplatform.events.ComponentMovedToGroup;
import org.incidentplatform.events.ComponentRemoved;
import org.incidentplatform.events.ComponentRenamed;

/**
 * The component catalogue as its events built it. Removed components stay known, with their last
 * name, because past incidents keep referring to them; they just are no longer public.
 */
final class Catalogue {

    /** Groups and ungrouped components share one top-level order: position, then name, then id. */
    static final Comparator<Entry> DISPLAY_ORDER =
            Comparator.comparingInt(Entry::position).thenComparing(Entry::name).thenComparing(Entry::id);

    private final Map<String, ComponentEntry> components = new HashMap<>();
    private final Map<String, GroupEntry> groups = new HashMap<>();
    /** Per component id, added or not (yet): the earliest time its uptime counts from. */
    private final Map<String, Instant> uptimeFrom = new HashMap<>();

    /** @return false when the event names a component or group the catalogue does not hold */
    boolean apply(Object payload, Instant at) {
        if (payload instanceof ComponentAdded e) {
            components.put(
                    e.getComponentId(),
                    new ComponentEntry(
                            e.getComponentId(),
                            e.getName(),
                            e.getDescription(),
                            e.getGroupId(),
                            e.getPosition(),
                            e.getHidden(),
                            at));
            counts(e.getComponentId(), at);
            return true;
        }
        if (payload instanceof ComponentGroupAdded e) {
            groups.put(
                    e.getGroupId(),
                    new GroupEntry(e.getGroupId(), e.getName(), e.getDescription(), e.getPosition(), at));
            return true;
        }
        if (payload instanceof ComponentGroupRenamed e) {
            GroupEntry group = groups.get(e.getGroupId());
            if (group == null) {
                return false;
            }
            group.name = e.getName();
            group.updatedAt = at;
            return true;
        }
        if (payload instanceof ComponentGroupRemoved e) {
            if (groups.remove(e.getGroupId()) == null) {
                return false;
            }
            for (ComponentEntry component : components.values()) {
                if (e.getGroupId().equals(component.groupId)) {
                    component.groupId = null;
                    component.updatedAt = at;
                }
            }
            return true;
        }
        String componentId = componentIdOf(payload);
        ComponentEntry component = componentId == null ? null : components.get(componentId);
        if (component == null || component.removed) {
            return false;
        }
        if (payload instanceof ComponentRenamed e) {
            component.name = e.getName();
        } else if (payload instanceof ComponentDescribed e) {
            component.description = e.getDescription();
        } else if (payload instanceof ComponentMovedToGroup e) {
            component.groupId = e.getGroupId();
            component.position = e.getPosition();
        } else if (payload instanceof ComponentRemoved) {
            component.removed = true;
        }
        component.updatedAt = at;
        return true;
    }

    private static String componentIdOf(Object payload) {
        if (payload instanceof ComponentRenamed e) {
            return e.getComponentId();
        }
        if (payload instanceof ComponentDescribed e) {
            return e.getComponentId();
        }
        if (payload instanceof ComponentMovedToGroup e) {
            return e.getComponentId();
        }
        if (payload instanceof ComponentRemoved e) {
            return e.getComponentId();
        }
        return null;
    }

    /** The component's uptime counts from {@code at} at the latest: it was added, or named by an incident, then. */
    void counts(String componentId, Instant at) {
        uptimeFrom.merge(componentId, at, (known, other) -> other.isBefore(known) ? other : known);
    }

    /** Since when the component's uptime counts (see {@link StatusProjection}); null if never added nor named. */
    Instant uptimeFrom(String componentId) {
        return uptimeFrom.get(componentId);
    }

    static boolean isCatalogueEvent(Object payload) {
        return payload instanceof ComponentAdded
                || payload instanceof ComponentRenamed
                || payload instanceof ComponentDescribed
                || payload instanceof ComponentMovedToGroup
                || payload instanceof ComponentRemoved
                || payload instanceof ComponentGroupAdded
                || payload instanceof ComponentGroupRenamed
                || payload instanceof ComponentGroupRemoved;
    }

    /** Each component's name and which are kept off the public page, wherever they would be named: as of now. */
    CatalogueNames names() {
        Map<String, String> names = new HashMap<>();
        Set<String> hidden = new HashSet<>();
        for (ComponentEntry component : components.values()) {
            names.put(component.id, component.name);
            if (component.hidden) {
                hidden.add(component.id);
            }
        }
        return new CatalogueNames(names, hidden);
    }

    /** Public components: neither hidden nor removed. */
    List<ComponentEntry> publicComponents() {
        List<ComponentEntry> result = new ArrayList<>();
        for (ComponentEntry component : components.values()) {
            if (!component.hidden && !component.removed) {
                result.add(component);
            }
        }
        return result;
    }

    /** The component's group, null when it has none or its group is unknown. */
    GroupEntry groupOf(ComponentEntry component) {
        return component.groupId == null ? null : groups.get(component.groupId);
    }

    interface Entry {
        String id();

        String name();

        int position();
    }

    static final class ComponentEntry implements Entry {
        final String id;
        final boolean hidden;
        final Instant createdAt;
        String name;
        String description;
        String groupId;
        int position;
        boolean removed;
        Instant updatedAt;

        ComponentEntry(
                String id, String name, String description, String groupId, int position, boolean hidden, Instant at) {
            this.id = id;
            this.name = name;
            this.description = description;
            this.groupId = groupId;
            this.position = position;
            this.hidden = hidden;
            this.createdAt = at;
            this.updatedAt = at;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int position() {
            return position;
        }
    }

    static final class GroupEntry implements Entry {
        final String id;
        final String description;
        final int position;
        final Instant createdAt;
        String name;
        Instant updatedAt;

        GroupEntry(String id, String name, String description, int position, Instant at) {
            this.id = id;
            this.name = name;
            this.description = description;
            this.position = position;
            this.createdAt = at;
            this.updatedAt = at;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int position() {
            return position;
        }
    }
}
