package org.incidentplatform.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.local.ServiceProcess;
import org.incidentplatform.local.junit.IncidentStreams;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.schemas.given.GivenEvents;
import org.incidentplatform.schemas.serde.AvroSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * projection-service killed with SIGKILL while it rebuilds the status from a long log, and started
 * again: the rebuilt status has every incident and every update of the log exactly once.
 */
@Tag("faults")
@Tag("ci")
class ProjectionKillFaultTests {

    private static final int INCIDENTS = 12_000;
    private static final int EVENTS_PER_INCIDENT = IncidentStreams.EVENTS_PER_INCIDENT;
    /** The first incident's declaration: the 12,000 follow three minutes apart, all in the past. */
    private static final Instant HISTORY_START = Instant.parse("2026-10-01T00:00:00Z");
    /** Every this many incidents one stays open: unresolved.json must list exactly these. */
    private static final int OPEN_EVERY = 400;

    private static final int SAMPLES = 40;
    private static final Pattern APPLIED =
            Pattern.compile("^projection_events_applied_total\\S*\\s+(\\S+)$", Pattern.MULTILINE);
    private static final Pattern CAUGHT_UP = Pattern.compile("caught up with incident-events: (\\d+) events applied");

    @TempDir
    Path dataDir;

    @Test
    void killedDuringARebuild_restartedProjectionHasEveryIncidentAndUpdateOnce() throws Exception {
        // No incident-service in this case, so no heartbeats: the pipeline's freshness is not what is tested.
        try (FaultStack stack = FaultStack.start(dataDir, Map.of("PLATFORM_PIPELINE_MAX_HEARTBEAT_AGE", "1h"))) {
            stack.createIncidentEventTopics();
            long seedStart = System.nanoTime();
            Seeded seeded = seed(stack);
            long seedTook = System.nanoTime() - seedStart;

            // Kill it once its log says it is catching up and part of the log is applied.
            ServiceProcess first = stack.launch(FaultStack.PROJECTION);
            long launched = System.nanoTime();
            double appliedAtKill = awaitPartlyApplied(stack, first, seeded.total());
            long killedAfter = System.nanoTime() - launched;
            stack.kill(FaultStack.PROJECTION);
            assertThat(Files.readString(stack.log(FaultStack.PROJECTION)))
                    .contains("catching up with incident-events")
                    .doesNotContain("caught up with incident-events");

            long restartFrom = System.nanoTime();
            stack.start(FaultStack.PROJECTION);
            long rebuiltIn = System.nanoTime() - restartFrom;
            String url = stack.url(FaultStack.PROJECTION);

            // Every event applied once: the applied counter and the caught-up line equal what was written.
            assertThat(appliedTotal(url))
                    .as("projection_events_applied_total after the restart")
                    .isEqualTo((double) seeded.total());
            Matcher caughtUp = CAUGHT_UP.matcher(Files.readString(stack.log(FaultStack.PROJECTION)));
            assertThat(caughtUp.find()).isTrue();
            assertThat(Long.parseLong(caughtUp.group(1))).isEqualTo(seeded.total());

            // Every incident once: MTTx counts them all, open ones apart; unresolved.json lists exactly the open ones.
            JsonNode mttr = json(url + "/api/v1/analytics/mttr");
            long counted = 0;
            long open = 0;
            for (JsonNode group : mttr.path("groups")) {
                counted += group.path("incidents").asLong();
                open += group.path("open").asLong();
            }
            assertThat(counted).as("incidents in MTTx").isEqualTo(INCIDENTS);
            assertThat(open)
                    .as("open incidents in MTTx")
                    .isEqualTo(seeded.open().size());
            Set<String> unresolved = new HashSet<>();
            json(url + "/api/v2/incidents/unresolved.json")
                    .path("incidents")
                    .forEach(incident -> unresolved.add(incident.path("id").asText()));
            assertThat(unresolved).isEqualTo(seeded.open());
            JsonNode components = json(url + "/api/v2/components.json").path("components");
            assertThat(components.size())
                    .as("components and groups")
                    .isEqualTo(IncidentStreams.GROUPS + IncidentStreams.COMPONENTS);

            // Every update once, in order: a sample of incidents, their timelines against what was written.
            int timelineEntries = 0;
            for (int s = 0; s < SAMPLES; s++) {
                String id = incidentId(s * (INCIDENTS / SAMPLES) + s % 7);
                JsonNode incident = json(url + "/api/v1/incidents/" + id);
                List<String> timeline = new ArrayList<>();
                incident.path("timeline")
                        .forEach(entry -> timeline.add(entry.path("id").asText()));
                assertThat(timeline)
                        .as("timeline of " + id)
                        .isEqualTo(seeded.eventIds().get(id));
                assertThat(incident.path("version").asLong()).isEqualTo(EVENTS_PER_INCIDENT);
                timelineEntries += timeline.size();
            }

            FaultReport.of(
                            "projection-killed-during-rebuild",
                            "projection-service was killed with SIGKILL while "
                                    + "rebuilding its status from a log of " + String.format("%,d", seeded.total())
                                    + " events ("
                                    + String.format("%,d", INCIDENTS) + " incidents of " + EVENTS_PER_INCIDENT
                                    + " events, and "
                                    + "the component catalogue), written straight to incident-events, then started again.")
                    .figure(
                            "events written",
                            String.format("%,d in %,d ms", seeded.total(), TimeUnit.NANOSECONDS.toMillis(seedTook)))
                    .figure(
                            "events applied when killed",
                            String.format(
                                    "%,.0f, %,d ms after launch",
                                    appliedAtKill, TimeUnit.NANOSECONDS.toMillis(killedAfter)))
                    .figure(
                            "restart to UP (rebuilt, caught up)",
                            String.format("%,d ms", TimeUnit.NANOSECONDS.toMillis(rebuiltIn)))
                    .figure("projection_events_applied_total after the restart", String.format("%,d", seeded.total()))
                    .figure("incidents counted by MTTx (open)", counted + " (" + open + ")")
                    .figure(
                            "timelines compared entry by entry",
                            SAMPLES + " incidents, " + timelineEntries + " entries")
                    .held("the kill came while the log said it was catching up, before it said it had caught up")
                    .held("after the restart the applied-events counter and the caught-up line equal the events "
                            + "written: none lost, none applied twice")
                    .held("MTTx counts every incident once; unresolved.json lists exactly the open ones; "
                            + "components.json has every component and group once")
                    .held("each sampled incident's timeline is its events as written, once each, in order, at version "
                            + EVENTS_PER_INCIDENT)
                    .write();
        }
    }

    private double awaitPartlyApplied(FaultStack stack, ServiceProcess process, long total) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        String url = stack.url(FaultStack.PROJECTION);
        while (System.nanoTime() < deadline) {
            assertThat(process.handle().isAlive())
                    .as("projection-service running")
                    .isTrue();
            Double applied = null;
            try {
                applied = appliedTotal(url);
            } catch (java.io.IOException notListeningYet) {
                // The listener may start before the web server.
            }
            if (applied != null && applied >= total * 0.05) {
                assertThat(applied)
                        .as("the rebuild was over before it could be interrupted")
                        .isLessThan(total);
                return applied;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("projection-service did not start applying the log within 180 s");
    }

    private static Double appliedTotal(String url) throws Exception {
        HttpResponse<String> response = StackHttp.get(url + "/actuator/prometheus", Map.of());
        if (response.statusCode() != 200) {
            return null;
        }
        Matcher matcher = APPLIED.matcher(response.body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : null;
    }

    private static JsonNode json(String url) throws Exception {
        HttpResponse<String> response = StackHttp.get(url, Map.of());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return StackHttp.JSON.readTree(response.body());
    }

    private record Seeded(long total, Map<String, List<String>> eventIds, Set<String> open) {}

    /** Valid streams, as incident-service would have written them: the catalogue, then the incidents. */
    private static Seeded seed(FaultStack stack) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.platform().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        AvroSerializer<IncidentEvent> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", stack.platform().schemaRegistryUrl()), false);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long total = 0;
        Map<String, List<String>> eventIds = new HashMap<>();
        Set<String> open = new HashSet<>();
        try (KafkaProducer<String, IncidentEvent> producer =
                new KafkaProducer<>(props, new StringSerializer(), serializer)) {
            List<IncidentEvent> catalogue = catalogue();
            for (IncidentEvent event : catalogue) {
                producer.send(new ProducerRecord<>(Topics.INCIDENT_EVENTS.name(), event.getIncidentId(), event))
                        .get();
            }
            total += catalogue.size();
            for (int i = 0; i < INCIDENTS; i++) {
                String id = incidentId(i);
                boolean isOpen = i % OPEN_EVERY == 0;
                if (isOpen) {
                    open.add(id);
                }
                List<String> ids = new ArrayList<>(EVENTS_PER_INCIDENT);
                for (IncidentEvent event : IncidentStreams.incident(
                        id, i, EVENTS_PER_INCIDENT, isOpen, HISTORY_START, Duration.ofMinutes(3))) {
                    producer.send(new ProducerRecord<>(Topics.INCIDENT_EVENTS.name(), id, event), (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                    ids.add(event.getEventId().toString());
                    total++;
                }
                eventIds.put(id, ids);
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return new Seeded(total, eventIds, open);
    }

    private static String incidentId(int i) {
        return "inc-" + i;
    }

    /** Groups {@code group-0} ..., then components {@code component-0} ... spread over them, as the streams say. */
    private static List<IncidentEvent> catalogue() {
        GivenEvents given = new GivenEvents();
        GivenEvents.Catalogue catalogue = given.catalogue();
        for (int g = 0; g < IncidentStreams.GROUPS; g++) {
            catalogue.groupAdded("group-" + g, "Group " + g, g);
        }
        for (int c = 0; c < IncidentStreams.COMPONENTS; c++) {
            catalogue.componentAdded(
                    IncidentStreams.component(c), "Component " + c, "group-" + (c % IncidentStreams.GROUPS), c);
        }
        return given.events();
    }
}
