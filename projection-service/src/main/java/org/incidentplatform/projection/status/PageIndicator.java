package org.incidentplatform.projection.status;

import org.incidentplatform.events.Impact;
import org.incidentplatform.schemas.Vocabulary;

/**
 * The page's overall status as Statuspage spells it in {@code status.indicator} and
 * {@code status.description}. Constants are spelled as on the wire, like the Avro enums, so
 * {@code name()} is the JSON value, and each is named after the impact it stands for.
 */
public enum PageIndicator {
    none,
    minor,
    major,
    critical,
    maintenance;

    /** "All Systems Operational" … "Service Under Maintenance": the {@link Vocabulary} says it. */
    public String description() {
        return Vocabulary.Impact.fromWireValue(name()).indicatorDescription();
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
