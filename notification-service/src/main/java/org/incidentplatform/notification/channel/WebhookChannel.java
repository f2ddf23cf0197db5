package org.incidentplatform.notification.channel;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.incidentplatform.notification.events.Delivery;
import org.incidentplatform.notification.subscription.LinkSigner;
import org.incidentplatform.notification.subscription.Subscription;

/**
 * POSTs an event's Statuspage-shaped webhooks (see {@link StatuspagePayload}), each with the Standard Webhooks
 * headers: the {@code incident} webhook, then one {@code component_update} webhook per changed component the
 * subscription follows. A delivery is delivered when every POST is; the first failure ends the attempt, and a
 * retry sends them all again. Each webhook's {@code webhook-id} is derived from the delivery id alone (the
 * delivery id itself for the incident, a name-based UUID of delivery and component id for a component), so a
 * retry repeats the ids and a receiver can drop what it has seen. The bodies are rendered once per event; only
 * the unsubscribe link and the signature are each subscriber's own.
 */
public final class WebhookChannel implements DeliveryChannel {

    /** Events whose bodies are kept for their later deliveries: well above the events in flight at once. */
    static final int RENDERED_EVENTS = 256;

    private final HttpPost http;
    private final StatuspagePayload.Page page;
    private final URI publicUrl;
    private final LinkSigner links;
    private final Clock clock;
    final RenderedBodies<StatuspagePayload.Webhooks> rendered = new RenderedBodies<>(RENDERED_EVENTS);

    WebhookChannel(HttpPost http, StatuspagePayload.Page page, URI publicUrl, LinkSigner links, Clock clock) {
        this.http = http;
        this.page = page;
        this.publicUrl = publicUrl;
        this.links = links;
        this.clock = clock;
    }

    @Override
    public AttemptResult deliver(Delivery delivery, Subscription subscription) {
        StatuspagePayload.Webhooks webhooks = rendered.of(
                delivery.getEventId(),
                () -> StatuspagePayload.render(delivery.getNotice(), delivery.getEventId(), page, clock.instant()));
        String unsubscribe = Links.unsubscribe(publicUrl, links, subscription.id());
        String deliveryId = delivery.getDeliveryId().toString();
        AttemptResult result =
                post(subscription, deliveryId, webhooks.incident().forSubscriber(unsubscribe));
        long latency = result.latencyMillis();
        for (Map.Entry<String, BodyTemplate> component : webhooks.components().entrySet()) {
            if (!result.delivered()) {
                break;
            }
            if (!subscription.components().isEmpty()
                    && !subscription.components().contains(component.getKey())) {
                continue;
            }
            result = post(
                    subscription,
                    componentWebhookId(deliveryId, component.getKey()),
                    component.getValue().forSubscriber(unsubscribe));
            latency += result.latencyMillis();
            if (!result.delivered()) {
                result = new AttemptResult(
                        false,
                        result.httpStatus(),
                        "component_update " + component.getKey() + ": " + result.detail(),
                        0);
            }
        }
        return new AttemptResult(result.delivered(), result.httpStatus(), result.detail(), latency);
    }

    /** The {@code webhook-id} of one component's webhook of a delivery: the same on every retry. */
    static String componentWebhookId(String deliveryId, String componentId) {
        return UUID.nameUUIDFromBytes((deliveryId + '\n' + componentId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private AttemptResult post(Subscription subscription, String webhookId, String body) {
        long timestamp = clock.instant().getEpochSecond();
        return http.post(
                subscription.target(),
                body,
                Map.of(
                        "webhook-id", webhookId,
                        "webhook-timestamp", Long.toString(timestamp),
                        "webhook-signature",
                                WebhookSigner.signature(subscription.secret(), webhookId, timestamp, body)));
    }

    @Override
    public String lane(Subscription subscription) {
        return HttpPost.lane(subscription.target());
    }
}
