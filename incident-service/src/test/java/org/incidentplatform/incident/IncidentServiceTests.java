package org.incidentplatform.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.incidentplatform.events.Heartbeat;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.incident.security.AccessControlTests;
import org.incidentplatform.local.junit.EventLog;
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.incidentplatform.schemas.TopicSpec;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.service.security.MappedEndpoints;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

@ExtendWith(LocalPlatformExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
// Closed after the class: a cached context would stay in the command processor's consumer group.
@DirtiesContext
class IncidentServiceTests {

    @Autowired
    RestTestClient http;

    @Autowired
    KafkaAdmin kafkaAdmin;

    /**
     * Writes wait until the command processor has restored its stores: on the broker the test classes
     * share, the event store's changelog holds every earlier class's events, and a fresh instance reads it
     * all before it decides (answering writes 503 meanwhile, as it should).
     */
    @BeforeEach
    void commandProcessorRunning(@Autowired StreamsBuilderFactoryBean streams) {
        await().atMost(Duration.ofSeconds(90))
                .until(() -> streams.getKafkaStreams() != null
                        && streams.getKafkaStreams().state() == KafkaStreams.State.RUNNING);
    }

    @Test
    void starts_creatingItsTopicsAsDeclared() throws Exception {
        for (TopicSpec spec : List.of(Topics.INCIDENT_EVENTS, Topics.INCIDENT_EVENTS_DLT)) {
            assertThat(kafkaAdmin.describeTopics(spec.name()).get(spec.name()).partitions())
                    .hasSize(spec.partitions());
            assertThat(config(spec.name(), "cleanup.policy")).isEqualTo(spec.cleanupPolicy());
            assertThat(config(spec.name(), "retention.ms")).isEqualTo("-1");
        }
    }

    @Test
    void appendsHeartbeats_underTheirReservedKey_fromTheStart() {
        List<IncidentEvent> heartbeats = await().atMost(Duration.ofSeconds(30))
                .until(() -> EventLog.of(LocalPlatformExtension.platform(), Topics.HEARTBEAT_KEY), h -> !h.isEmpty());

        IncidentEvent first = heartbeats.get(0);
        assertThat(first.getPayload()).isInstanceOfSatisfying(Heartbeat.class, heartbeat -> {
            assertThat(heartbeat.getInstance()).startsWith("incident-service@");
            assertThat(heartbeat.getIntervalMillis()).isEqualTo(10_000);
        });
        assertThat(first.getRecordedAt()).isEqualTo(first.getOccurredAt());
    }

    /** Open to anyone besides the API's table: health, info and metrics for orchestrators, the API description. */
    static final Set<String> PUBLIC = Set.of(
            "GET /actuator/health",
            "GET /actuator/health/**",
            "GET /actuator/info",
            "GET /actuator/prometheus",
            "GET /v3/api-docs",
            "GET /v3/api-docs.yaml");

    /** Mapped but opened by no rule: the actuator's index, Spring's error page requested directly. */
    static final Set<String> CLOSED = Set.of("GET /actuator", "GET /error");

    @Test
    void everyEndpointTheRunningServiceMaps_isInTheAccessTables(
            @Autowired List<RequestMappingInfoHandlerMapping> mappings) {
        Set<String> mapped = MappedEndpoints.of(mappings);
        Set<String> declared = new TreeSet<>(PUBLIC);
        declared.addAll(CLOSED);
        AccessControlTests.MATRIX.forEach(endpoint -> declared.add(endpoint.toString()));

        assertThat(mapped).isEqualTo(declared);
    }

    @Test
    void publicEndpoints_answerAnyone_andClosedOnesNobody() {
        for (String endpoint : PUBLIC) {
            String path = endpoint.substring("GET ".length()).replace("**", "liveness");
            http.get().uri(path).exchange().expectStatus().isOk();
        }
        for (String endpoint : CLOSED) {
            http.get()
                    .uri(endpoint.substring("GET ".length()))
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();
            http.get()
                    .uri(endpoint.substring("GET ".length()))
                    .header("Authorization", "Bearer test-admin-token-0123456789abcdef0123")
                    .exchange()
                    .expectStatus()
                    .isForbidden();
        }
    }

    @Test
    void health_isUp_withKafkaAndSchemaRegistry() {
        http.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                .jsonPath("$.components.kafka.status")
                .isEqualTo("UP")
                .jsonPath("$.components.schemaRegistry.status")
                .isEqualTo("UP");
    }

    @Test
    void metrics_areExposedForPrometheus_withCommandLatencyAndEventsAppended() {
        http.post()
                .uri("/api/v1/components")
                .header("Authorization", "Bearer test-admin-token-0123456789abcdef0123")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"id\": \"metrics-" + UUID.randomUUID() + "\", \"name\": \"Metrics\"}")
                .exchange()
                .expectStatus()
                .isCreated();

        http.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body)
                        .contains(
                                "jvm_memory_used_bytes",
                                "incident_commands_seconds_count{command=\"AddComponent\",outcome=\"accepted\"",
                                "incident_events_appended_total"));
    }

    @Test
    void everyLineLoggedForAWrite_namesItsStreamEventAndCorrelation_asStructuredFields() {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger exchange = (Logger) LoggerFactory.getLogger("org.incidentplatform.incident.web.CommandExchange");
        exchange.addAppender(logged);
        String correlation = "deploy-check-" + UUID.randomUUID();
        try {
            http.post()
                    .uri("/api/v1/components")
                    .header("Authorization", "Bearer test-admin-token-0123456789abcdef0123")
                    .header("X-Correlation-Id", correlation)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"id\": \"logs-" + UUID.randomUUID() + "\", \"name\": \"Logs\"}")
                    .exchange()
                    .expectStatus()
                    .isCreated();
        } finally {
            exchange.detachAppender(logged);
        }

        // Structured logs (LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs) write the MDC as fields of the line.
        ILoggingEvent accepted = logged.list.stream()
                .filter(line -> correlation.equals(line.getMDCPropertyMap().get("correlationId")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line logged with the request's correlation id"));
        String eventId = accepted.getMDCPropertyMap().get("eventId");
        assertThat(accepted.getMDCPropertyMap()).containsEntry("incidentId", "catalogue");
        assertThat(EventLog.of(LocalPlatformExtension.platform(), "catalogue"))
                .extracting(event -> event.getEventId().toString())
                .contains(eventId);
    }

    @Test
    void aTimeBeyondWhatTheLogCanHold_isRefusedNamingTheField_appendsNothing_andTheNextDeclarationIsCreated() {
        String component = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
        http.post()
                .uri("/api/v1/components")
                .header("Authorization", "Bearer test-admin-token-0123456789abcdef0123")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"id\": \"" + component + "\", \"name\": \"Hostile\"}")
                .exchange()
                .expectStatus()
                .isCreated();
        String declaration = "{\"title\": \"Far future\", \"impact\": \"minor\", \"status\": \"investigating\","
                + " \"message\": \"m\", \"components\": {\"" + component + "\": \"partial_outage\"}%s}";
        String key = UUID.randomUUID().toString();

        http.post()
                .uri("/api/v1/incidents")
                .header("Authorization", "Bearer test-responder-token-0123456789abcdef")
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .body(declaration.formatted(", \"occurredAt\": \"+500000000-01-01T00:00:00Z\""))
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("occurredAt");
        String created = http.post()
                .uri("/api/v1/incidents")
                .header("Authorization", "Bearer test-responder-token-0123456789abcdef")
                .contentType(MediaType.APPLICATION_JSON)
                .body(declaration.formatted(""))
                .exchange()
                .expectStatus()
                .isCreated()
                .returnResult(String.class)
                .getResponseBody();

        assertThat(created).contains("\"version\":1");
        assertThat(EventLog.records(
                        LocalPlatformExtension.platform(),
                        Topics.INCIDENT_COMMANDS.name(),
                        new ByteArrayDeserializer()))
                .noneMatch(record -> new String(record.value(), StandardCharsets.UTF_8).contains("500000000"));
    }

    private String config(String topic, String key) throws Exception {
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalPlatformExtension.bootstrapServers()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return admin.describeConfigs(List.of(resource))
                    .all()
                    .get()
                    .get(resource)
                    .get(key)
                    .value();
        }
    }
}
