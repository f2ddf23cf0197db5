package org.incidentplatform.notification.channel;

import org.incidentplatform.notification.events.Delivery;
import org.incidentplatform.notification.subscription.Subscription;

/** One way of telling a subscriber. Implementations block for at most their timeout. */
public sealed interface DeliveryChannel permits WebhookChannel, SlackChannel, EmailChannel {

    AttemptResult deliver(Delivery delivery, Subscription subscription);

    /** What deliveries share a concurrency limit by: the target host, or the mail relay. */
    String lane(Subscription subscription);
}
