package org.incidentplatform.notification.dispatch;

import java.time.Duration;
import java.util.function.DoubleSupplier;
import org.incidentplatform.notification.NotificationProperties;

/**
 * When to try again: exponential, capped, with jitter taken off the delay so that subscribers that
 * failed together spread out instead of retrying in lockstep.
 */
final class Backoff {

    private final NotificationProperties.Retry retry;
    private final DoubleSupplier random;

    Backoff(NotificationProperties.Retry retry, DoubleSupplier random) {
        this.retry = retry;
        this.random = random;
    }

    /** The wait after the given failed attempt (1-based). */
    Duration after(int attempt) {
        double exponential = retry.initial().toMillis() * Math.pow(retry.multiplier(), Math.max(0, attempt - 1));
        double capped = Math.min(exponential, retry.max().toMillis());
        double jittered = capped * (1.0 - retry.jitter() * random.getAsDouble());
        return Duration.ofMillis(Math.max(1, Math.round(jittered)));
    }

    /** Parked instead of retried: out of attempts, or older than the age limit. */
    boolean exhausted(int attemptsMade, Duration age) {
        return attemptsMade >= retry.maxAttempts() || age.compareTo(retry.maxAge()) >= 0;
    }
}
