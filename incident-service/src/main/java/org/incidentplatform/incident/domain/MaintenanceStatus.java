package org.incidentplatform.incident.domain;

import java.util.Locale;

/**
 * Status of a scheduled maintenance; {@link #CANCELLED} ends one that will not complete.
 * Wire values are the constants in lower case, as in the Avro schema and the HTTP API.
 */
public enum MaintenanceStatus {
    SCHEDULED,
    IN_PROGRESS,
    VERIFYING,
    COMPLETED,
    CANCELLED;

    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a value that is not one of this enum's wire values */
    public static MaintenanceStatus fromWireValue(String value) {
        for (MaintenanceStatus candidate : values()) {
            if (candidate.wireValue().equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown MaintenanceStatus '" + value + "'");
    }
}
