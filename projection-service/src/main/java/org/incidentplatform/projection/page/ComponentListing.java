package org.incidentplatform.projection.page;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.projection.status.StatusSnapshot;
import org.incidentplatform.projection.status.StatusSnapshot.Component;
import org.incidentplatform.projection.status.StatusSnapshot.Group;

/**
 * The component list as the page shows it: groups and ungrouped components in their shared display
 * order, each group followed by its own components.
 */
public final class ComponentListing {

    /**
     * A line of the list: a group (with its components) or a component on its own.
     *
     * @param status for a group, the worst status of its components
     */
    public record Entry(
            String id,
            String name,
            String description,
            ComponentStatus status,
            boolean group,
            List<Component> components) {

        public Entry {
            components = List.copyOf(components);
        }

        /**
         * Whether the page shows the group folded to its one line, as Statuspage does: when every component
         * in it is operational there is nothing to look at inside.
         */
        public boolean collapsed() {
            return group && components.stream().allMatch(c -> c.status() == ComponentStatus.operational);
        }
    }

    private ComponentListing() {}

    /** The snapshot's components are in display order already; a group takes the place of its first component. */
    static List<Entry> of(StatusSnapshot snapshot) {
        Map<String, Group> groups =
                snapshot.groups().stream().collect(Collectors.toMap(Group::id, Function.identity()));
        Map<String, Component> components =
                snapshot.components().stream().collect(Collectors.toMap(Component::id, Function.identity()));
        List<Entry> entries = new ArrayList<>();
        Set<String> shown = new HashSet<>();
        for (Component component : snapshot.components()) {
            Group group = component.groupId() == null ? null : groups.get(component.groupId());
            if (group == null) {
                entries.add(new Entry(
                        component.id(),
                        component.name(),
                        component.description(),
                        component.status(),
                        false,
                        List.of()));
            } else if (shown.add(group.id())) {
                List<Component> members = group.componentIds().stream()
                        .map(components::get)
                        .filter(Objects::nonNull)
                        .toList();
                entries.add(new Entry(group.id(), group.name(), group.description(), group.status(), true, members));
            }
        }
        return entries;
    }
}
