package org.incidentplatform.projection.statuspage;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How public reads (the Statuspage API and the HTML pages) are served.
 *
 * @param readYourWritesTimeout    longest a read carrying {@code X-Await-Version} waits for the projection
 *                                 to reach that version before answering anyway; at most
 *                                 {@value #LONGEST_WAIT_SECONDS}s, because every waiting read holds a
 *                                 connection (not a thread)
 * @param readYourWritesMaxWaiters how many such reads may wait at once; beyond it a read answers at once
 *                                 with {@code X-Awaited-Version: timeout}, so strangers cannot pile up
 *                                 connections and memory; 1 to {@value #MOST_WAITERS}
 * @param cacheMaxAge           {@code Cache-Control: public, max-age} of successful answers: how stale
 *                              a browser or CDN copy may be; at most an hour, a status page must move
 */
@ConfigurationProperties("projection-service")
@Validated
public record PublicReadProperties(
        @DefaultValue("5s") @NotNull(message = "projection-service.read-your-writes-timeout must be set")
        Duration readYourWritesTimeout,

        @DefaultValue("1000")
        @Min(
                value = 1,
                message = "projection-service.read-your-writes-max-waiters must be between 1 and " + MOST_WAITERS)
        @Max(
                value = MOST_WAITERS,
                message = "projection-service.read-your-writes-max-waiters must be between 1 and " + MOST_WAITERS)
        int readYourWritesMaxWaiters,

        @DefaultValue("10s") @NotNull(message = "projection-service.cache-max-age must be set")
        Duration cacheMaxAge) {

    static final long LONGEST_WAIT_SECONDS = 30;
    static final int MOST_WAITERS = 100_000;

    @AssertTrue(
            message =
                    "projection-service.read-your-writes-timeout must be between 1ms and " + LONGEST_WAIT_SECONDS + "s")
    public boolean isReadYourWritesTimeoutWithinBounds() {
        return readYourWritesTimeout == null
                || (readYourWritesTimeout.toMillis() >= 1
                        && readYourWritesTimeout.compareTo(Duration.ofSeconds(LONGEST_WAIT_SECONDS)) <= 0);
    }

    @AssertTrue(message = "projection-service.cache-max-age must be between 0s and 1h")
    public boolean isCacheMaxAgeWithinBounds() {
        return cacheMaxAge == null || (!cacheMaxAge.isNegative() && cacheMaxAge.compareTo(Duration.ofHours(1)) <= 0);
    }
}
