package org.incidentplatform.notification.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.incidentplatform.schemas.Vocabulary.Impact;
import org.junit.jupiter.api.Test;

class PendingExpiryTests {

    private static final Instant CREATED = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration TTL = Duration.ofHours(48);
    private static final Instant DEADLINE = CREATED.plus(TTL).plus(PendingExpiry.GRACE);

    @Test
    void pendingSubscription_isDue_onlyOnceItsTimeAndTheGraceHavePassed() {
        Subscription pending = created(Channel.EMAIL);

        assertThat(PendingExpiry.due(pending, TTL, DEADLINE.minusMillis(1))).isFalse();
        assertThat(PendingExpiry.due(pending, TTL, DEADLINE)).isTrue();
    }

    @Test
    void confirmedOrUnsubscribedSubscription_isNeverDue() {
        Subscription confirmed = SubscriptionChange.evolve(
                created(Channel.EMAIL), new SubscriptionChange.Confirmed(CREATED.plusSeconds(60)));
        Subscription webhook = created(Channel.WEBHOOK);

        assertThat(PendingExpiry.due(confirmed, TTL, DEADLINE.plus(TTL))).isFalse();
        assertThat(PendingExpiry.due(webhook, TTL, DEADLINE.plus(TTL))).isFalse();
    }

    @Test
    void expiry_forgetsAPendingSubscription_leavesAnyOtherAsItIs() {
        Subscription pending = created(Channel.EMAIL);
        Subscription confirmed = SubscriptionChange.evolve(pending, new SubscriptionChange.Confirmed(CREATED));
        SubscriptionChange.Expired expired = new SubscriptionChange.Expired(DEADLINE);

        assertThat(SubscriptionChange.evolve(pending, expired)).isNull();
        assertThat(SubscriptionChange.evolve(confirmed, expired)).isEqualTo(confirmed);
        assertThat(SubscriptionChange.evolve(null, expired)).isNull();
        // A confirmation that arrives after the expiry in the log finds nothing to confirm.
        assertThat(SubscriptionChange.evolve(null, new SubscriptionChange.Confirmed(DEADLINE)))
                .isNull();
    }

    @Test
    void expiry_survivesTheRoundTripThroughItsAvroEvent() {
        SubscriptionChange.Expired expired = new SubscriptionChange.Expired(DEADLINE);

        assertThat(SubscriptionEvents.toChange(SubscriptionEvents.toEvent("sub_1", expired, "expiry")))
                .isEqualTo(expired);
    }

    private static Subscription created(Channel channel) {
        return SubscriptionChange.evolve(
                null,
                new SubscriptionChange.Created(
                        "sub_1",
                        channel,
                        channel == Channel.EMAIL ? "reader@example.test" : "https://hooks.example.test/x",
                        Set.of(),
                        Impact.NONE,
                        true,
                        null,
                        CREATED));
    }
}
