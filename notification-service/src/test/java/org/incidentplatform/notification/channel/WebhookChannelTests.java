package org.incidentplatform.notification.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.incidentplatform.notification.NotificationProperties;
import org.incidentplatform.notification.WebhookSink;
import org.incidentplatform.notification.events.Delivery;
import org.incidentplatform.notification.subscription.Channel;
import org.incidentplatform.notification.subscription.LinkSigner;
import org.incidentplatform.notification.subscription.Subscription;
import org.incidentplatform.notification.subscription.TargetPolicy;
import org.incidentplatform.schemas.Vocabulary.Impact;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * One event to webhook subscribers over real HTTP: an incident webhook and a webhook per changed component,
 * rendered once for all, each subscriber's with its own unsubscribe link and signature.
 */
class WebhookChannelTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant NOW = Instant.parse("2026-03-02T09:20:00Z");
    private static final URI PUBLIC_URL = URI.create("https://notify.example.com");

    private final WebhookSink sink = new WebhookSink();
    private final LinkSigner links = new LinkSigner("test-link-secret-of-at-least-32-characters");
    private final WebhookChannel channel = new WebhookChannel(
            new HttpPost(
                    new TargetPolicy(List.of("127.0.0.0/8"), java.net.InetAddress::getAllByName),
                    new NotificationProperties.Webhook(Duration.ofSeconds(3), 4, 8)),
            new StatuspagePayload.Page("incident-platform", URI.create("https://status.example.com")),
            PUBLIC_URL,
            links,
            Clock.fixed(NOW, ZoneOffset.UTC));

    WebhookChannelTests() throws Exception {}

    @AfterEach
    void stop() {
        sink.close();
    }

    @Test
    void twoSubscribers_getBodiesRenderedOnce_identicalButForTheirUnsubscribeLink_eachSignedWithItsSecret() {
        Subscription first = subscription(Set.of());
        Subscription second = subscription(Set.of());

        assertThat(channel.deliver(Deliveries.firstAttempt("event-1", first, NOW), first)
                        .delivered())
                .isTrue();
        assertThat(channel.deliver(Deliveries.firstAttempt("event-1", second, NOW), second)
                        .delivered())
                .isTrue();

        assertThat(channel.rendered.renders()).isEqualTo(1);
        List<WebhookSink.Received> toFirst = sink.receivedAt(first.target());
        List<WebhookSink.Received> toSecond = sink.receivedAt(second.target());
        assertThat(toFirst).hasSize(2);
        assertThat(toSecond).hasSize(2);
        for (int i = 0; i < 2; i++) {
            String firstLink = Links.unsubscribe(PUBLIC_URL, links, first.id());
            String secondLink = Links.unsubscribe(PUBLIC_URL, links, second.id());
            assertThat(firstLink).isNotEqualTo(secondLink);
            assertThat(toFirst.get(i).body()).contains("\"unsubscribe\":\"" + firstLink + "\"");
            assertThat(toFirst.get(i).body().replace(firstLink, secondLink))
                    .isEqualTo(toSecond.get(i).body());
            assertThat(signedBy(first, toFirst.get(i))).isTrue();
            assertThat(signedBy(second, toSecond.get(i))).isTrue();
            assertThat(signedBy(second, toFirst.get(i))).isFalse();
            assertThat(toFirst.get(i).header("webhook-signature"))
                    .isNotEqualTo(toSecond.get(i).header("webhook-signature"));
        }
    }

    @Test
    void incidentThenComponentWebhook_eachWithItsOwnId_derivedFromTheDelivery_theSameOnARetry() {
        Subscription subscription = subscription(Set.of());
        Delivery delivery = Deliveries.firstAttempt("event-1", subscription, NOW);
        String deliveryId = delivery.getDeliveryId().toString();

        channel.deliver(delivery, subscription);
        channel.deliver(delivery, subscription);

        List<WebhookSink.Received> received = sink.receivedAt(subscription.target());
        assertThat(received)
                .extracting(r -> r.header("webhook-id"))
                .containsExactly(
                        deliveryId, WebhookChannel.componentWebhookId(deliveryId, "checkout"),
                        deliveryId, WebhookChannel.componentWebhookId(deliveryId, "checkout"));
        assertThat(JSON.readTree(received.get(0).body()).has("incident")).isTrue();
        assertThat(JSON.readTree(received.get(1).body())
                        .at("/component_update/component_id")
                        .asString())
                .isEqualTo("checkout");
        assertThat(WebhookChannel.componentWebhookId(deliveryId, "checkout"))
                .isNotEqualTo(
                        WebhookChannel.componentWebhookId(UUID.randomUUID().toString(), "checkout"));
    }

    @Test
    void failedComponentWebhook_failsTheDelivery_namingTheComponent() {
        Subscription subscription = subscription(Set.of());
        sink.answer(subscription.target(), request -> request == 2 ? 500 : 204);

        AttemptResult result = channel.deliver(Deliveries.firstAttempt("event-1", subscription, NOW), subscription);

        assertThat(result.delivered()).isFalse();
        assertThat(result.httpStatus()).isEqualTo(500);
        assertThat(result.detail()).isEqualTo("component_update checkout: HTTP 500");
    }

    @Test
    void failedIncidentWebhook_endsTheAttempt_beforeAnyComponentWebhook() {
        Subscription subscription = subscription(Set.of());
        sink.answer(subscription.target(), request -> 503);

        AttemptResult result = channel.deliver(Deliveries.firstAttempt("event-1", subscription, NOW), subscription);

        assertThat(result.delivered()).isFalse();
        assertThat(result.detail()).isEqualTo("HTTP 503");
        assertThat(sink.receivedAt(subscription.target())).hasSize(1);
    }

    @Test
    void subscriberToOtherComponents_getsNoComponentWebhookForThisOne() {
        Subscription subscription = subscription(Set.of("search"));

        assertThat(channel.deliver(Deliveries.firstAttempt("event-1", subscription, NOW), subscription)
                        .delivered())
                .isTrue();

        assertThat(sink.receivedAt(subscription.target()))
                .singleElement()
                .satisfies(received -> assertThat(JSON.readTree(received.body()).has("incident"))
                        .isTrue());
    }

    @Test
    void unsubscribeLink_isSignedForThatSubscription() {
        Subscription subscription = subscription(Set.of());

        channel.deliver(Deliveries.firstAttempt("event-1", subscription, NOW), subscription);

        URI link = URI.create(
                JSON.readTree(sink.receivedAt(subscription.target()).get(0).body())
                        .at("/meta/unsubscribe")
                        .asString());
        assertThat(link.getPath()).isEqualTo("/api/v1/subscriptions/" + subscription.id() + "/unsubscribe");
        String token = link.getQuery().substring("token=".length());
        assertThat(links.verify(LinkSigner.Purpose.UNSUBSCRIBE, subscription.id(), token))
                .isTrue();
        assertThat(links.verify(LinkSigner.Purpose.UNSUBSCRIBE, "sub_other", token))
                .isFalse();
    }

    private static boolean signedBy(Subscription subscription, WebhookSink.Received received) {
        return WebhookSigner.signature(
                        subscription.secret(),
                        received.header("webhook-id"),
                        Long.parseLong(received.header("webhook-timestamp")),
                        received.body())
                .equals(received.header("webhook-signature"));
    }

    private Subscription subscription(Set<String> components) {
        String id = "sub_" + UUID.randomUUID().toString().replace("-", "");
        return new Subscription(
                id,
                Channel.WEBHOOK,
                sink.hook(),
                components,
                Impact.NONE,
                true,
                Subscription.Status.ACTIVE,
                WebhookSigner.newSecret(),
                NOW,
                NOW);
    }
}
