package org.incidentplatform.incident.domain;

import java.util.Locale;

/**
 * Status of one component.
 * Wire values are the constants in lower case, as in the Avro schema and the HTTP API.
 */
public enum ComponentStatus {
    OPERATIONAL,
    DEGRADED_PERFORMANCE,
    PARTIAL_OUTAGE,
    MAJOR_OUTAGE,
    UNDER_MAINTENANCE;

    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a value that is not one of this enum's wire values */
    public static ComponentStatus fromWireValue(String value) {
        for (ComponentStatus candidate : values()) {
            if (candidate.wireValue().equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown ComponentStatus '" + value + "'");
    }
}
