package org.incidentplatform.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.incidentplatform.local.LocalPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** With its broker gone, incident-service answers writes promptly with 503 and Retry-After. */
class KafkaOutageTests {

    // As in src/test/resources/config/application.properties.
    static final String ADMIN = "test-admin-token-0123456789abcdef0123";

    @TempDir
    Path dataDir;

    @Test
    void writes_getA503WithRetryAfter_withinTheDecisionTimeout_whenKafkaIsDown() throws Exception {
        LocalPlatform platform = LocalPlatform.start(dataDir, 0, 0, 0);
        ConfigurableApplicationContext service = null;
        try {
            service = new SpringApplicationBuilder(IncidentServiceApplication.class)
                    .properties(Map.of(
                            "SERVER_PORT", 0,
                            "STREAMS_STATE_DIR", dataDir.resolve("streams").toString(),
                            "KAFKA_BOOTSTRAP_SERVERS", platform.bootstrapServers(),
                            "SCHEMA_REGISTRY_URL", platform.schemaRegistryUrl(),
                            "incident-service.commands.decision-timeout", "3s"))
                    .run(platform.springArguments());
            int port = ((WebServerApplicationContext) service).getWebServer().getPort();
            platform.close();

            long start = System.nanoTime();
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/components"))
                                    .timeout(Duration.ofSeconds(30))
                                    .header("Authorization", "Bearer " + ADMIN)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"web-app\",\"name\":\"Web\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(took).as("bounded by the decision timeout, not a hang").isLessThan(Duration.ofSeconds(10));
        } finally {
            if (service != null) {
                service.close();
            }
            platform.close();
        }
    }
}
