package org.incidentplatform.incident.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.incidentplatform.incident.domain.Catalogue.Component;
import org.incidentplatform.incident.domain.Catalogue.Group;
import org.incidentplatform.incident.domain.CatalogueCommand.AddComponent;
import org.incidentplatform.incident.domain.CatalogueCommand.AddGroup;
import org.incidentplatform.incident.domain.CatalogueCommand.DescribeComponent;
import org.incidentplatform.incident.domain.CatalogueCommand.MoveComponentToGroup;
import org.incidentplatform.incident.domain.CatalogueCommand.RemoveComponent;
import org.incidentplatform.incident.domain.CatalogueCommand.RemoveGroup;
import org.incidentplatform.incident.domain.CatalogueCommand.RenameComponent;
import org.incidentplatform.incident.domain.CatalogueCommand.RenameGroup;
import org.incidentplatform.incident.domain.CatalogueCommand.ReviseComponent;
import org.incidentplatform.incident.domain.CatalogueEvent.ComponentAdded;
import org.incidentplatform.incident.domain.CatalogueEvent.ComponentDescribed;
import org.incidentplatform.incident.domain.CatalogueEvent.ComponentGroupAdded;
import org.incidentplatform.incident.domain.CatalogueEvent.ComponentGroupRemoved;
import org.incidentplatform.incident.domain.CatalogueEvent.ComponentGroupRenamed;
import org.incidentplatform.incident.domain.CatalogueEvent.ComponentMovedToGroup;
import org.incidentplatform.incident.domain.CatalogueEvent.ComponentRemoved;
import org.incidentplatform.incident.domain.CatalogueEvent.ComponentRenamed;

/**
 * The catalogue's rules: ids are lower-case kebab-case and unique among live components (or groups),
 * a component's group must exist, and a change that changes nothing appends nothing, so a repeated
 * PUT is harmless. A removed component's id may be added again later.
 */
public final class CatalogueDecider {

    /** URL- and key-safe ids such as {@code web-app}: they appear in paths and in every incident's events. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** These rules in the shape every stream's rules take. */
    public static final Decider<CatalogueCommand, CatalogueEvent, Catalogue> RULES = Decider.of(
            initialState(), (command, state, knownComponents) -> decide(command, state), CatalogueDecider::evolve);

    private CatalogueDecider() {}

    public static Catalogue initialState() {
        return Catalogue.EMPTY;
    }

    public static Decision<CatalogueEvent> decide(CatalogueCommand command, Catalogue state) {
        try {
            return Decision.accepted(handle(command, state));
        } catch (CommandRejected rejected) {
            return Decision.rejected(rejected.rejection());
        }
    }

    public static Catalogue replay(List<? extends CatalogueEvent> events) {
        Catalogue state = initialState();
        for (CatalogueEvent event : events) {
            state = evolve(state, event);
        }
        return state;
    }

    private static List<CatalogueEvent> handle(CatalogueCommand command, Catalogue state) {
        Instant at = Require.time("occurredAt", command.occurredAt());
        if (command instanceof AddComponent c) {
            String id = id("componentId", c.componentId());
            if (state.components().containsKey(id)) {
                throw CommandRejected.conflict("component '" + id + "' already exists");
            }
            if (state.components().size() >= Require.COMPONENTS_MAX) {
                throw CommandRejected.invalid(
                        "componentId", "the catalogue holds at most " + Require.COMPONENTS_MAX + " components");
            }
            return List.of(new ComponentAdded(
                    id,
                    name(c.name()),
                    description(c.description()),
                    existingGroup(state, c.groupId()),
                    position(c.position()),
                    c.hidden(),
                    at));
        }
        if (command instanceof RenameComponent c) {
            Component component = component(state, c.componentId());
            return renamed(component, name(c.name()), at);
        }
        if (command instanceof DescribeComponent c) {
            Component component = component(state, c.componentId());
            return described(component, description(c.description()), at);
        }
        if (command instanceof MoveComponentToGroup c) {
            Component component = component(state, c.componentId());
            return moved(component, existingGroup(state, c.groupId()), position(c.position()), at);
        }
        if (command instanceof ReviseComponent c) {
            Component component = component(state, c.componentId());
            String name = name(c.name());
            String description = description(c.description());
            String groupId = existingGroup(state, c.groupId());
            int position = c.position() == null ? component.position() : position(c.position());
            List<CatalogueEvent> events = new ArrayList<>();
            events.addAll(renamed(component, name, at));
            events.addAll(described(component, description, at));
            events.addAll(moved(component, groupId, position, at));
            return events;
        }
        if (command instanceof RemoveComponent c) {
            return List.of(
                    new ComponentRemoved(component(state, c.componentId()).id(), at));
        }
        if (command instanceof AddGroup c) {
            String id = id("groupId", c.groupId());
            if (state.groups().containsKey(id)) {
                throw CommandRejected.conflict("group '" + id + "' already exists");
            }
            if (state.groups().size() >= Require.GROUPS_MAX) {
                throw CommandRejected.invalid(
                        "groupId", "the catalogue holds at most " + Require.GROUPS_MAX + " groups");
            }
            return List.of(new ComponentGroupAdded(
                    id, name(c.name()), description(c.description()), position(c.position()), at));
        }
        if (command instanceof RenameGroup c) {
            Group group = group(state, c.groupId());
            String name = name(c.name());
            return name.equals(group.name()) ? List.of() : List.of(new ComponentGroupRenamed(group.id(), name, at));
        }
        if (command instanceof RemoveGroup c) {
            return List.of(new ComponentGroupRemoved(group(state, c.groupId()).id(), at));
        }
        throw new IllegalArgumentException(
                "unhandled command " + command.getClass().getName());
    }

    private static List<CatalogueEvent> renamed(Component component, String name, Instant at) {
        return name.equals(component.name()) ? List.of() : List.of(new ComponentRenamed(component.id(), name, at));
    }

    private static List<CatalogueEvent> described(Component component, String description, Instant at) {
        return Objects.equals(description, component.description())
                ? List.of()
                : List.of(new ComponentDescribed(component.id(), description, at));
    }

    private static List<CatalogueEvent> moved(Component component, String groupId, int position, Instant at) {
        return Objects.equals(groupId, component.groupId()) && position == component.position()
                ? List.of()
                : List.of(new ComponentMovedToGroup(component.id(), groupId, position, at));
    }

    private static String id(String field, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw CommandRejected.invalid(
                    field,
                    field + " must be 1 to 63 lower-case letters, digits and dashes,"
                            + " not starting with a dash, e.g. web-app; was "
                            + (id == null ? "missing" : "'" + id + "'"));
        }
        return id;
    }

    private static String name(String name) {
        return Require.text("name", name, Require.TITLE_MAX);
    }

    private static String description(String description) {
        return Require.optionalText("description", description, Require.NOTE_MAX);
    }

    private static int position(int position) {
        if (position < 0) {
            throw CommandRejected.invalid("position", "position must not be negative, was " + position);
        }
        return position;
    }

    private static Component component(Catalogue state, String componentId) {
        Component component = componentId == null ? null : state.components().get(componentId);
        if (component == null) {
            throw CommandRejected.notFound("component '" + componentId + "' not found");
        }
        return component;
    }

    private static Group group(Catalogue state, String groupId) {
        Group group = groupId == null ? null : state.groups().get(groupId);
        if (group == null) {
            throw CommandRejected.notFound("group '" + groupId + "' not found");
        }
        return group;
    }

    /** A group named in a command body: absent means none, unknown is the body's fault. */
    private static String existingGroup(Catalogue state, String groupId) {
        if (groupId == null) {
            return null;
        }
        if (!state.groups().containsKey(groupId)) {
            throw CommandRejected.invalid("groupId", "unknown group '" + groupId + "'");
        }
        return groupId;
    }

    public static Catalogue evolve(Catalogue s, CatalogueEvent event) {
        Map<String, Component> components = new LinkedHashMap<>(s.components());
        Map<String, Group> groups = new LinkedHashMap<>(s.groups());
        if (event instanceof ComponentAdded e) {
            components.put(
                    e.componentId(),
                    new Component(e.componentId(), e.name(), e.description(), e.groupId(), e.position(), e.hidden()));
        } else if (event instanceof ComponentRenamed e) {
            components.computeIfPresent(
                    e.componentId(),
                    (id, c) -> new Component(id, e.name(), c.description(), c.groupId(), c.position(), c.hidden()));
        } else if (event instanceof ComponentDescribed e) {
            components.computeIfPresent(
                    e.componentId(),
                    (id, c) -> new Component(id, c.name(), e.description(), c.groupId(), c.position(), c.hidden()));
        } else if (event instanceof ComponentMovedToGroup e) {
            components.computeIfPresent(
                    e.componentId(),
                    (id, c) -> new Component(id, c.name(), c.description(), e.groupId(), e.position(), c.hidden()));
        } else if (event instanceof ComponentRemoved e) {
            components.remove(e.componentId());
        } else if (event instanceof ComponentGroupAdded e) {
            groups.put(e.groupId(), new Group(e.groupId(), e.name(), e.description(), e.position()));
        } else if (event instanceof ComponentGroupRenamed e) {
            groups.computeIfPresent(e.groupId(), (id, g) -> new Group(id, e.name(), g.description(), g.position()));
        } else if (event instanceof ComponentGroupRemoved e) {
            groups.remove(e.groupId());
            components.replaceAll((id, c) -> e.groupId().equals(c.groupId())
                    ? new Component(id, c.name(), c.description(), null, c.position(), c.hidden())
                    : c);
        } else {
            throw new IllegalArgumentException(
                    "unhandled event " + event.getClass().getName());
        }
        return new Catalogue(components, groups, s.version() + 1);
    }
}
