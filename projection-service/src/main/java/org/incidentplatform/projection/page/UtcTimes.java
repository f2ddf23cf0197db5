package org.incidentplatform.projection.page;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Times as the page shows them: in UTC, said so, to the minute; and machine-readable for
 * {@code <time datetime>}. The page is the same for every reader, so it is never in a reader's
 * zone. Templates reach it as {@code times}.
 */
public final class UtcTimes {

    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern(
                    "MMM d, yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);

    /** For {@code datetime}: ISO-8601 with {@code Z}, to the second. */
    public String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public String iso(LocalDate day) {
        return day.toString();
    }

    public String text(Instant instant) {
        return MOMENT.format(instant);
    }

    public String text(LocalDate day) {
        return DAY.format(day);
    }
}
