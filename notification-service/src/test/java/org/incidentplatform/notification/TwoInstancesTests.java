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
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/** Two instances share the delivery work by partition, and still tell each subscriber once. */
@ExtendWith(LocalPlatformExtension.class)
class TwoInstancesTests {

    private static final int SUBSCRIBERS = 30;

    private final GivenEvents given = GivenEvents.happeningNow();

    @Test
    void twoInstances_shareTheDeliveries_andTellEachSubscriberOnce() throws Exception {
        IncidentLog.createTopics();
        String component = "component-" + UUID.randomUUID();
        Map<String, Object> oneConsumerEach = Map.of("notification-service.dispatch-consumers", 1);
        try (WebhookSink sink = new WebhookSink();
                IncidentLog incidents = new IncidentLog();
                NotificationInstance first =
                        NotificationInstance.start(NotificationInstance.newStateDir(), oneConsumerEach);
                NotificationInstance second =
                        NotificationInstance.start(NotificationInstance.newStateDir(), oneConsumerEach)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !assigned(first).isEmpty() && !assigned(second).isEmpty());
            assertThat(assigned(first)).doesNotContainAnyElementsOf(assigned(second));
            List<String> hooks = new ArrayList<>();
            for (int i = 0; i < SUBSCRIBERS; i++) {
                String hook = sink.hook();
                (i % 2 == 0 ? first : second).subscribeWebhook(hook, component);
                hooks.add(hook);
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> first.get("/api/v1/subscriptions", true).body().size() >= SUBSCRIBERS
                            && second.get("/api/v1/subscriptions", true).body().size() >= SUBSCRIBERS);

            incidents.append(given.declared(
                            "inc-" + UUID.randomUUID(), "Shared work", Impact.major, Map.of(component, partial_outage))
                    .event());

            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            hooks.stream().allMatch(h -> !sink.receivedAt(h).isEmpty()));
            await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
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

    private static List<Integer> assigned(NotificationInstance instance) {
        var container =
                instance.context().getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("dispatch");
        var partitions = container == null ? null : container.getAssignedPartitions();
        return partitions == null
                ? List.of()
                : partitions.stream().map(p -> p.partition()).toList();
    }
}
