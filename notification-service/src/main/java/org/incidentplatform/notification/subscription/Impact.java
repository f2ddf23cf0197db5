package org.incidentplatform.notification.subscription;

import java.util.Locale;
import java.util.Optional;

/** Incident impact, in the status page's order; a subscription's minimum is one of these. */
public enum Impact {
    NONE, MINOR, MAJOR, CRITICAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The impact named by an event; maintenance (or anything else) is not an incident impact. */
    public static Optional<Impact> of(String name) {
        for (Impact impact : values()) {
            if (impact.wireName().equals(name)) {
                return Optional.of(impact);
            }
        }
        return Optional.empty();
    }
}
