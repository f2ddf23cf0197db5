package org.incidentplatform.notification.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.incidentplatform.notification.NotificationProperties;
import org.incidentplatform.notification.WebhookSink;
import org.incidentplatform.notification.subscription.Channel;
import org.incidentplatform.notification.subscription.Subscription;
import org.incidentplatform.notification.subscription.TargetPolicy;
import org.incidentplatform.schemas.Vocabulary.Impact;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackChannelTests {

    private static final Instant NOW = Instant.parse("2026-03-02T09:20:00Z");

    private final WebhookSink sink = new WebhookSink();
    private final SlackChannel channel = new SlackChannel(
            new HttpPost(
                    new TargetPolicy(List.of("127.0.0.0/8"), InetAddress::getAllByName),
                    new NotificationProperties.Webhook(Duration.ofSeconds(3), 4, 8)),
            URI.create("https://status.example.com"));

    SlackChannelTests() throws Exception {}

    @AfterEach
    void stop() {
        sink.close();
    }

    @Test
    void oneEventToTwoChannels_isRenderedOnce_andPostedAlike() {
        Subscription first = subscription();
        Subscription second = subscription();

        assertThat(channel.deliver(Deliveries.firstAttempt("event-1", first, NOW), first)
                        .delivered())
                .isTrue();
        assertThat(channel.deliver(Deliveries.firstAttempt("event-1", second, NOW), second)
                        .delivered())
                .isTrue();
        assertThat(channel.deliver(Deliveries.firstAttempt("event-2", second, NOW), second)
                        .delivered())
                .isTrue();

        assertThat(channel.rendered.renders()).isEqualTo(2);
        assertThat(sink.receivedAt(first.target()).get(0).body())
                .isEqualTo(sink.receivedAt(second.target()).get(0).body())
                .contains("Checkout errors");
    }

    private Subscription subscription() {
        return new Subscription(
                "sub_" + UUID.randomUUID(),
                Channel.SLACK,
                sink.hook(),
                Set.of(),
                Impact.NONE,
                true,
                Subscription.Status.ACTIVE,
                null,
                NOW,
                NOW);
    }
}
