package org.incidentplatform.notification.channel;

import java.time.Instant;
import java.util.UUID;
import org.incidentplatform.notification.events.Delivery;
import org.incidentplatform.notification.subscription.Subscription;

/** What the dispatcher hands a channel in these tests: the first attempt of one event's notice to one subscription. */
final class Deliveries {

    private Deliveries() {}

    /** The {@link StatuspageContractTests#monitoring()} notice of the event, due and requested at {@code now}. */
    static Delivery firstAttempt(String eventId, Subscription subscription, Instant now) {
        return Delivery.newBuilder()
                .setDeliveryId(UUID.nameUUIDFromBytes((eventId + subscription.id()).getBytes()))
                .setSubscriptionId(subscription.id())
                .setEventId(eventId)
                .setAttempt(0)
                .setRequestedAt(now)
                .setEventRecordedAt(now)
                .setDueAt(now)
                .setNotice(StatuspageContractTests.monitoring())
                .build();
    }
}
