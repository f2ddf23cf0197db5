package org.incidentplatform.local.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.incidentplatform.local.kafka.LocalKafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a client sees when Kafka goes away under a running registry. */
class LocalSchemaRegistryOutageTests {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(2);
    private static final String REQUEST =
            "{\"schema\": \"{\\\"type\\\": \\\"fixed\\\", \\\"name\\\": \\\"Id\\\", \\\"size\\\": 16}\"}";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void aWriteWhileKafkaIsDown_failsWith500_withinTheTimeout_whileReadsAreStillAnswered() throws Exception {
        LocalKafkaBroker broker = LocalKafkaBroker.start(dataDir, 0, 0);
        try (LocalSchemaRegistry registry = LocalSchemaRegistry.start(broker.bootstrapServers(), 0, WRITE_TIMEOUT)) {
            assertThat(send(registry, "POST", "/subjects/before-value/versions", REQUEST)
                            .statusCode())
                    .isEqualTo(200);
            broker.close();

            Instant begin = Instant.now();
            HttpResponse<String> refused =
                    send(registry, "POST", "/subjects/during-value/versions", REQUEST.replace("16", "32"));

            assertThat(Duration.between(begin, Instant.now())).isLessThan(WRITE_TIMEOUT.multipliedBy(3));
            assertThat(refused.statusCode()).isEqualTo(500);
            JsonNode error = json.readTree(refused.body());
            assertThat(error.get("error_code").asInt()).isIn(50001, 50002);
            assertThat(error.get("message").asText()).contains("_schemas", broker.bootstrapServers());
            assertThat(send(registry, "GET", "/subjects/before-value/versions", null)
                            .body())
                    .isEqualTo("[1]");
        } finally {
            broker.close();
        }
    }

    private HttpResponse<String> send(LocalSchemaRegistry registry, String method, String path, String body)
            throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(registry.url() + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
