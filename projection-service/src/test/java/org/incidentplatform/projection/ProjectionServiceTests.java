package org.incidentplatform.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
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
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.incidentplatform.projection.live.LiveStatus;
import org.incidentplatform.schemas.TopicSpec;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.service.security.MappedEndpoints;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

@ExtendWith(LocalPlatformExtension.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "platform.security.tokens[0].name=ops-admin",
            "platform.security.tokens[0].token=" + ProjectionServiceTests.ADMIN,
            "platform.security.tokens[0].roles=admin",
            "platform.security.tokens[1].name=alice-oncall",
            "platform.security.tokens[1].token=" + ProjectionServiceTests.RESPONDER,
            "platform.security.tokens[1].roles=responder",
            "platform.security.tokens[2].name=synthetic-monitor",
            "platform.security.tokens[2].token=" + ProjectionServiceTests.REPORTER,
            "platform.security.tokens[2].roles=reporter"
        })
@AutoConfigureRestTestClient
@DirtiesContext
class ProjectionServiceTests {

    static final String ADMIN = "admin-token-0000000000000000000000000000";
    static final String RESPONDER = "responder-token-000000000000000000000000";
    static final String REPORTER = "reporter-token-0000000000000000000000000";

    /** Who calls: anonymous, or a token with a role (roles nest: reporter < responder < admin). */
    enum Caller {
        ANONYMOUS,
        REPORTER,
        RESPONDER,
        ADMIN
    }

    /**
     * Every endpoint this service maps, from its handler mappings, with the least caller it admits, or in
     * {@link #CLOSED}. A mapping in neither fails {@link #everyMappedEndpoint_hasARow}.
     */
    static final Map<String, Caller> ACCESS = Map.ofEntries(
            Map.entry("GET /", Caller.ANONYMOUS),
            Map.entry("GET /incidents/{id}", Caller.ANONYMOUS),
            Map.entry("GET /history", Caller.ANONYMOUS),
            Map.entry("GET /history/{date}", Caller.ANONYMOUS),
            Map.entry("GET /history.atom", Caller.ANONYMOUS),
            Map.entry("GET /history.rss", Caller.ANONYMOUS),
            Map.entry("GET /analytics", Caller.ANONYMOUS),
            Map.entry("GET /api/v2/summary.json", Caller.ANONYMOUS),
            Map.entry("GET /api/v2/status.json", Caller.ANONYMOUS),
            Map.entry("GET /api/v2/components.json", Caller.ANONYMOUS),
            Map.entry("GET /api/v2/incidents.json", Caller.ANONYMOUS),
            Map.entry("GET /api/v2/incidents/unresolved.json", Caller.ANONYMOUS),
            Map.entry("GET /api/v2/scheduled-maintenances.json", Caller.ANONYMOUS),
            Map.entry("GET /api/v2/scheduled-maintenances/upcoming.json", Caller.ANONYMOUS),
            Map.entry("GET /api/v2/scheduled-maintenances/active.json", Caller.ANONYMOUS),
            Map.entry("GET /api/v1/incidents/{id}", Caller.ANONYMOUS),
            Map.entry("GET /api/v1/analytics/mttr", Caller.ANONYMOUS),
            Map.entry("GET /api/v1/analytics/mttr.csv", Caller.ANONYMOUS),
            Map.entry("GET /api/v1/components/{id}/uptime", Caller.ANONYMOUS),
            Map.entry("GET /api/v1/component-groups/{id}/uptime", Caller.ANONYMOUS),
            Map.entry("GET /v3/api-docs", Caller.ANONYMOUS),
            Map.entry("GET /v3/api-docs.yaml", Caller.ANONYMOUS),
            Map.entry("GET /actuator/health", Caller.ANONYMOUS),
            Map.entry("GET /actuator/health/**", Caller.ANONYMOUS),
            Map.entry("GET /actuator/info", Caller.ANONYMOUS),
            Map.entry("GET /actuator/prometheus", Caller.ANONYMOUS));

    /**
     * Mapped, but no rule opens them: the actuator's index (a scraper needs none of it) and Spring's error page,
     * which is rendered on error dispatch and closed when requested directly.
     */
    static final Set<String> CLOSED = Set.of("GET /actuator", "GET /error");

    @Autowired
    RestTestClient http;

    @Autowired
    KafkaAdmin kafkaAdmin;

    @Autowired
    LiveStatus liveStatus;

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
        await().atMost(Duration.ofSeconds(30)).until(liveStatus::caughtUp);
        Map<String, Caller> all = new HashMap<>(ACCESS);
        CLOSED.forEach(closed -> all.put(closed, null));
        for (Map.Entry<String, Caller> endpoint : all.entrySet()) {
            String path = endpoint.getKey()
                    .substring("GET ".length())
                    .replace("{id}", "web-app")
                    .replace("{date}", "2026-11-20")
                    .replace("**", "liveness");
            for (Caller caller : Caller.values()) {
                var request = http.get().uri(path);
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
    void health_isUp_withKafkaAndSchemaRegistry_onceCaughtUpWithTheLog() {
        // Until the projection has read the log as far as it reached at start, health is OUT_OF_SERVICE.
        await().atMost(Duration.ofSeconds(30)).until(liveStatus::caughtUp);
        http.get()
                .uri("/actuator/health")
                .header("Authorization", "Bearer " + ADMIN)
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
                .jsonPath("$.components.statusProjection.status")
                .isEqualTo("UP")
                // No incident-service here: still within the first max-heartbeat-age, so waiting, not stale.
                .jsonPath("$.components.pipeline.details.reason")
                .isEqualTo("waiting for the first heartbeat");
    }

    /**
     * Health's details name brokers, the cluster id, the registry URL and exception texts: on this public port
     * only the admin token sees them; anyone else, a responder included, gets the status alone.
     */
    @Test
    void health_toAnyoneButTheAdmin_isTheStatusAlone_andProbesStillAnswer() {
        await().atMost(Duration.ofSeconds(30)).until(liveStatus::caughtUp);
        for (String caller : List.of("", "Bearer " + RESPONDER)) {
            var request = http.get().uri("/actuator/health");
            if (!caller.isEmpty()) {
                request.header("Authorization", caller);
            }
            String body = request.exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(body)
                    .as("health as %s", caller.isEmpty() ? "anonymous" : "a responder")
                    .contains("\"status\":\"UP\"")
                    .doesNotContain(
                            "components",
                            "details",
                            "clusterId",
                            LocalPlatformExtension.bootstrapServers(),
                            LocalPlatformExtension.schemaRegistryUrl());
        }
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            http.get()
                    .uri(probe)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("UP");
        }
    }

    @Test
    void metrics_areExposedForPrometheus_withTheProjectionsLagPerPartition() {
        await().atMost(Duration.ofSeconds(30)).until(liveStatus::caughtUp);
        // Lag per partition appears once the consumer has fetched from each partition.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> http.get()
                        .uri("/actuator/prometheus")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(String.class)
                        .value(body -> assertThat(body)
                                .contains(
                                        "jvm_memory_used_bytes",
                                        "pipeline_heartbeat_age_seconds",
                                        "projection_batch_apply_seconds_count",
                                        "projection_event_lag_seconds",
                                        "projection_events_applied_total",
                                        "projection_consumer_lag{partition=\"5\",topic=\"incident-events\"}")));
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
