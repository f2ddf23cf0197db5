package org.incidentplatform.projection.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.incidentplatform.local.junit.RegistryProxy;
import org.incidentplatform.projection.ProjectionServiceApplication;
import org.incidentplatform.projection.status.StatusSnapshot;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.schemas.given.GivenEvents;
import org.incidentplatform.schemas.serde.AvroSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * projection-service against a real broker, fed by events appended as incident-service appends
 * them. The log is the only input, so the tests write the log directly.
 */
@ExtendWith(LocalPlatformExtension.class)
class StatusProjectorTests {

    /** Every test appends to the one catalogue stream: one log keeps its sequence gap-free across tests. */
    private static final GivenEvents GIVEN = GivenEvents.happeningNow();

    static KafkaProducer<String, Object> events;
    ConfigurableApplicationContext service;

    @BeforeAll
    static void topicsAndProducer() {
        // incident-service creates incident-events and its dead-letter topic; here the test is the writer.
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalPlatformExtension.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                "schema.registry.url",
                LocalPlatformExtension.schemaRegistryUrl()));
        createTopics(config);
        AvroSerializer<Object> values = new AvroSerializer<>();
        values.configure(config, false);
        events = new KafkaProducer<>(config, new StringSerializer(), values);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void restarted_catchesUpWithEventsAppendedWhileItWasDown_andAppliesRedeliveredOnesOnce() throws Exception {
        String component = "c-" + UUID.randomUUID().toString().substring(0, 8);
        String incident = "inc-" + UUID.randomUUID();
        IncidentEvent added =
                GIVEN.catalogue().componentAdded(component, "Checkout", null, 0).event();
        IncidentEvent declared = checkoutFailing(incident, component).event();
        append(added, declared);
        service = start();
        StatusSnapshot before = awaitVersion(incident, 1);
        assertThat(before.component(component).orElseThrow().status()).hasToString("major_outage");
        long appliedBefore = before.appliedEvents();
        service.close();

        IncidentEvent resolved = GIVEN.incident(incident).resolved("Fixed").event();
        append(resolved, declared);
        service = start();
        StatusSnapshot after = awaitVersion(incident, 2);

        assertThat(after.component(component).orElseThrow().status()).hasToString("operational");
        assertThat(after.incident(incident).orElseThrow().resolvedAt()).isNotNull();
        assertThat(after.appliedEvents())
                .as("the redelivered declaration is not applied again")
                .isEqualTo(appliedBefore + 1);
    }

    @Test
    void becomesReady_onlyWhenEveryEventInTheLogAtStartIsVisible() throws Exception {
        String component = "c-" + UUID.randomUUID().toString().substring(0, 8);
        List<IncidentEvent> log = new ArrayList<>();
        log.add(GIVEN.catalogue().componentAdded(component, "Search", null, 0).event());
        List<String> incidents = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            String incident = "inc-" + UUID.randomUUID();
            incidents.add(incident);
            log.add(checkoutFailing(incident, component).event());
        }
        appendAll(log);

        AtomicReference<StatusSnapshot> atReadiness = new AtomicReference<>();
        service = new SpringApplicationBuilder(ProjectionServiceApplication.class)
                .properties("SERVER_PORT=0")
                .listeners((ApplicationListener<AvailabilityChangeEvent<?>>) event -> {
                    if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC
                            && event.getSource() instanceof LiveStatus live) {
                        atReadiness.compareAndSet(null, live.current());
                    }
                })
                .run();

        StatusSnapshot ready = await().atMost(Duration.ofSeconds(60)).until(atReadiness::get, s -> s != null);
        assertThat(incidents)
                .as("incidents the first ready snapshot lacks")
                .filteredOn(incident -> ready.version(incident) != 1)
                .isEmpty();
    }

    /**
     * Tomcat gets two request threads; more reads than that wait for a version at once, and the page, the
     * API and readiness are still answered, because a waiting read holds no thread. The version then comes
     * through the log, and every waiting read answers with it, through the whole chain (security included).
     */
    @Test
    void waitingReads_holdNoRequestThread_andAnswerWithTheVersionOnceItIsApplied() throws Exception {
        String component = "c-" + UUID.randomUUID().toString().substring(0, 8);
        String incident = "inc-" + UUID.randomUUID();
        append(
                GIVEN.catalogue().componentAdded(component, "Billing", null, 0).event(),
                checkoutFailing(incident, component).event());
        service = new SpringApplicationBuilder(ProjectionServiceApplication.class)
                .properties(
                        "SERVER_PORT=0",
                        "server.tomcat.threads.max=2",
                        "server.tomcat.threads.min-spare=1",
                        "projection-service.read-your-writes-timeout=30s")
                .run();
        awaitVersion(incident, 1);
        String base = "http://127.0.0.1:"
                + ((WebServerApplicationContext) service).getWebServer().getPort();
        HttpClient http = HttpClient.newHttpClient();
        int waiters = 6;
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < waiters; i++) {
            waiting.add(http.sendAsync(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/incidents/" + incident))
                            .header("X-Await-Version", incident + "=2")
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        LiveStatus live = service.getBean(LiveStatus.class);
        await().atMost(Duration.ofSeconds(30)).until(live::waiting, n -> n == waiters);

        for (String path : List.of("/api/v2/summary.json", "/", "/actuator/health/readiness")) {
            HttpResponse<String> read = http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as(path).isEqualTo(200);
        }
        assertThat(waiting).as("reads still waiting for version 2").noneMatch(CompletableFuture::isDone);

        append(GIVEN.incident(incident).resolved("Fixed").event());
        for (CompletableFuture<HttpResponse<String>> read : waiting) {
            HttpResponse<String> answer = read.get(30, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("X-Awaited-Version")).hasValue("reached");
            assertThat(answer.body()).contains("\"status\":\"resolved\"", "\"version\":2");
        }
        assertThat(live.waiting()).isZero();
    }

    @Test
    void aRecordThatCannotBeRead_goesToTheDeadLetterTopicWithItsReason_andTheRestFlows() throws Exception {
        service = start();
        String key = "poison-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalPlatformExtension.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(
                            Topics.INCIDENT_EVENTS.name(), key, "not avro at all".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        String component = "c-" + UUID.randomUUID().toString().substring(0, 8);
        String incident = "inc-" + UUID.randomUUID();
        append(
                GIVEN.catalogue().componentAdded(component, "API", null, 0).event(),
                checkoutFailing(incident, component).event());

        awaitVersion(incident, 1);
        ConsumerRecord<String, byte[]> dead =
                await().atMost(Duration.ofSeconds(30)).until(() -> deadLetter(key), r -> r != null);
        Header reason = dead.headers().lastHeader("dlt-reason");
        assertThat(reason).isNotNull();
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).containsIgnoringCase("magic byte");
    }

    /**
     * The schema registry refuses look-ups (503) while this instance meets the log's schema for the first time:
     * the records are read again until it answers, none is dead-lettered, and the incident is then shown.
     */
    @Test
    void aRegistryThatIsBrieflyAway_delaysTheLog_butDeadLettersNothing() throws Exception {
        String component = "c-" + UUID.randomUUID().toString().substring(0, 8);
        String incident = "inc-" + UUID.randomUUID();
        try (RegistryProxy registry = new RegistryProxy(LocalPlatformExtension.schemaRegistryUrl())) {
            registry.away.set(true);
            append(
                    GIVEN.catalogue()
                            .componentAdded(component, "Status API", null, 0)
                            .event(),
                    checkoutFailing(incident, component).event());
            service = new SpringApplicationBuilder(ProjectionServiceApplication.class)
                    .properties("SERVER_PORT=0")
                    .run("--platform.schema-registry-url=" + registry.url());
            LiveStatus status = service.getBean(LiveStatus.class);

            await().atMost(Duration.ofSeconds(30)).until(() -> registry.refused.get() >= 3);
            assertThat(status.current().version(incident))
                    .as("not shown while the registry is away")
                    .isZero();

            registry.away.set(false);
            awaitVersion(incident, 1);
            assertThat(deadLetter(incident))
                    .as("dead-lettered for a registry that was only away")
                    .isNull();
        }
    }

    /**
     * An event whose predecessor is missing (dead-lettered, then written again once it could be read) waits for it:
     * the incident shows its last complete state meanwhile, health names the wait, and when the missing event
     * arrives it is applied with everything that waited behind it.
     */
    @Test
    void anEventAfterAMissingOne_waitsForIt_andIsAppliedWhenItArrives() throws Exception {
        String component = "c-" + UUID.randomUUID().toString().substring(0, 8);
        String incident = "inc-" + UUID.randomUUID();
        service = start();
        append(
                GIVEN.catalogue().componentAdded(component, "Search", null, 0).event(),
                checkoutFailing(incident, component).event());
        awaitVersion(incident, 1);
        LiveStatus status = service.getBean(LiveStatus.class);

        IncidentEvent second =
                GIVEN.incident(incident).updated("Rolling back", null, Map.of()).event();
        IncidentEvent third = GIVEN.incident(incident).resolved("Fixed").event();
        append(third);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> status.waitingForGaps().containsKey(incident));
        assertThat(status.waitingForGaps().get(incident).missingSequence()).isEqualTo(2);
        assertThat(status.current().version(incident)).isEqualTo(1);

        append(second);
        StatusSnapshot after = awaitVersion(incident, 3);
        assertThat(after.incident(incident).orElseThrow().resolvedAt())
                .as("the held resolution")
                .isNotNull();
        assertThat(after.component(component).orElseThrow().status()).hasToString("operational");
        assertThat(status.analytics().appliedSequence(incident))
                .as("analytics got the held event too")
                .isEqualTo(3);
        assertThat(status.waitingForGaps()).doesNotContainKey(incident);
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ProjectionServiceApplication.class)
                .properties("SERVER_PORT=0")
                .run();
    }

    private StatusSnapshot awaitVersion(String stream, long version) {
        LiveStatus status = service.getBean(LiveStatus.class);
        await().atMost(Duration.ofSeconds(30)).until(status::caughtUp);
        assertThat(status.awaitVersions(Map.of(stream, version), Duration.ofSeconds(30))
                        .join())
                .isTrue();
        return status.current();
    }

    /** An incident declared now, putting the component in major outage. */
    private static GivenEvents.Incident checkoutFailing(String incident, String component) {
        return GIVEN.declared(
                incident,
                "Checkout failing",
                Impact.major,
                "Investigating",
                Map.of(component, ComponentStatus.major_outage));
    }

    private static void appendAll(List<IncidentEvent> appended) throws Exception {
        List<Future<?>> sent = new ArrayList<>();
        for (IncidentEvent event : appended) {
            sent.add(events.send(new ProducerRecord<>(Topics.INCIDENT_EVENTS.name(), event.getIncidentId(), event)));
        }
        for (Future<?> send : sent) {
            send.get();
        }
    }

    private static void append(IncidentEvent... appended) throws Exception {
        for (IncidentEvent event : appended) {
            events.send(new ProducerRecord<>(Topics.INCIDENT_EVENTS.name(), event.getIncidentId(), event))
                    .get();
        }
    }

    private static ConsumerRecord<String, byte[]> deadLetter(String key) {
        Map<String, Object> config =
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalPlatformExtension.bootstrapServers());
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(Topics.INCIDENT_EVENTS_DLT.name())
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(2))) {
                if (key.equals(record.key())) {
                    return record;
                }
            }
        }
        return null;
    }

    private static void createTopics(Map<String, Object> config) {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)))) {
            for (var spec : List.of(Topics.INCIDENT_EVENTS, Topics.INCIDENT_EVENTS_DLT)) {
                var topic = new org.apache.kafka.clients.admin.NewTopic(spec.name(), spec.partitions(), (short) 1)
                        .configs(spec.configs());
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (Exception alreadyThere) {
                    // Created by an earlier test class of this JVM.
                }
            }
        }
    }
}
