package org.incidentplatform.incident.domain;

import java.time.Instant;

/**
 * What an admin asks of the component catalogue. Fields are taken as given so that
 * {@link CatalogueDecider} can name the field at fault.
 */
public sealed interface CatalogueCommand extends Command {

    @Override
    default <R> R dispatch(Handler<R> handler) {
        return handler.catalogue(this);
    }

    record AddComponent(
            String componentId,
            String name,
            String description,
            String groupId,
            int position,
            boolean hidden,
            Instant occurredAt)
            implements CatalogueCommand {}

    record RenameComponent(String componentId, String name, Instant occurredAt) implements CatalogueCommand {}

    /** A null or blank description clears it. */
    record DescribeComponent(String componentId, String description, Instant occurredAt) implements CatalogueCommand {}

    /** A null groupId takes the component out of any group. */
    record MoveComponentToGroup(String componentId, String groupId, int position, Instant occurredAt)
            implements CatalogueCommand {}

    /**
     * The whole editable state of a component at once, as a PUT gives it; decided into only the events
     * for what differs. A null description clears it, a null groupId ungroups, a null position keeps it.
     */
    record ReviseComponent(
            String componentId, String name, String description, String groupId, Integer position, Instant occurredAt)
            implements CatalogueCommand {}

    record RemoveComponent(String componentId, Instant occurredAt) implements CatalogueCommand {}

    record AddGroup(String groupId, String name, String description, int position, Instant occurredAt)
            implements CatalogueCommand {}

    record RenameGroup(String groupId, String name, Instant occurredAt) implements CatalogueCommand {}

    /** Its components stay in the catalogue, ungrouped. */
    record RemoveGroup(String groupId, Instant occurredAt) implements CatalogueCommand {}
}
