package org.incidentplatform.incident.domain;

import java.util.Locale;

/**
 * How badly an incident or maintenance affects users; {@link #MAINTENANCE} is for maintenances only.
 * Wire values are the constants in lower case, as in the Avro schema and the HTTP API.
 */
public enum Impact {
    NONE,
    MINOR,
    MAJOR,
    CRITICAL,
    MAINTENANCE;

    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a value that is not one of this enum's wire values */
    public static Impact fromWireValue(String value) {
        for (Impact candidate : values()) {
            if (candidate.wireValue().equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown Impact '" + value + "'");
    }
}
