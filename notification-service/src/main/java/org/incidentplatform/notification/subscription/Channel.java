package org.incidentplatform.notification.subscription;

import java.util.Locale;

/** How a subscriber is told. */
public enum Channel {
    EMAIL,
    WEBHOOK,
    SLACK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
