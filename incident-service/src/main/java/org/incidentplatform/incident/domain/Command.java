package org.incidentplatform.incident.domain;

import java.time.Instant;

/**
 * Everything incident-service can be asked to do, in three families, one per kind of stream. A
 * command reaches the rules of its own stream by {@link #dispatch}: adding a family breaks the
 * build of every handler until it says what to do with it, and nothing is ever cast.
 */
public sealed interface Command permits IncidentCommand, MaintenanceCommand, CatalogueCommand {

    /** When it happened in the world; null until the stream's owner stamps a command given no time. */
    Instant occurredAt();

    <R> R dispatch(Handler<R> handler);

    /** What to do with a command of each family. */
    interface Handler<R> {

        R incident(IncidentCommand command);

        R maintenance(MaintenanceCommand command);

        R catalogue(CatalogueCommand command);
    }
}
