package org.incidentplatform.incident.command;

import org.incidentplatform.incident.domain.CatalogueEvent;
import org.incidentplatform.incident.domain.IncidentEvent;
import org.incidentplatform.incident.domain.MaintenanceEvent;

/** The three kinds of stream incident-service decides for; the stream id is the Kafka key. */
public enum StreamKind {
    INCIDENT, MAINTENANCE, CATALOGUE;

    /** The kind of stream a domain event belongs to. */
    static StreamKind of(Object domainEvent) {
        if (domainEvent instanceof IncidentEvent) {
            return INCIDENT;
        }
        if (domainEvent instanceof MaintenanceEvent) {
            return MAINTENANCE;
        }
        if (domainEvent instanceof CatalogueEvent) {
            return CATALOGUE;
        }
        throw new IllegalArgumentException("not a domain event: " + domainEvent);
    }
}
