package org.incidentplatform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.incidentplatform.events.ComponentStatus.partial_outage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.incidentplatform.events.Impact;
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A restart in the middle of telling many subscribers neither loses nor repeats a notification. */
@ExtendWith(LocalPlatformExtension.class)
class RestartTests {

    private static final int SUBSCRIBERS = 40;

    /** Small polls through a slow endpoint, so that a restart lands between polls with work left. */
    private static final Map<String, Object> SLOW_AND_SMALL = Map.of(
            "spring.kafka.consumer.max-poll-records", 4,
            "notification-service.webhook.per-host-concurrency", 2,
            "notification-service.dispatch-consumers", 1);

    private final GivenEvents given = GivenEvents.happeningNow();

    @Test
    void restartMidFanOut_notifiesEachSubscriberExactlyOnce() throws Exception {
        IncidentLog.createTopics();
        String component = "component-" + UUID.randomUUID();
        String stateDir = NotificationInstance.newStateDir();
        try (WebhookSink sink = new WebhookSink();
                IncidentLog incidents = new IncidentLog()) {
            sink.delayEachResponse(Duration.ofMillis(150));
            List<String> hooks = new ArrayList<>();
            NotificationInstance first = NotificationInstance.start(stateDir, SLOW_AND_SMALL);
            try {
                String probe = sink.hook();
                first.subscribeWebhook(probe, component);
                for (int i = 0; i < SUBSCRIBERS - 1; i++) {
                    String hook = sink.hook();
                    first.subscribeWebhook(hook, component);
                    hooks.add(hook);
                }
                hooks.add(probe);
                incidents.append(given.declared(
                                "inc-" + UUID.randomUUID(),
                                "Payments failing",
                                Impact.major,
                                Map.of(component, partial_outage))
                        .event());
                await().atMost(Duration.ofSeconds(30)).until(() -> delivered(sink, hooks) >= 6);
            } finally {
                first.close();
            }
            assertThat(delivered(sink, hooks))
                    .as("the first instance stopped with work left")
                    .isLessThan(SUBSCRIBERS);

            try (NotificationInstance second = NotificationInstance.start(stateDir, SLOW_AND_SMALL)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> delivered(sink, hooks) == SUBSCRIBERS);
                await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
            }
            for (String hook : hooks) {
                // The incident webhook and the one of the component it changed, each once.
                assertThat(sink.receivedAt(hook))
                        .as("requests to %s", hook)
                        .hasSize(2)
                        .extracting(received -> received.header("webhook-id"))
                        .doesNotHaveDuplicates();
            }
        }
    }

    private static long delivered(WebhookSink sink, List<String> hooks) {
        return hooks.stream().filter(hook -> !sink.receivedAt(hook).isEmpty()).count();
    }
}
