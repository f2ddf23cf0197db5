package org.incidentplatform.notification.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.incidentplatform.notification.NotificationTopics;
import org.incidentplatform.notification.events.AttemptOutcome;
import org.incidentplatform.notification.events.DeliveryAttempt;
import org.junit.jupiter.api.Test;

/** The delivery log as a read model: given attempts, what it answers, page by page, and what it forgets. */
class DeliveryLogTests {

    private static final Instant T0 = Instant.parse("2026-03-02T09:15:00Z");

    private final MovableClock clock = new MovableClock(T0);
    private final DeliveryLog log = new DeliveryLog(clock);

    @Test
    void pagesFollowOneAnother_inTheOrderOfTheFirstAttempt_withoutGapOrRepeat() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            log.apply(attempt(id, "sub-" + (i % 3), T0.plusSeconds(i), AttemptOutcome.delivered));
        }

        List<String> read = new ArrayList<>();
        DeliveryLog.Cursor after = null;
        int pages = 0;
        do {
            DeliveryLog.Page page = log.query(null, null, null, after, 10);
            page.entries().forEach(entry -> read.add(entry.deliveryId()));
            after = page.next();
            pages++;
        } while (after != null);

        assertThat(read).containsExactlyElementsOf(ids);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void filtersApplyBeforeTheLimit() {
        for (int i = 0; i < 30; i++) {
            log.apply(attempt(
                    UUID.randomUUID().toString(),
                    "sub-" + (i % 3),
                    T0.plusSeconds(i),
                    i % 2 == 0 ? AttemptOutcome.delivered : AttemptOutcome.parked));
        }

        DeliveryLog.Page page = log.query(null, "sub-1", DeliveryLog.Status.PARKED, null, 100);

        assertThat(page.entries())
                .hasSize(5)
                .allSatisfy(entry -> assertThat(entry.subscriptionId()).isEqualTo("sub-1"))
                .allSatisfy(entry -> assertThat(entry.status()).isEqualTo(DeliveryLog.Status.PARKED));
        assertThat(page.next()).isNull();
    }

    @Test
    void aDeliveryRetried_staysWhereItsFirstAttemptPutIt_withEveryAttempt() {
        log.apply(attempt("d-1", "sub-1", T0, AttemptOutcome.failed));
        log.apply(attempt("d-2", "sub-1", T0.plusSeconds(1), AttemptOutcome.delivered));
        log.apply(attempt("d-1", "sub-1", T0.plusSeconds(60), AttemptOutcome.delivered));

        List<DeliveryLog.Entry> entries = log.query(null, null, null, null, 10).entries();

        assertThat(entries).extracting(DeliveryLog.Entry::deliveryId).containsExactly("d-1", "d-2");
        assertThat(entries.get(0).attempts()).hasSize(2);
        assertThat(entries.get(0).status()).isEqualTo(DeliveryLog.Status.DELIVERED);
        assertThat(log.settled("d-1")).isTrue();
    }

    @Test
    void deliveriesOlderThanTheTopicsRetention_areForgotten_theRecentOnesKept() {
        log.apply(attempt("old", "sub-1", T0, AttemptOutcome.delivered));
        clock.now = T0.plus(NotificationTopics.DELIVERY_LOG_RETENTION).plus(Duration.ofHours(1));
        log.apply(attempt("recent", "sub-1", clock.now, AttemptOutcome.delivered));

        assertThat(log.size()).isEqualTo(1);
        assertThat(log.query(null, null, null, null, 10).entries())
                .extracting(DeliveryLog.Entry::deliveryId)
                .containsExactly("recent");
        assertThat(log.settled("old")).isFalse();
    }

    @Test
    void cursorsRoundTripThroughTheirText_andNonsenseIsRefused() {
        DeliveryLog.Cursor cursor = new DeliveryLog.Cursor(T0.toEpochMilli(), "d-1.with.dots");

        assertThat(DeliveryLog.Cursor.parse(cursor.toString())).isEqualTo(cursor);
        assertThat(List.of("", ".", "12.", "abc.d", "d-1"))
                .allSatisfy(text -> assertThat(
                                org.assertj.core.api.Assertions.catchThrowable(() -> DeliveryLog.Cursor.parse(text)))
                        .isInstanceOf(IllegalArgumentException.class));
    }

    private static DeliveryAttempt attempt(
            String deliveryId, String subscriptionId, Instant at, AttemptOutcome outcome) {
        return DeliveryAttempt.newBuilder()
                .setAttemptId(UUID.randomUUID())
                .setDeliveryId(deliveryId)
                .setSubscriptionId(subscriptionId)
                .setIncidentId("inc-1")
                .setEventId("event-1")
                .setChannel("webhook")
                .setAttempt(1)
                .setAt(at)
                .setOutcome(outcome)
                .setLatencyMillis(3)
                .setEventRecordedAt(at)
                .build();
    }

    private static final class MovableClock extends Clock {

        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
