package org.incidentplatform.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.incidentplatform.local.kafka.LocalKafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code path of the README's run command, end to end: everything starts and reports UP. */
class LocalStackTests {

    private static final Path HOME = Path.of(System.getProperty("localstack.home", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dataDir;

    @Test
    void start_runsBrokerRegistryAndAllThreeServices_withEveryHealthEndpointUp() throws Exception {
        StackSettings settings = settingsOnFreePorts(dataDir);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        HttpClient http = HttpClient.newHttpClient();

        try (LocalStack stack = LocalStack.start(settings, new PrintStream(console, true, StandardCharsets.UTF_8))) {
            assertThat(stack.healthUrls()).hasSize(3);
            for (String url : stack.healthUrls()) {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).as(url).isEqualTo(200);
                assertThat(health.body()).as(url).contains("\"status\":\"UP\"");
            }
            HttpResponse<String> subjects = http.send(
                    HttpRequest.newBuilder(URI.create(stack.schemaRegistryUrl() + "/subjects")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(subjects.statusCode()).isEqualTo(200);
            assertThat(console.toString(StandardCharsets.UTF_8))
                    .contains("Incident platform is up", "incident-service", "projection-service",
                            "notification-service", "Press Ctrl-C to stop");

            assertThatThrownBy(() -> LocalStack.start(settingsOnFreePorts(dataDir), new PrintStream(new ByteArrayOutputStream())))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("another local stack is already running");
        }
    }

    @Test
    void settings_nameTheVariable_whenAPortIsMalformed() {
        assertThatThrownBy(() -> StackSettings.fromEnvironment(Map.of("SCHEMA_REGISTRY_PORT", "80a81"), HOME))
                .isInstanceOf(StackException.class)
                .hasMessage("SCHEMA_REGISTRY_PORT='80a81' is not a TCP port (1-65535)");
    }

    @Test
    void settings_defaultToTheDocumentedPortsAndDataDirectory() {
        StackSettings settings = StackSettings.fromEnvironment(Map.of(), HOME);

        assertThat(settings.dataDir()).isEqualTo(HOME.resolve("data"));
        assertThat(settings.kafkaPort()).isEqualTo(9092);
        assertThat(settings.registryPort()).isEqualTo(8081);
        assertThat(settings.incidentPort()).isEqualTo(8080);
        assertThat(settings.projectionPort()).isEqualTo(8082);
        assertThat(settings.notificationPort()).isEqualTo(8083);
    }

    private static StackSettings settingsOnFreePorts(Path dataDir) {
        return new StackSettings(HOME, dataDir, LocalKafkaBroker.freePort(), LocalKafkaBroker.freePort(),
                LocalKafkaBroker.freePort(), LocalKafkaBroker.freePort(), LocalKafkaBroker.freePort(),
                LocalKafkaBroker.freePort());
    }
}
