package org.incidentplatform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.incidentplatform.schemas.TopicSpec;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.schemas.given.GivenEvents;
import org.incidentplatform.service.security.MappedEndpoints;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ExtendWith(LocalPlatformExtension.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "STREAMS_STATE_DIR=target/streams-${random.uuid}",
            // The whole table: a list is taken from one source, so all three roles are listed here.
            "platform.security.tokens[0].name=admin",
            "platform.security.tokens[0].token=" + NotificationServiceTests.ADMIN,
            "platform.security.tokens[0].roles=admin",
            "platform.security.tokens[1].name=alice-oncall",
            "platform.security.tokens[1].token=" + NotificationServiceTests.RESPONDER,
            "platform.security.tokens[1].roles=responder",
            "platform.security.tokens[2].name=synthetic-monitor",
            "platform.security.tokens[2].token=" + NotificationServiceTests.REPORTER,
            "platform.security.tokens[2].roles=reporter"
        })
@AutoConfigureRestTestClient
@DirtiesContext
class NotificationServiceTests {

    static final String ADMIN = "test-notification-admin-token-0123456789";
    static final String RESPONDER = "test-notification-responder-token-012345";
    static final String REPORTER = "test-notification-reporter-token-0123456";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Who calls: anonymous, or a platform token with a role (roles nest: reporter < responder < admin). */
    enum Caller {
        ANONYMOUS,
        REPORTER,
        RESPONDER,
        ADMIN
    }

    /**
     * Every endpoint this service maps, from its handler mappings, with the least caller it admits. Public:
     * self-service email subscription and the signed links in emails; admin: everything that shows or changes
     * other people's subscriptions or deliveries.
     */
    static final Map<String, Caller> ACCESS = Map.ofEntries(
            Map.entry("POST /api/v1/subscriptions", Caller.ANONYMOUS),
            Map.entry("GET /api/v1/subscriptions/{id}/confirm", Caller.ANONYMOUS),
            Map.entry("POST /api/v1/subscriptions/{id}/confirm", Caller.ANONYMOUS),
            Map.entry("GET /api/v1/subscriptions/{id}/unsubscribe", Caller.ANONYMOUS),
            Map.entry("POST /api/v1/subscriptions/{id}/unsubscribe", Caller.ANONYMOUS),
            Map.entry("GET /api/v1/subscriptions", Caller.ADMIN),
            Map.entry("GET /api/v1/subscriptions/{id}", Caller.ADMIN),
            Map.entry("DELETE /api/v1/subscriptions/{id}", Caller.ADMIN),
            Map.entry("POST /api/v1/subscriptions/{id}/enable", Caller.ADMIN),
            Map.entry("GET /api/v1/deliveries", Caller.ADMIN),
            Map.entry("GET /actuator/health", Caller.ANONYMOUS),
            Map.entry("GET /actuator/health/**", Caller.ANONYMOUS),
            Map.entry("GET /actuator/info", Caller.ANONYMOUS),
            Map.entry("GET /actuator/prometheus", Caller.ANONYMOUS),
            Map.entry("GET /v3/api-docs", Caller.ANONYMOUS),
            Map.entry("GET /v3/api-docs.yaml", Caller.ANONYMOUS));

    /** Mapped, but opened by no rule: the actuator's index, Spring's error page requested directly. */
    static final Set<String> CLOSED = Set.of("GET /actuator", "GET /error");

    @Autowired
    RestTestClient http;

    @Autowired
    KafkaAdmin kafkaAdmin;

    /** Stands in for incident-service, which owns and creates these topics. */
    @BeforeAll
    static void ownerCreatedTheTopics() throws Exception {
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalPlatformExtension.bootstrapServers()))) {
            List<NewTopic> topics = Stream.of(Topics.INCIDENT_EVENTS, Topics.INCIDENT_EVENTS_DLT)
                    .map(spec -> TopicBuilder.name(spec.name())
                            .partitions(spec.partitions())
                            .replicas(1)
                            .configs(spec.configs())
                            .build())
                    .toList();
            try {
                admin.createTopics(topics).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    @Test
    void everyMappedEndpoint_hasARow(@Autowired List<RequestMappingInfoHandlerMapping> mappings) {
        Set<String> mapped = MappedEndpoints.of(mappings);
        Set<String> declared = new TreeSet<>(ACCESS.keySet());
        declared.addAll(CLOSED);
        assertThat(mapped).isEqualTo(declared);
    }

    @Test
    void eachCaller_isLetIntoWhatItMayCall_andRefusedTheRest() {
        Map<String, Caller> all = new HashMap<>(ACCESS);
        CLOSED.forEach(closed -> all.put(closed, null));
        for (Map.Entry<String, Caller> endpoint : all.entrySet()) {
            String[] methodAndPattern = endpoint.getKey().split(" ");
            String path = methodAndPattern[1].replace("{id}", "sub_unknown").replace("**", "liveness");
            for (Caller caller : Caller.values()) {
                var request =
                        http.method(HttpMethod.valueOf(methodAndPattern[0])).uri(path);
                switch (caller) {
                    case REPORTER -> request.header("Authorization", "Bearer " + REPORTER);
                    case RESPONDER -> request.header("Authorization", "Bearer " + RESPONDER);
                    case ADMIN -> request.header("Authorization", "Bearer " + ADMIN);
                    case ANONYMOUS -> {}
                }
                int status = request.exchange().returnResult().getStatus().value();
                Caller needs = endpoint.getValue();
                String what = endpoint.getKey() + " as " + caller;
                if (needs != null && caller.compareTo(needs) >= 0) {
                    assertThat(status).as(what).isNotIn(401, 403).isLessThan(500);
                } else {
                    assertThat(status).as(what).isEqualTo(caller == Caller.ANONYMOUS ? 401 : 403);
                }
            }
        }
    }

    @Test
    void starts_onceTheTopicsItReadsExistAsDeclared() throws Exception {
        for (TopicSpec spec : List.of(Topics.INCIDENT_EVENTS, Topics.INCIDENT_EVENTS_DLT)) {
            assertThat(kafkaAdmin.describeTopics(spec.name()).get(spec.name()).partitions())
                    .hasSize(spec.partitions());
            assertThat(config(spec.name(), "cleanup.policy")).isEqualTo(spec.cleanupPolicy());
            assertThat(config(spec.name(), "retention.ms")).isEqualTo("-1");
        }
    }

    @Test
    void health_isUp_withKafkaSchemaRegistryAndTheFanOut() {
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
                .isEqualTo("UP")
                .jsonPath("$.components.fanOutStreams.status")
                .isEqualTo("UP");
    }

    @Test
    void heartbeatsInTheLog_showAsThePipelinesFreshness() {
        IncidentEvent heartbeat = GivenEvents.happeningNow().heartbeat("incident-service@test", 1);
        try (IncidentLog log = new IncidentLog()) {
            log.append(heartbeat);
        }

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> http.get()
                        .uri("/actuator/health")
                        .exchange()
                        .expectBody()
                        .jsonPath("$.components.pipeline.status")
                        .isEqualTo("UP")
                        .jsonPath("$.components.pipeline.details.from")
                        .isEqualTo("incident-service@test"));
        http.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("pipeline_heartbeat_age_seconds"));
    }

    @Test
    void apiDocs_describeEveryApiOperation_eachWithASummary() {
        JsonNode docs = JSON.readTree(http.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
        Set<String> described = new TreeSet<>();
        docs.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    String name = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                    described.add(name);
                    assertThat(operation.getValue().path("summary").asString(""))
                            .as("summary of " + name)
                            .isNotBlank();
                }));
        Set<String> api = new TreeSet<>(ACCESS.keySet().stream()
                .filter(endpoint -> endpoint.contains(" /api/"))
                .toList());
        assertThat(described).isEqualTo(api);
        assertThat(docs.at("/components/securitySchemes/bearer/scheme").asString())
                .isEqualTo("bearer");
    }

    @Test
    void unknownPathAndUnsupportedMethod_areProblemDetails_likeEveryServicesErrors() {
        http.get()
                .uri("/api/v1/nothing-here")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(404)
                .jsonPath("$.title")
                .isEqualTo("Not Found")
                .jsonPath("$.detail")
                .isEqualTo("no endpoint GET /api/v1/nothing-here");
        http.get()
                .uri("/api/v1/subscriptions/sub_unknown")
                .header("Authorization", "Bearer " + ADMIN)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("id");
        http.put()
                .uri("/api/v1/deliveries")
                .header("Authorization", "Bearer " + ADMIN)
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(405);
    }

    @Test
    void metrics_areExposedForPrometheus() {
        http.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("jvm_memory_used_bytes"));
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
