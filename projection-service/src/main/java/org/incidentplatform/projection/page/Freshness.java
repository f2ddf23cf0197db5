package org.incidentplatform.projection.page;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How current the page is: when this instance last knew it had the whole log, and whether that is so
 * long ago that readers must be warned (the log is unreachable, and what they see may have changed).
 *
 * @param dataAsOf to the minute, as shown
 */
public record Freshness(Instant dataAsOf, boolean stale) {

    /** Longer than a healthy follower ever goes without confirming it is current. */
    static final Duration STALE_AFTER = Duration.ofMinutes(2);

    static Freshness of(Instant dataAsOf, Clock clock) {
        boolean stale = Duration.between(dataAsOf, clock.instant()).compareTo(STALE_AFTER) > 0;
        return new Freshness(dataAsOf.truncatedTo(ChronoUnit.MINUTES), stale);
    }
}
