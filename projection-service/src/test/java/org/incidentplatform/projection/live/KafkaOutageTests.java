package org.incidentplatform.projection.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.local.LocalPlatform;
import org.incidentplatform.projection.ProjectionServiceApplication;
import org.incidentplatform.schemas.TopicSpec;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.schemas.given.GivenEvents;
import org.incidentplatform.schemas.serde.AvroSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * When Kafka goes away, the status page must stay up: the last known status is still served, its
 * age is still stated, and health says DEGRADED (HTTP 200), not DOWN.
 */
class KafkaOutageTests {

    @TempDir
    Path dataDir;

    @Test
    void withKafkaGone_theLastKnownStatusIsStillServed_andHealthIsDegradedNotDown() throws Exception {
        LocalPlatform platform = LocalPlatform.start(dataDir, 0, 0, 0);
        ConfigurableApplicationContext service = null;
        try {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
                for (TopicSpec spec : List.of(Topics.INCIDENT_EVENTS, Topics.INCIDENT_EVENTS_DLT)) {
                    admin.createTopics(List.of(
                                    new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs())))
                            .all()
                            .get();
                }
            }
            service = new SpringApplicationBuilder(ProjectionServiceApplication.class)
                    .properties(Map.of(
                            "SERVER_PORT", 0,
                            "KAFKA_BOOTSTRAP_SERVERS", platform.bootstrapServers(),
                            "SCHEMA_REGISTRY_URL", platform.schemaRegistryUrl()))
                    .run(platform.springArguments());
            String base = "http://127.0.0.1:"
                    + ((WebServerApplicationContext) service).getWebServer().getPort();
            LiveStatus status = service.getBean(LiveStatus.class);
            await().atMost(Duration.ofSeconds(30)).until(status::caughtUp);
            GivenEvents given = GivenEvents.happeningNow();
            append(
                    platform,
                    given.catalogue()
                            .componentAdded("web-app", "Web Application", null, 0)
                            .event());
            append(
                    platform,
                    given.declared(
                                    "inc-1",
                                    "Site down",
                                    Impact.critical,
                                    "Looking",
                                    Map.of("web-app", ComponentStatus.major_outage))
                            .event());
            assertThat(status.awaitVersions(Map.of("inc-1", 1L), Duration.ofSeconds(30))
                            .join())
                    .isTrue();

            platform.close();

            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> health = get(http, base + "/actuator/health");
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("\"status\":\"DEGRADED\"");
            });
            HttpResponse<String> summary = get(http, base + "/api/v2/summary.json");
            assertThat(summary.statusCode()).isEqualTo(200);
            assertThat(summary.body())
                    .as("the outage known before Kafka went away")
                    .contains("\"indicator\":\"critical\"", "Site down", "\"status\":\"major_outage\"");
            assertThat(summary.headers().firstValue("X-Data-As-Of")).isPresent();
        } finally {
            if (service != null) {
                service.close();
            }
            platform.close();
        }
    }

    private static void append(LocalPlatform platform, IncidentEvent event) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.bootstrapServers(),
                "schema.registry.url",
                platform.schemaRegistryUrl());
        AvroSerializer<IncidentEvent> values = new AvroSerializer<>();
        values.configure(config, false);
        try (KafkaProducer<String, IncidentEvent> producer =
                new KafkaProducer<>(config, new StringSerializer(), values)) {
            producer.send(new ProducerRecord<>(Topics.INCIDENT_EVENTS.name(), event.getIncidentId(), event))
                    .get();
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
