package org.incidentplatform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.incidentplatform.events.ComponentStatus.partial_outage;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.incidentplatform.events.Impact;
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.incidentplatform.local.junit.RegistryProxy;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The schema registry stops answering schema look-ups (503) just as an incident is declared, on an
 * instance that has not read that schema yet: nothing is skipped or dead-lettered for it, health
 * says the fan-out waits, and once the registry answers the subscriber is told.
 */
@ExtendWith(LocalPlatformExtension.class)
class RegistryBlipTests {

    private final GivenEvents given = GivenEvents.happeningNow();

    @Test
    void aRegistryThatIsBrieflyAway_delaysTheNotice_butLosesNothing() throws Exception {
        IncidentLog.createTopics();
        try (RegistryProxy registry = new RegistryProxy(LocalPlatformExtension.schemaRegistryUrl());
                WebhookSink sink = new WebhookSink();
                IncidentLog incidents = new IncidentLog();
                NotificationInstance service = NotificationInstance.start(
                        NotificationInstance.newStateDir(), Map.of("platform.schema-registry-url", registry.url()))) {
            String component = "component-" + UUID.randomUUID();
            String hook = sink.hook();
            service.subscribeWebhook(hook, component);

            registry.away.set(true);
            String incident = "inc-" + UUID.randomUUID();
            incidents.append(
                    given.declared(incident, "Checkout errors", Impact.major, Map.of(component, partial_outage))
                            .event());

            await().atMost(Duration.ofSeconds(30)).until(() -> registry.refused.get() >= 3);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(service.get("/actuator/health", true)
                                    .body()
                                    .at("/components/fanOutStreams/details")
                                    .has("waitingForSchemaRegistrySince"))
                            .isTrue());
            assertThat(sink.receivedAt(hook)).isEmpty();

            registry.away.set(false);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> sink.incidentsAt(hook).size() == 1);
            assertThat(NotificationInstance.JSON
                            .readTree(sink.incidentsAt(hook).get(0).body())
                            .at("/incident/id")
                            .asText())
                    .isEqualTo(incident);
            MeterRegistry metrics = service.context().getBean(MeterRegistry.class);
            assertThat(metrics.find("notification.unreadable.events").counters())
                    .as("nothing skipped")
                    .isEmpty();
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(service.get("/actuator/health", true)
                                    .body()
                                    .at("/components/fanOutStreams/details")
                                    .has("waitingForSchemaRegistrySince"))
                            .isFalse());
        }
    }
}
