package org.incidentplatform.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentUpdatePosted;
import org.incidentplatform.local.ServiceProcess;
import org.incidentplatform.local.junit.EventLog;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema registry stopped under running services. What the platform does, asserted as it is:
 * producers that already know their schema id keep writing, consumers keep reading with the schemas
 * they cached, no request hangs, and a service started while the registry is away stops at start
 * with one clear line instead of running half-configured.
 */
@Tag("faults")
@Tag("ci")
class RegistryOutageFaultTests {

    private static final int BEFORE = 5;
    private static final int DURING = 20;
    /** incident-service's default incident-service.commands.decision-timeout, and a loaded machine's margin. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(10 + 5);

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    @Test
    void registryDown_runningProducersAndConsumersCarryOn_noRequestHangs_aServiceStartedMeanwhileStopsWithOneClearLine()
            throws Exception {
        try (FaultStack stack =
                FaultStack.start(dataDir, Map.of("PLATFORM_STARTUP_TIMEOUT", STARTUP_TIMEOUT.toSeconds() + "s"))) {
            stack.start(FaultStack.INCIDENT, FaultStack.PROJECTION);
            String admin = stack.tokens().admin();
            String incidents = stack.url(FaultStack.INCIDENT) + "/api/v1/incidents";
            StackHttp.created(StackHttp.post(
                    admin,
                    stack.url(FaultStack.INCIDENT) + "/api/v1/components",
                    "{\"id\":\"web-app\",\"name\":\"Web Application\"}"));
            String id = StackHttp.declare(
                            admin,
                            incidents,
                            "{\"title\":\"Login failures\",\"impact\":\"major\","
                                    + "\"status\":\"investigating\",\"message\":\"Investigating.\","
                                    + "\"components\":{\"web-app\":\"partial_outage\"}}")
                    .path("id")
                    .asText();
            for (int i = 0; i < BEFORE; i++) {
                assertThat(postUpdate(admin, incidents, id, "before-" + i).statusCode())
                        .isEqualTo(201);
            }
            StackHttp.awaitProjectedVersion(stack.url(FaultStack.PROJECTION), id, 1 + BEFORE);

            stack.platform().stopRegistry();
            String registryUrl = stack.platform().schemaRegistryUrl();

            // Writes while the registry is away: each answered promptly, whatever the answer.
            List<String> accepted = new ArrayList<>();
            int unavailable = 0;
            long slowest = 0;
            for (int i = 0; i < DURING; i++) {
                long begin = System.nanoTime();
                HttpResponse<String> response = postUpdate(admin, incidents, id, "during-" + i);
                long took = System.nanoTime() - begin;
                slowest = Math.max(slowest, took);
                assertThat(Duration.ofNanos(took))
                        .as("answer to a write while the registry is down")
                        .isLessThanOrEqualTo(ANSWER_BOUND);
                if (response.statusCode() == 201) {
                    accepted.add("during-" + i);
                } else {
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                    unavailable++;
                }
            }
            String incidentHealth = health(stack.url(FaultStack.INCIDENT));
            String projectionHealth = health(stack.url(FaultStack.PROJECTION));
            // The event envelope's schema id is cached by incident-service's serializer: writes go on.
            assertThat(accepted)
                    .as("writes accepted while the registry is down")
                    .hasSize(DURING);

            // The projection keeps applying them with the schema it cached.
            long projectedFrom = System.nanoTime();
            JsonNode projected =
                    StackHttp.awaitProjectedVersion(stack.url(FaultStack.PROJECTION), id, 1 + BEFORE + DURING);
            long projectedIn = System.nanoTime() - projectedFrom;
            List<String> timeline = new ArrayList<>();
            projected
                    .path("timeline")
                    .forEach(entry -> timeline.add(entry.path("message").asText()));
            assertThat(timeline).containsSubsequence(accepted).doesNotHaveDuplicates();

            // A service started now cannot check its schemas: it stops at start, saying why in one line.
            long launched = System.nanoTime();
            ServiceProcess notification = stack.launch(FaultStack.NOTIFICATION);
            OptionalInt exit = notification.awaitExit(Duration.ofSeconds(150));
            long exitedIn = System.nanoTime() - launched;
            assertThat(exit)
                    .as("notification-service started while the registry is down exits")
                    .isPresent();
            assertThat(exit.getAsInt()).isNotZero();
            String reason = Files.readAllLines(stack.log(FaultStack.NOTIFICATION)).stream()
                    .filter(line -> line.startsWith("Schema registry check failed: "))
                    .findFirst()
                    .orElseThrow(
                            () -> new AssertionError("no one-line reason in " + stack.log(FaultStack.NOTIFICATION)));
            assertThat(reason)
                    .contains(registryUrl)
                    .contains("platform.schema-registry-url")
                    .contains("does not answer");

            // Registry back: the same services go on, and the one that could not start now starts.
            stack.platform().startRegistry();
            assertThat(postUpdate(admin, incidents, id, "after").statusCode()).isEqualTo(201);
            StackHttp.awaitProjectedVersion(stack.url(FaultStack.PROJECTION), id, 1 + BEFORE + DURING + 1);
            long restartFrom = System.nanoTime();
            stack.start(FaultStack.NOTIFICATION);
            long restartIn = System.nanoTime() - restartFrom;

            List<IncidentEvent> log = EventLog.of(stack.platform(), id);
            List<String> messages = log.stream()
                    .filter(e -> e.getPayload() instanceof IncidentUpdatePosted)
                    .map(e -> ((IncidentUpdatePosted) e.getPayload()).getMessage())
                    .toList();
            assertThat(messages).doesNotHaveDuplicates().containsAll(accepted).hasSize(BEFORE + DURING + 1);

            FaultReport.of(
                            "registry-outage",
                            "The schema registry was stopped while incident-service and "
                                    + "projection-service ran; " + DURING
                                    + " incident updates were POSTed one after another, "
                                    + "then notification-service was started (with platform.startup-timeout "
                                    + STARTUP_TIMEOUT.toSeconds() + " s); then the registry was started again.")
                    .figure("writes while the registry was down: 201 / 503", accepted.size() + " / " + unavailable)
                    .figure("slowest answer while the registry was down", millis(slowest))
                    .figure("projection showed all of them after", millis(projectedIn))
                    .figure("incident-service /actuator/health while the registry was down", incidentHealth)
                    .figure("projection-service /actuator/health while the registry was down", projectionHealth)
                    .figure(
                            "notification-service started meanwhile: exit code, after",
                            exit.getAsInt() + ", " + millis(exitedIn))
                    .figure("its reason", "`" + reason + "`")
                    .figure("notification-service start once the registry was back", millis(restartIn))
                    .held("running producers keep writing: incident-service's serializer has the envelope's schema id"
                            + " cached, so every write during the outage was accepted (201)")
                    .held("no write waited longer than " + ANSWER_BOUND.toSeconds() + " s")
                    .held("the consumer keeps going: projection-service applied every event appended during the "
                            + "outage, each once, with the schema it had cached")
                    .held("a service started while the registry is down exits non-zero at start with one line naming "
                            + "the registry URL and platform.schema-registry-url")
                    .held("after the registry returns, writes and the projection go on, the log has every update once,"
                            + " and the service that could not start starts")
                    .write();
        }
    }

    private static HttpResponse<String> postUpdate(String token, String incidents, String id, String message)
            throws Exception {
        return StackHttp.post(
                token,
                incidents + "/" + id + "/updates",
                "{\"message\":\"" + message + "\"}",
                message,
                Duration.ofSeconds(60));
    }

    private static String health(String url) throws Exception {
        HttpResponse<String> response = StackHttp.get(url + "/actuator/health", Map.of());
        return "HTTP " + response.statusCode() + ", "
                + StackHttp.JSON.readTree(response.body()).path("status").asText();
    }

    private static String millis(long nanos) {
        return String.format("%,d ms", TimeUnit.NANOSECONDS.toMillis(nanos));
    }
}
