package org.incidentplatform.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentplatform.incident.TwoInstancesTests.RESPONDER;
import static org.incidentplatform.incident.TwoInstancesTests.awaitRunning;
import static org.incidentplatform.incident.TwoInstancesTests.get;
import static org.incidentplatform.incident.TwoInstancesTests.post;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.schemas.given.GivenEvents;
import org.incidentplatform.schemas.serde.AvroSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Upgrading from a version that kept each stream's whole history: the first start builds the
 * snapshots from incident-events, so a stream written before the upgrade goes on at its version.
 */
@ExtendWith(LocalPlatformExtension.class)
class SnapshotRebuildTests {

    static final String MARKER_GROUP = "incident-service-snapshots";

    @Test
    void aStreamWrittenBeforeSnapshotsExisted_goesOnAtItsVersion_afterTheFirstStart() throws Exception {
        String incident = "legacy" + UUID.randomUUID().toString().substring(0, 6);
        GivenEvents given = new GivenEvents();
        given.declared(incident, Impact.major, Map.of("web-app", ComponentStatus.partial_outage))
                .updated(IncidentStatus.identified, Impact.critical, Map.of("web-app", ComponentStatus.major_outage));
        createTheLogAsAnEarlierVersionDid();
        appendDirectly(given.events().toArray(IncidentEvent[]::new));
        forgetThatSnapshotsWereBuilt();

        Map<String, Object> properties = new HashMap<>();
        properties.put("SERVER_PORT", 0);
        properties.put(
                "STREAMS_STATE_DIR",
                Files.createTempDirectory("incident-service-upgrade-").toString());
        try (ConfigurableApplicationContext upgraded = new SpringApplicationBuilder(IncidentServiceApplication.class)
                .properties(properties)
                .run()) {
            awaitRunning(upgraded);

            HttpResponse<String> update = post(
                    upgraded,
                    "/api/v1/incidents/" + incident + "/updates",
                    "{\"message\": \"Rollback complete, watching\", \"status\": \"monitoring\"}",
                    RESPONDER,
                    Map.of("If-Match", "\"2\""));
            HttpResponse<String> events = get(upgraded, "/api/v1/incidents/" + incident + "/events", RESPONDER);

            assertThat(update.statusCode()).as(update.body()).isEqualTo(201);
            assertThat(TwoInstancesTests.version(update.body())).isEqualTo(3);
            assertThat(events.statusCode()).isEqualTo(200);
            assertThat(events.body())
                    .contains(
                            "\"sequence\":1",
                            "\"sequence\":2",
                            "\"sequence\":3",
                            "IncidentDeclared",
                            "IncidentUpdatePosted");
            assertThat(events.headers().firstValue("ETag")).contains("\"3\"");
        }
        try (Admin admin = admin()) {
            assertThat(admin.listConsumerGroupOffsets(MARKER_GROUP)
                            .partitionsToOffsetAndMetadata()
                            .get())
                    .as("a later start finds the snapshots built")
                    .isNotEmpty();
        }
    }

    /**
     * The log as incident-service declares it, so that this test also runs alone: a producer would
     * otherwise auto-create it with the broker's defaults, which the service then refuses at start.
     */
    private static void createTheLogAsAnEarlierVersionDid() throws InterruptedException {
        NewTopic log = new NewTopic(Topics.INCIDENT_EVENTS.name(), Topics.INCIDENT_EVENTS.partitions(), (short) 1)
                .configs(Topics.INCIDENT_EVENTS.configs());
        try (Admin admin = admin()) {
            admin.createTopics(List.of(log)).all().get();
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(TopicExistsException.class);
        }
    }

    private static void appendDirectly(IncidentEvent... events) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalPlatformExtension.bootstrapServers(),
                "schema.registry.url",
                LocalPlatformExtension.schemaRegistryUrl());
        AvroSerializer<IncidentEvent> values = new AvroSerializer<>();
        values.configure(config, false);
        try (KafkaProducer<String, IncidentEvent> producer =
                new KafkaProducer<>(config, new StringSerializer(), values)) {
            for (IncidentEvent event : events) {
                producer.send(new ProducerRecord<>(Topics.INCIDENT_EVENTS.name(), event.getIncidentId(), event))
                        .get();
            }
        }
    }

    /** As on a system an earlier version ran: no record that snapshots were built. */
    private static void forgetThatSnapshotsWereBuilt() throws InterruptedException {
        try (Admin admin = admin()) {
            admin.deleteConsumerGroups(List.of(MARKER_GROUP)).all().get();
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(GroupIdNotFoundException.class);
        }
    }

    private static Admin admin() {
        return Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalPlatformExtension.bootstrapServers()));
    }
}
