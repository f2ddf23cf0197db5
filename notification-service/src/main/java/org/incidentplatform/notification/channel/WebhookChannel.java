package org.incidentplatform.notification.channel;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.incidentplatform.notification.events.Delivery;
import org.incidentplatform.notification.subscription.Subscription;

/**
 * POSTs the Statuspage-shaped body with the Standard Webhooks headers. {@code webhook-id} is the
 * delivery id, the same on every retry, so a receiver that saw it already can ignore a repeat.
 */
public final class WebhookChannel implements DeliveryChannel {

    private final HttpPost http;
    private final URI statusPageUrl;
    private final Clock clock;

    WebhookChannel(HttpPost http, URI statusPageUrl, Clock clock) {
        this.http = http;
        this.statusPageUrl = statusPageUrl;
        this.clock = clock;
    }

    @Override
    public AttemptResult deliver(Delivery delivery, Subscription subscription) {
        Instant now = clock.instant();
        String body = StatuspagePayload.json(delivery, statusPageUrl, now);
        String id = delivery.getDeliveryId().toString();
        long timestamp = now.getEpochSecond();
        return http.post(subscription.target(), body, Map.of(
                "webhook-id", id,
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", WebhookSigner.signature(subscription.secret(), id, timestamp, body)));
    }

    @Override
    public String lane(Subscription subscription) {
        return HttpPost.lane(subscription.target());
    }
}
