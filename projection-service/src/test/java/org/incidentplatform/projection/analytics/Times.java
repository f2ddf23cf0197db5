package org.incidentplatform.projection.analytics;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Times as the analytics API is given them. */
final class Times {

    private Times() {}

    /** An instant as posted: ISO-8601 with {@code Z} or any offset. */
    static Instant t(String posted) {
        return OffsetDateTime.parse(posted).toInstant();
    }
}
