package org.incidentplatform.notification.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.incidentplatform.notification.NotificationProperties;
import org.incidentplatform.notification.subscription.Subscription;
import org.junit.jupiter.api.Test;

/** What the dispatcher does with a delivery: given its state and its subscription's, the decision. */
class DeliveryPolicyTests {

    private static final Instant NOW = Instant.parse("2026-03-02T09:15:00Z");
    private static final NotificationProperties.Retry RETRY = new NotificationProperties.Retry(
            Duration.ofSeconds(30), Duration.ofHours(1), 2.0, 0.0, 12, Duration.ofHours(24));
    private static final Duration QUARANTINE_AFTER = Duration.ofHours(1);

    private final DeliveryPolicy policy = new DeliveryPolicy(new Backoff(RETRY, () -> 0.5), QUARANTINE_AFTER);

    @Test
    void aNewDeliveryToAnActiveSubscription_isSent() {
        assertThat(policy.before(Subscription.Status.ACTIVE, false, 0, 0).action())
                .isEqualTo(DeliveryPolicy.Action.SEND);
    }

    @Test
    void aSettledDelivery_isNeverSentAgain_whateverTheSubscription() {
        for (Subscription.Status status : Subscription.Status.values()) {
            assertThat(policy.before(status, true, 1, 0).action())
                    .as(status.name())
                    .isEqualTo(DeliveryPolicy.Action.DROP);
        }
    }

    @Test
    void aHandedOverRecord_whoseAttemptWasRecordedSince_isDropped() {
        assertThat(policy.before(Subscription.Status.ACTIVE, false, 2, 1).action())
                .isEqualTo(DeliveryPolicy.Action.DROP);
        assertThat(policy.before(Subscription.Status.ACTIVE, false, 2, 2).action())
                .isEqualTo(DeliveryPolicy.Action.SEND);
    }

    @Test
    void unsubscribedOrUnconfirmed_isSkippedAndSaysWhy_quarantined_isParked() {
        assertThat(policy.before(Subscription.Status.UNSUBSCRIBED, false, 0, 0))
                .isEqualTo(
                        new DeliveryPolicy.Before(DeliveryPolicy.Action.SKIP, "subscription unsubscribed: not sent"));
        assertThat(policy.before(Subscription.Status.PENDING, false, 0, 0).action())
                .isEqualTo(DeliveryPolicy.Action.SKIP);
        assertThat(policy.before(Subscription.Status.QUARANTINED, false, 0, 0))
                .isEqualTo(new DeliveryPolicy.Before(DeliveryPolicy.Action.PARK, "subscription quarantined: not sent"));
    }

    @Test
    void aFailedAttempt_isRetriedAfterTheBackoff_growingWithEachAttempt() {
        DeliveryPolicy.AfterFailure first = policy.afterFailure(1, Duration.ZERO, NOW);
        DeliveryPolicy.AfterFailure third = policy.afterFailure(3, Duration.ofMinutes(3), NOW);

        assertThat(first).isEqualTo(new DeliveryPolicy.AfterFailure(false, NOW.plusSeconds(30)));
        assertThat(third).isEqualTo(new DeliveryPolicy.AfterFailure(false, NOW.plusSeconds(120)));
    }

    @Test
    void outOfAttemptsOrTooOld_isParked() {
        assertThat(policy.afterFailure(12, Duration.ofHours(5), NOW).park()).isTrue();
        assertThat(policy.afterFailure(3, Duration.ofHours(24), NOW).park()).isTrue();
        assertThat(policy.afterFailure(11, Duration.ofHours(23), NOW).park()).isFalse();
    }

    @Test
    void aSubscriptionFailingForTheWholeQuarantinePeriod_isQuarantined_once() {
        Instant failingSince = NOW.minus(QUARANTINE_AFTER);

        assertThat(policy.quarantine(failingSince, null, null, NOW)).hasValue(failingSince);
        assertThat(policy.quarantine(failingSince, null, NOW.minusSeconds(5), NOW))
                .as("asked already")
                .isEmpty();
        assertThat(policy.quarantine(NOW.minus(QUARANTINE_AFTER).plusSeconds(1), null, null, NOW))
                .isEmpty();
        assertThat(policy.quarantine(null, null, null, NOW)).as("first failure").isEmpty();
    }

    @Test
    void failuresBeforeTheLastReenabling_doNotCount_andAnOldRequestDoesNotBlockANewQuarantine() {
        Instant reenabled = NOW.minusSeconds(600);
        Instant failingSince = NOW.minus(Duration.ofDays(2));

        assertThat(policy.quarantine(failingSince, reenabled, null, NOW)).isEmpty();
        assertThat(policy.quarantine(failingSince, reenabled, null, reenabled.plus(QUARANTINE_AFTER)))
                .as("counted from the re-enabling")
                .hasValue(reenabled);
        assertThat(policy.quarantine(
                        failingSince, reenabled, reenabled.minusSeconds(60), reenabled.plus(QUARANTINE_AFTER)))
                .as("requested before the re-enabling")
                .hasValue(reenabled);
    }
}
