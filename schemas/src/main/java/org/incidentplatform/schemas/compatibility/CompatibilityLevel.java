package org.incidentplatform.schemas.compatibility;

import java.util.Locale;

/** Compatibility levels with Confluent Schema Registry's names and meaning. */
public enum CompatibilityLevel {
    NONE,
    BACKWARD,
    BACKWARD_TRANSITIVE,
    FORWARD,
    FORWARD_TRANSITIVE,
    FULL,
    FULL_TRANSITIVE;

    /** Whether a new schema is checked against every earlier version, or only the latest. */
    public boolean transitive() {
        return name().endsWith("_TRANSITIVE");
    }

    /** The new schema must read data written with the earlier one. */
    boolean newReadsOld() {
        return this == BACKWARD || this == BACKWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
    }

    /** The earlier schema must read data written with the new one. */
    boolean oldReadsNew() {
        return this == FORWARD || this == FORWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
    }

    public static CompatibilityLevel parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown compatibility level '" + value + "'", e);
        }
    }
}
