package org.incidentplatform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.incidentplatform.events.ComponentStatus.partial_outage;
import static org.incidentplatform.events.IncidentStatus.identified;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.incidentplatform.notification.dispatch.DeliveryIds;
import org.incidentplatform.notification.events.Delivery;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.schemas.given.GivenEvents;
import org.incidentplatform.schemas.serde.AvroDeserializer;
import org.incidentplatform.schemas.serde.AvroSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The whole service on a real broker and registry, delivering to a real HTTP server on loopback:
 * incident events go in at incident-events, webhooks come out.
 */
@ExtendWith(LocalPlatformExtension.class)
class NotificationPipelineTests {

    private static final String DISPATCHER = "org.incidentplatform.notification.dispatch.Dispatcher";
    private static final String FAN_OUT = "org.incidentplatform.notification.fanout.FanOutProcessor";

    private static WebhookSink sink;
    private static IncidentLog incidents;
    private static NotificationInstance service;

    private final GivenEvents given = GivenEvents.happeningNow();

    @BeforeAll
    static void start() throws Exception {
        IncidentLog.createTopics();
        sink = new WebhookSink();
        incidents = new IncidentLog();
        service = NotificationInstance.start(
                NotificationInstance.newStateDir(), Map.of("notification-service.quarantine-after", "2s"));
    }

    @AfterAll
    static void stop() {
        service.close();
        incidents.close();
        sink.close();
    }

    @Test
    void declaredIncident_reachesWebhook_inStatuspageShape_signedVerifiably() {
        String component = component();
        incidents.append(given.catalogue()
                .componentAdded(component, "Checkout API", null, 0)
                .event());
        String hook = sink.hook();
        JsonNode subscription = service.subscribeWebhook(hook, component);
        String incident = "inc-" + UUID.randomUUID();

        IncidentEvent declared = awaitSubscribed(hook, subscription, incident, component);
        await().atMost(Duration.ofSeconds(30)).until(() -> sink.receivedAt(hook).size() == 2);

        WebhookSink.Received received = sink.receivedAt(hook).get(0);
        String webhookId = received.header("webhook-id");
        assertThat(webhookId)
                .isEqualTo(DeliveryIds.of(
                                declared.getEventId().toString(),
                                subscription.get("id").asText())
                        .toString());
        long timestamp = Long.parseLong(received.header("webhook-timestamp"));
        assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThan(60);
        assertThat(received.header("webhook-signature"))
                .isEqualTo(standardWebhooksSignature(
                        subscription.get("secret").asText(), webhookId, timestamp, received.body()));

        JsonNode body = NotificationInstance.JSON.readTree(received.body());
        assertThat(body.get("meta").get("sequence").asLong()).isEqualTo(1);
        assertThat(body.get("page").get("id").asText())
                .as("projection-service's page id")
                .isEqualTo("incident-platform");
        assertThat(body.get("page").get("status_indicator").asText()).isEqualTo("major");
        assertThat(body.has("component_update"))
                .as("Atlassian sends component updates apart")
                .isFalse();
        JsonNode incidentBody = body.get("incident");
        assertThat(incidentBody.get("id").asText()).isEqualTo(incident);
        assertThat(incidentBody.get("name").asText()).isEqualTo("Checkout errors");
        assertThat(incidentBody.get("status").asText()).isEqualTo("investigating");
        assertThat(incidentBody.get("impact").asText()).isEqualTo("major");
        assertThat(incidentBody.get("shortlink").asText()).endsWith("/incidents/" + incident);
        assertThat(incidentBody.get("incident_updates")).hasSize(1);
        assertThat(incidentBody.get("incident_updates").get(0).get("body").asText())
                .contains(component);
        assertThat(incidentBody.get("components").get(0).get("name").asText()).isEqualTo("Checkout API");

        WebhookSink.Received componentWebhook = sink.receivedAt(hook).get(1);
        String componentWebhookId = componentWebhook.header("webhook-id");
        assertThat(componentWebhookId).isNotEqualTo(webhookId);
        long componentTimestamp = Long.parseLong(componentWebhook.header("webhook-timestamp"));
        assertThat(componentWebhook.header("webhook-signature"))
                .isEqualTo(standardWebhooksSignature(
                        subscription.get("secret").asText(),
                        componentWebhookId,
                        componentTimestamp,
                        componentWebhook.body()));
        JsonNode componentBody = NotificationInstance.JSON.readTree(componentWebhook.body());
        assertThat(componentBody.has("incident")).isFalse();
        assertThat(componentBody.get("component_update").get("component_id").asText())
                .isEqualTo(component);
        assertThat(componentBody.get("component_update").get("old_status").asText())
                .isEqualTo("operational");
        assertThat(componentBody.get("component_update").get("new_status").asText())
                .isEqualTo("partial_outage");
        assertThat(componentBody.get("component").get("name").asText())
                .as("the catalogue's name, not the id")
                .isEqualTo("Checkout API");
        assertThat(componentBody.get("meta").get("unsubscribe"))
                .isEqualTo(body.get("meta").get("unsubscribe"));

        incidents.append(given.incident(incident)
                .updated("Root cause found.", identified, Map.of())
                .event());

        await().atMost(Duration.ofSeconds(30)).until(() -> sink.receivedAt(hook).size() == 3);
        JsonNode update =
                NotificationInstance.JSON.readTree(sink.receivedAt(hook).get(2).body());
        assertThat(update.get("meta").get("sequence").asLong()).isEqualTo(2);
        assertThat(update.get("incident").get("status").asText()).isEqualTo("identified");
        assertThat(update.get("incident").get("incident_updates")).hasSize(2);
        assertThat(update.get("incident")
                        .get("incident_updates")
                        .get(0)
                        .get("body")
                        .asText())
                .isEqualTo("Root cause found.");
        assertThat(update.has("component_update")).isFalse();

        // The unsubscribe link in the body works for anyone who has it (at this instance, not the configured public
        // URL).
        URI unsubscribe = URI.create(body.get("meta").get("unsubscribe").asText());
        assertThat(unsubscribe.getRawPath())
                .isEqualTo("/api/v1/subscriptions/" + subscription.get("id").asText() + "/unsubscribe");
        assertThat(service.get(unsubscribe.getRawPath() + "?" + unsubscribe.getRawQuery(), false)
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "unsubscribed"
                        .equals(service.get(
                                        "/api/v1/subscriptions/"
                                                + subscription.get("id").asText(),
                                        true)
                                .body()
                                .get("status")
                                .asText()));
    }

    @Test
    void redeliveredEvent_notifiesOnce() {
        String component = component();
        String hook = sink.hook();
        JsonNode subscription = service.subscribeWebhook(hook, component);
        String incident = "inc-" + UUID.randomUUID();
        awaitSubscribed(hook, subscription, incident, component);
        IncidentEvent update = given.incident(incident)
                .updated("Still looking.", identified, Map.of())
                .event();

        incidents.append(update);
        incidents.append(update);
        incidents.append(given.incident(incident)
                .updated("Found it.", identified, Map.of())
                .event());

        await().atMost(Duration.ofSeconds(30))
                .until(() -> sink.incidentsAt(hook).size() >= 3);
        // Time for a duplicate to arrive, if one were coming, behind the event that followed it.
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(sink.incidentsAt(hook)).hasSize(3);
        assertThat(sink.receivedAt(hook))
                .as("and the declaration's component_update")
                .hasSize(4)
                .extracting(r -> r.header("webhook-id"))
                .doesNotHaveDuplicates();
    }

    @Test
    void endpointFailingTwiceThenSucceeding_getsOneSuccessAndTwoRecordedFailures() {
        MeterRegistry metrics = service.context().getBean(MeterRegistry.class);
        ListAppender<ILoggingEvent> logged = captureLogs(DISPATCHER, FAN_OUT);
        double failedBefore = count(metrics, "failed");
        double deliveredBefore = count(metrics, "delivered");
        String component = component();
        String hook = sink.hook();
        sink.answer(hook, request -> request <= 2 ? 500 : 204);
        JsonNode subscription = service.subscribeWebhook(hook, component);
        String subscriptionId = subscription.get("id").asText();
        String incident = "inc-" + UUID.randomUUID();
        incidents.append(given.declared(incident, "Login failures", Impact.minor, Map.of(component, partial_outage))
                .event());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode log = service.get("/api/v1/deliveries?subscriptionId=" + subscriptionId, true)
                    .body();
            assertThat(log).hasSize(1);
            assertThat(log.get(0).get("status").asText()).isEqualTo("delivered");
        });
        JsonNode delivery = service.get("/api/v1/deliveries?incidentId=" + incident, true)
                .body()
                .get(0);
        assertThat(delivery.get("attempts"))
                .extracting(attempt -> attempt.get("outcome").asText())
                .containsExactly("failed", "failed", "delivered");
        assertThat(delivery.get("attempts"))
                .extracting(attempt -> attempt.get("httpStatus").asInt())
                .containsExactly(500, 500, 204);
        List<WebhookSink.Received> received = sink.incidentsAt(hook);
        assertThat(received).hasSize(3);
        assertThat(received)
                .extracting(r -> r.header("webhook-id"))
                .containsOnly(delivery.get("deliveryId").asText());
        assertThat(sink.receivedAt(hook))
                .as("the component_update, once the incident webhook got through")
                .hasSize(4);
        assertThat(count(metrics, "failed") - failedBefore)
                .as("failed attempts counted")
                .isGreaterThanOrEqualTo(2);
        assertThat(count(metrics, "delivered") - deliveredBefore).isGreaterThanOrEqualTo(1);
        assertThat(metrics.get("notification.delivery.latency")
                        .tag("channel", "webhook")
                        .timer()
                        .count())
                .isPositive();
        assertThat(metrics.get("notification.retry.queue.depth").gauge().value())
                .isGreaterThanOrEqualTo(0);

        // Structured logs (LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs) write the MDC as fields: the lines about
        // this incident's notice and failed attempts name the incident and the event without parsing messages,
        // and those about one delivery name it and its subscription too.
        String eventId = delivery.get("eventId").asText();
        List<ILoggingEvent> aboutIt = logged.list.stream()
                .filter(line -> incident.equals(line.getMDCPropertyMap().get("incidentId")))
                .toList();
        assertThat(aboutIt)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(message -> message.contains("deliveries"))
                .filteredOn(message -> message.contains("failed (attempt"))
                .hasSize(2);
        assertThat(aboutIt)
                .allSatisfy(line -> assertThat(line.getMDCPropertyMap()).containsEntry("eventId", eventId));
        assertThat(aboutIt)
                .filteredOn(line -> line.getFormattedMessage().contains("failed (attempt"))
                .hasSize(2)
                .allSatisfy(line -> assertThat(line.getMDCPropertyMap())
                        .containsEntry("subscriptionId", subscriptionId)
                        .containsEntry("deliveryId", delivery.get("deliveryId").asText()));
    }

    /** Lines logged by these classes from now on, with their MDC as the structured log writes it. */
    private static ListAppender<ILoggingEvent> captureLogs(String... loggers) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        for (String source : loggers) {
            ((Logger) LoggerFactory.getLogger(source)).addAppender(appender);
        }
        return appender;
    }

    private static double count(MeterRegistry metrics, String outcome) {
        Counter counter = metrics.find("notification.deliveries")
                .tag("channel", "webhook")
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void alwaysFailingEndpoint_endsParked_whileTheOthersAreDeliveredOnTime() {
        String component = component();
        String broken = sink.hook();
        sink.answer(broken, request -> 503);
        String first = sink.hook();
        String second = sink.hook();
        String brokenId = service.subscribeWebhook(broken, component).get("id").asText();
        service.subscribeWebhook(first, component);
        service.subscribeWebhook(second, component);
        String incident = "inc-" + UUID.randomUUID();

        Instant declaredAt = Instant.now();
        incidents.append(given.declared(incident, "Search down", Impact.critical, Map.of(component, partial_outage))
                .event());

        await().atMost(Duration.ofSeconds(20))
                .until(() -> sink.incidentsAt(first).size() == 1
                        && sink.incidentsAt(second).size() == 1);
        assertThat(sink.receivedAt(first).get(0).at()).isBefore(declaredAt.plusSeconds(10));
        assertThat(sink.receivedAt(second).get(0).at()).isBefore(declaredAt.plusSeconds(10));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode parked = service.get("/api/v1/deliveries?status=parked&subscriptionId=" + brokenId, true)
                    .body();
            assertThat(parked).hasSize(1);
            assertThat(parked.get(0).get("attempts"))
                    .extracting(attempt -> attempt.get("outcome").asText())
                    .containsExactly("failed", "failed", "parked");
        });
        assertThat(sink.receivedAt(broken)).hasSize(3);
        assertThat(parkedDeliveries()).anySatisfy(delivery -> {
            assertThat(delivery.getSubscriptionId()).isEqualTo(brokenId);
            assertThat(delivery.getAttempt()).isEqualTo(3);
        });
    }

    /**
     * Garbage, an unknown schema id and truncated Avro on an incident's own partition, ahead of its
     * declaration: each is skipped and counted by reason (projection-service dead-letters them; a
     * second copy from here would disagree with the log), and the declaration behind them is told.
     */
    @Test
    void unreadableIncidentEvents_areSkippedAndCountedByReason_andTheEventBehindThemIsFannedOut() throws Exception {
        MeterRegistry metrics = service.context().getBean(MeterRegistry.class);
        double garbageBefore = unreadable(metrics, "not-wire-format");
        double unknownBefore = unreadable(metrics, "unknown-schema");
        double truncatedBefore = unreadable(metrics, "undecodable");
        String component = component();
        String hook = sink.hook();
        service.subscribeWebhook(hook, component);
        String incident = "inc-" + UUID.randomUUID();
        IncidentEvent declaration = given.declared(
                        incident, "Checkout errors", Impact.major, Map.of(component, partial_outage))
                .event();
        byte[] valid;
        try (AvroSerializer<IncidentEvent> serializer = new AvroSerializer<>()) {
            serializer.configure(Map.of("schema.registry.url", LocalPlatformExtension.schemaRegistryUrl()), false);
            valid = serializer.serialize(Topics.INCIDENT_EVENTS.name(), declaration);
        }
        byte[] unknownSchema = {0, 0x00, 0x0f, 0x42, 0x3f, 2, 4, 6, 8};
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalPlatformExtension.bootstrapServers());
        try (KafkaProducer<String, byte[]> raw =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (byte[] poison : List.of(
                    "not avro at all".getBytes(StandardCharsets.UTF_8),
                    unknownSchema,
                    Arrays.copyOf(valid, valid.length / 2))) {
                raw.send(new ProducerRecord<>(Topics.INCIDENT_EVENTS.name(), incident, poison))
                        .get();
            }
        }
        incidents.append(declaration);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> sink.incidentsAt(hook).size() == 1);
        assertThat(NotificationInstance.JSON
                        .readTree(sink.incidentsAt(hook).get(0).body())
                        .at("/incident/id")
                        .asText())
                .isEqualTo(incident);
        assertThat(unreadable(metrics, "not-wire-format") - garbageBefore).isEqualTo(1);
        assertThat(unreadable(metrics, "unknown-schema") - unknownBefore).isEqualTo(1);
        assertThat(unreadable(metrics, "undecodable") - truncatedBefore).isEqualTo(1);
        assertThat(service.get("/actuator/prometheus", false).response().body())
                .contains("notification_unreadable_events_total{reason=\"unknown-schema\"}");
    }

    private static double unreadable(MeterRegistry metrics, String reason) {
        Counter counter = metrics.find("notification.unreadable.events")
                .tag("reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void slackSubscription_getsASlackFormattedMessage_unsigned() {
        String component = component();
        String hook = sink.hook();
        NotificationInstance.Answer created = service.post(
                "/api/v1/subscriptions",
                "{\"channel\":\"slack\",\"target\":\"" + hook + "\",\"components\":[\"" + component + "\"]}",
                true);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().has("secret")).isFalse();

        incidents.append(given.declared(
                        "inc-" + UUID.randomUUID(), "Chat outage", Impact.minor, Map.of(component, partial_outage))
                .event());

        await().atMost(Duration.ofSeconds(30)).until(() -> sink.receivedAt(hook).size() == 1);
        WebhookSink.Received received = sink.receivedAt(hook).get(0);
        JsonNode message = NotificationInstance.JSON.readTree(received.body());
        assertThat(message.get("text").asText()).startsWith("New incident: Chat outage");
        assertThat(message.get("blocks")).hasSize(3);
        assertThat(received.header("webhook-signature")).isNull();
    }

    @Test
    void unsubscribedWebhook_isToldNothingMore() {
        String component = component();
        String hook = sink.hook();
        JsonNode subscription = service.subscribeWebhook(hook, component);
        String incident = "inc-" + UUID.randomUUID();
        awaitSubscribed(hook, subscription, incident, component);

        assertThat(service.delete("/api/v1/subscriptions/"
                                + subscription.get("id").asText())
                        .status())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "unsubscribed"
                        .equals(service.get(
                                        "/api/v1/subscriptions/"
                                                + subscription.get("id").asText(),
                                        true)
                                .body()
                                .get("status")
                                .asText()));
        String other = sink.hook();
        service.subscribeWebhook(other, component);
        incidents.append(
                given.incident(incident).updated("Fixed.", identified, Map.of()).event());

        await().atMost(Duration.ofSeconds(30))
                .until(() -> sink.incidentsAt(other).size() == 1);
        assertThat(sink.incidentsAt(hook)).hasSize(1);
    }

    @Test
    void subscriptionFailingForLongerThanTheQuarantinePeriod_isQuarantined_untilAnAdminReenablesIt() {
        String component = component();
        String hook = sink.hook();
        boolean[] fixed = {false};
        sink.answer(hook, request -> fixed[0] ? 200 : 500);
        String id = service.subscribeWebhook(hook, component).get("id").asText();
        String incident = "inc-" + UUID.randomUUID();
        incidents.append(given.declared(incident, "Flaky receiver", Impact.major, Map.of(component, partial_outage))
                .event());
        await().atMost(Duration.ofSeconds(20)).until(() -> sink.receivedAt(hook).size() == 3);

        // Still failing after the two-second quarantine period of this instance.
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        incidents.append(given.incident(incident)
                .updated("Still failing.", identified, Map.of())
                .event());

        await().atMost(Duration.ofSeconds(20))
                .until(() -> "quarantined"
                        .equals(service.get("/api/v1/subscriptions/" + id, true)
                                .body()
                                .get("status")
                                .asText()));
        assertThat(service.post("/api/v1/subscriptions/" + id + "/enable", "", true)
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "active"
                        .equals(service.get("/api/v1/subscriptions/" + id, true)
                                .body()
                                .get("status")
                                .asText()));
        assertThat(service.post("/api/v1/subscriptions/" + id + "/enable", "", true)
                        .status())
                .isEqualTo(409);
        fixed[0] = true;
        incidents.append(given.incident(incident)
                .updated("Receiver fixed.", identified, Map.of())
                .event());

        await().atMost(Duration.ofSeconds(20))
                .until(() -> sink.receivedAt(hook).stream()
                        .anyMatch(received -> NotificationInstance.JSON
                                        .readTree(received.body())
                                        .get("meta")
                                        .get("sequence")
                                        .asLong()
                                == 3));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(service.get("/api/v1/deliveries?status=delivered&subscriptionId=" + id, true)
                                        .body())
                                .isNotEmpty());
    }

    /**
     * The fan-out reads subscriptions from its own copy; a declaration is appended once the first
     * probe incident shows the subscription has reached it.
     */
    private IncidentEvent awaitSubscribed(String hook, JsonNode subscription, String incident, String component) {
        IncidentEvent declared = incidents.append(given.declared(
                        incident,
                        "Checkout errors",
                        Impact.major,
                        "We are investigating errors on " + component + ".",
                        Map.of(component, partial_outage))
                .event());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sink.incidentsAt(hook).size() == 1);
        return declared;
    }

    static String component() {
        return "component-" + UUID.randomUUID();
    }

    static String standardWebhooksSignature(String secret, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            return "v1,"
                    + Base64.getEncoder()
                            .encodeToString(
                                    mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Delivery> parkedDeliveries() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalPlatformExtension.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName());
        config.put("schema.registry.url", LocalPlatformExtension.schemaRegistryUrl());
        config.put("specific.avro.reader", true);
        try (KafkaConsumer<String, Delivery> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(NotificationTopics.DELIVERIES_DLT.name()));
            List<Delivery> parked = new java.util.ArrayList<>();
            Instant until = Instant.now().plusSeconds(10);
            while (Instant.now().isBefore(until)) {
                for (ConsumerRecord<String, Delivery> record : consumer.poll(Duration.ofMillis(500))) {
                    parked.add(record.value());
                }
                if (!parked.isEmpty()
                        && consumer.assignment().stream()
                                .allMatch(p -> consumer.position(p)
                                        >= consumer.endOffsets(List.of(p)).get(p))) {
                    break;
                }
            }
            return parked;
        }
    }
}
