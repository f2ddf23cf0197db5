package org.incidentplatform.notification.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.incidentplatform.notification.subscription.Subscription;

/**
 * What the dispatcher does with one delivery, decided in plain Java: before an attempt (send it, or
 * not and why), after a failed one (retry when, or park), and whether a failing subscription is
 * quarantined. The dispatcher carries the decisions out; the tests read as given/when/then.
 */
final class DeliveryPolicy {

    private final Backoff backoff;
    private final Duration quarantineAfter;

    DeliveryPolicy(Backoff backoff, Duration quarantineAfter) {
        this.backoff = backoff;
        this.quarantineAfter = quarantineAfter;
    }

    /** What to do before an attempt. */
    enum Action {
        /** Send it now. */
        SEND,
        /** Nothing to do and nothing to record: settled already, or an older record of a delivery attempted since. */
        DROP,
        /** Not sent, recorded as skipped: the subscription no longer receives. */
        SKIP,
        /** Not sent, parked: the subscription is quarantined. */
        PARK
    }

    /** The action before an attempt, and why. */
    record Before(Action action, String detail) {}

    /** After a failed attempt: parked, or retried at {@code retryAt}. */
    record AfterFailure(boolean park, Instant retryAt) {}

    /**
     * @param settled        the delivery log has it delivered, parked or skipped
     * @param attemptsMade   attempts the delivery log has recorded for it
     * @param attemptOfRecord attempts made when this record was written
     */
    Before before(Subscription.Status status, boolean settled, int attemptsMade, int attemptOfRecord) {
        if (settled) {
            return new Before(Action.DROP, "settled already");
        }
        if (attemptsMade > attemptOfRecord) {
            // A record written before an attempt that has since been recorded (a deferral read after that attempt,
            // or a record read again after a crash); that attempt's own retry, if any, follows.
            return new Before(Action.DROP, "superseded: " + attemptsMade + " attempt(s) recorded");
        }
        return switch (status) {
            case UNSUBSCRIBED, PENDING ->
                new Before(Action.SKIP, "subscription " + status.name().toLowerCase(Locale.ROOT) + ": not sent");
            case QUARANTINED -> new Before(Action.PARK, "subscription quarantined: not sent");
            case ACTIVE -> new Before(Action.SEND, null);
        };
    }

    /**
     * @param attempt the attempt that failed, 1-based
     * @param age     since the fan-out decided the delivery
     */
    AfterFailure afterFailure(int attempt, Duration age, Instant now) {
        if (backoff.exhausted(attempt, age)) {
            return new AfterFailure(true, null);
        }
        return new AfterFailure(false, now.plus(backoff.after(attempt)));
    }

    /**
     * Whether a subscription that just failed is quarantined: failing without a single success for at
     * least the quarantine period, counted from its last re-enabling if that came later, and not
     * already asked for since then.
     *
     * @param failingSince the start of its unbroken run of failures, null when this is the first
     * @param requested    when this instance last asked for its quarantine, or null
     * @return the start of the run of failures that quarantines it (from the re-enabling, if later), or empty
     */
    Optional<Instant> quarantine(Instant failingSince, Instant receivingSince, Instant requested, Instant now) {
        Instant since = failingSince == null ? now : failingSince;
        if (receivingSince != null && since.isBefore(receivingSince)) {
            since = receivingSince;
        }
        if (Duration.between(since, now).compareTo(quarantineAfter) < 0) {
            return Optional.empty();
        }
        boolean askedAlready = requested != null && (receivingSince == null || requested.isAfter(receivingSince));
        return askedAlready ? Optional.empty() : Optional.of(since);
    }
}
