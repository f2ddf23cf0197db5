package org.incidentplatform.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.incidentplatform.local.LocalPlatform;
import org.incidentplatform.local.ServiceProcess;
import org.incidentplatform.local.kafka.LocalKafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heartbeat through the pipeline, across real processes: incident-service appends heartbeats,
 * projection-service reports their age; when incident-service dies, projection-service turns DEGRADED
 * with the reason (and keeps serving the page), and recovers once heartbeats flow again.
 */
class PipelineHeartbeatTests {

    private static final Path HOME = Path.of(System.getProperty("localstack.home", ".."))
            .toAbsolutePath()
            .normalize();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void stoppedIncidentService_turnsProjectionDegradedWithTheReason_untilHeartbeatsFlowAgain() throws Exception {
        Path logs = Files.createDirectories(dataDir.resolve("logs"));
        try (LocalPlatform platform = LocalPlatform.start(dataDir, 0, 0, 0)) {
            AccessTokenFile.Tokens tokens = AccessTokenFile.loadOrCreate(dataDir);
            String admin = tokens.admin();
            Map<String, String> environment = LocalStack.serviceEnvironment(platform, dataDir, tokens);
            int incidentPort = LocalKafkaBroker.freePort();
            ServiceProcess incidents = start(
                    "incident-service", incidentPort, logs, environment, "-Dincident-service.heartbeat.interval=1s");
            ServiceProcess projection = start(
                    "projection-service",
                    LocalKafkaBroker.freePort(),
                    logs,
                    environment,
                    "-Dplatform.pipeline.max-heartbeat-age=5s");
            try {
                JsonNode fresh = awaitPipeline(projection, "UP", admin);
                assertThat(fresh.path("details").path("from").asText()).startsWith("incident-service@");
                assertThat(fresh.path("details").path("heartbeatAgeSeconds").asDouble())
                        .isLessThan(5);

                incidents.kill();
                JsonNode stale = awaitPipeline(projection, "DEGRADED", admin);
                assertThat(stale.path("details").path("reason").asText())
                        .contains("no heartbeat for")
                        .contains("incident-service is stopped");
                assertThat(get(projection.url() + "/actuator/health", admin)
                                .path("status")
                                .asText())
                        .isEqualTo("DEGRADED");
                assertThat(HTTP.send(
                                        HttpRequest.newBuilder(URI.create(projection.url() + "/api/v2/status.json"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                        .as("the page still serves")
                        .isEqualTo(200);

                incidents = start(
                        "incident-service",
                        incidentPort,
                        logs,
                        environment,
                        "-Dincident-service.heartbeat.interval=1s");
                awaitPipeline(projection, "UP", admin);
            } finally {
                incidents.stop();
                projection.stop();
            }
        }
    }

    private static ServiceProcess start(
            String name, int port, Path logs, Map<String, String> environment, String setting) {
        List<String> options = new ArrayList<>(ServiceProcess.LOCAL_JVM_OPTIONS);
        options.add(setting);
        ServiceProcess service =
                ServiceProcess.start(name, LocalStack.jarOf(HOME, name), port, logs, options, environment);
        service.awaitHealthy(LocalStack.SERVICE_START_TIMEOUT);
        return service;
    }

    /** Within a minute of a stopped writer or a stuck consumer, as ARCHITECTURE.md asks (Events, {@code Heartbeat}). */
    private static JsonNode awaitPipeline(ServiceProcess projection, String status, String admin) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode pipeline = null;
        while (System.nanoTime() < deadline) {
            pipeline = get(projection.url() + "/actuator/health", admin)
                    .path("components")
                    .path("pipeline");
            if (status.equals(pipeline.path("status").asText())) {
                return pipeline;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("pipeline health did not become " + status + " within 60 s; last: " + pipeline);
    }

    /** Health's details are shown to admins only. */
    private static JsonNode get(String url, String admin) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + admin)
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
