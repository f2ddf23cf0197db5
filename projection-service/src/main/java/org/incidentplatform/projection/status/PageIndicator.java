package org.incidentplatform.projection.status;

import org.incidentplatform.events.Impact;

/**
 * The page's overall status as Statuspage spells it in {@code status.indicator} and
 * {@code status.description}. Constants are spelled as on the wire, like the Avro enums, so
 * {@code name()} is the JSON value.
 */
public enum PageIndicator {
    none("All Systems Operational"),
    minor("Minor Service Outage"),
    major("Partial System Outage"),
    critical("Major System Outage"),
    maintenance("Service Under Maintenance");

    private final String description;

    PageIndicator(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The indicator an unresolved incident of this impact asks for; maintenance is not an incident impact. */
    static PageIndicator ofIncidentImpact(Impact impact) {
        return switch (impact) {
            case none, maintenance -> none;
            case minor -> minor;
            case major -> major;
            case critical -> critical;
        };
    }
}
