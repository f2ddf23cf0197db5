package org.incidentplatform.incident.domain;

import java.util.Locale;

/**
 * Status of an incident as a status page shows it, in the order an incident moves through them.
 * Wire values are the constants in lower case, as in the Avro schema and the HTTP API.
 */
public enum IncidentStatus {
    INVESTIGATING,
    IDENTIFIED,
    MONITORING,
    RESOLVED,
    POSTMORTEM;

    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a value that is not one of this enum's wire values */
    public static IncidentStatus fromWireValue(String value) {
        for (IncidentStatus candidate : values()) {
            if (candidate.wireValue().equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown IncidentStatus '" + value + "'");
    }
}
