package org.incidentplatform.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.incidentplatform.localstack.StackHttp.JSON;
import static org.incidentplatform.localstack.StackHttp.created;
import static org.incidentplatform.localstack.StackHttp.declare;
import static org.incidentplatform.localstack.StackHttp.get;
import static org.incidentplatform.localstack.StackHttp.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.incidentplatform.local.kafka.LocalKafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code path of the README's run command, end to end: everything starts and reports UP, and an
 * incident posted to incident-service shows on projection-service's Statuspage API at each step.
 */
class LocalStackTests {

    private static final Path HOME = Path.of(System.getProperty("localstack.home", ".."))
            .toAbsolutePath()
            .normalize();

    @TempDir
    static Path dataDir;

    static StackSettings settings;
    static ByteArrayOutputStream console = new ByteArrayOutputStream();
    static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        settings = settingsOnFreePorts(dataDir);
        stack = LocalStack.start(settings, new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void start_runsBrokerRegistryAndAllThreeServices_withEveryHealthEndpointUp() throws Exception {
        assertThat(stack.healthUrls()).hasSize(3);
        for (String url : stack.healthUrls()) {
            HttpResponse<String> health = get(url, Map.of());
            assertThat(health.statusCode()).as(url).isEqualTo(200);
            assertThat(JSON.readTree(health.body()).path("status").asText())
                    .as(url)
                    .isEqualTo("UP");
        }
        assertThat(get(stack.schemaRegistryUrl() + "/subjects", Map.of()).statusCode())
                .isEqualTo(200);
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains(
                        "Incident platform is up",
                        "incident-service",
                        "projection-service",
                        "notification-service",
                        "Admin token: " + stack.adminToken(),
                        "Press Ctrl-C to stop");
    }

    @Test
    void aSecondStackOnTheSameDataDirectory_isRefusedWithAClearMessage() {
        assertThatThrownBy(() ->
                        LocalStack.start(settingsOnFreePorts(dataDir), new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("another local stack is already running");
    }

    @Test
    void anIncidentPostedToIncidentService_isOnTheStatusPageAtEveryStep() throws Exception {
        String incidents = stack.incidentServiceUrl() + "/api/v1/incidents";
        String summary = "http://127.0.0.1:" + settings.projectionPort() + "/api/v2/summary.json";
        assertThat(post(
                                stack.adminToken(),
                                stack.incidentServiceUrl() + "/api/v1/components",
                                "{\"id\":\"web-app\",\"name\":\"Web Application\"}")
                        .statusCode())
                .isEqualTo(201);
        JsonNode declared = declare(
                stack.adminToken(),
                incidents,
                "{\"title\":\"All app servers removed by a deploy\","
                        + "\"impact\":\"critical\",\"status\":\"investigating\",\"message\":\"The site is down.\","
                        + "\"components\":{\"web-app\":\"major_outage\"}}");
        String id = declared.path("id").asText();

        JsonNode page = awaitVersion(summary, id, declared.path("version").asLong());
        assertThat(page.at("/status/indicator").asText()).isEqualTo("critical");
        assertThat(componentStatus(page, "Web Application")).isEqualTo("major_outage");
        assertThat(page.path("incidents").get(0).path("id").asText()).isEqualTo(id);

        JsonNode identified = created(post(
                stack.adminToken(),
                incidents + "/" + id + "/updates",
                "{\"message\":\"A bad deploy.\","
                        + "\"status\":\"identified\",\"components\":{\"web-app\":\"partial_outage\"}}"));
        page = awaitVersion(summary, id, identified.path("version").asLong());
        assertThat(page.path("incidents").get(0).path("status").asText()).isEqualTo("identified");
        assertThat(componentStatus(page, "Web Application")).isEqualTo("partial_outage");

        JsonNode resolved =
                created(post(stack.adminToken(), incidents + "/" + id + "/resolve", "{\"message\":\"Rolled back.\"}"));
        page = awaitVersion(summary, id, resolved.path("version").asLong());
        assertThat(page.at("/status/indicator").asText()).isEqualTo("none");
        assertThat(page.at("/status/description").asText()).isEqualTo("All Systems Operational");
        assertThat(componentStatus(page, "Web Application")).isEqualTo("operational");
        assertThat(page.path("incidents")).isEmpty();
    }

    @Test
    void smokeCheck_passesEveryStep_andLeavesThePublicPageAsItWas() throws Exception {
        String summary = "http://127.0.0.1:" + settings.projectionPort() + "/api/v2/summary.json";
        JsonNode before = JSON.readTree(get(summary, Map.of()).body());
        ByteArrayOutputStream report = new ByteArrayOutputStream();

        boolean passed = new SmokeCheck(
                        URI.create(stack.incidentServiceUrl()),
                        URI.create("http://127.0.0.1:" + settings.projectionPort()),
                        URI.create("http://127.0.0.1:" + settings.notificationPort()),
                        stack.adminToken(),
                        new PrintStream(report, true, StandardCharsets.UTF_8))
                .run();

        String printed = report.toString(StandardCharsets.UTF_8);
        assertThat(passed).as(printed).isTrue();
        assertThat(printed)
                .contains(
                        "ok",
                        "projection shows it",
                        "webhook delivered",
                        "gone from the public page",
                        "SMOKE CHECK PASSED")
                .doesNotContain("FAIL");
        JsonNode after = JSON.readTree(get(summary, Map.of()).body());
        assertThat(after.path("components")).as("no smoke component in public").isEqualTo(before.path("components"));
        assertThat(after.path("incidents")).isEqualTo(before.path("incidents"));
        assertThat(get("http://127.0.0.1:" + settings.projectionPort() + "/api/v2/incidents.json", Map.of())
                        .body())
                .doesNotContain("Smoke check");
    }

    @Test
    void settings_nameTheVariable_whenAPortIsMalformed() {
        assertThatThrownBy(() -> StackSettings.fromEnvironment(Map.of("SCHEMA_REGISTRY_PORT", "80a81"), HOME))
                .isInstanceOf(StackException.class)
                .hasMessage("SCHEMA_REGISTRY_PORT='80a81' is not a TCP port (1-65535)");
    }

    @Test
    void settings_defaultToTheDocumentedPortsAndDataDirectory() {
        StackSettings defaults = StackSettings.fromEnvironment(Map.of(), HOME);

        assertThat(defaults.dataDir()).isEqualTo(HOME.resolve("data"));
        assertThat(defaults.kafkaPort()).isEqualTo(9092);
        assertThat(defaults.registryPort()).isEqualTo(8081);
        assertThat(defaults.incidentPort()).isEqualTo(8080);
        assertThat(defaults.projectionPort()).isEqualTo(8082);
        assertThat(defaults.notificationPort()).isEqualTo(8083);
    }

    /** Read-your-writes: the projection waits (bounded) until it has applied the version we just got. */
    private static JsonNode awaitVersion(String url, String stream, long version) throws Exception {
        HttpResponse<String> response = get(url, Map.of("X-Await-Version", stream + "=" + version));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Awaited-Version")).hasValue("reached");
        return JSON.readTree(response.body());
    }

    private static String componentStatus(JsonNode page, String name) {
        for (JsonNode component : page.path("components")) {
            if (name.equals(component.path("name").asText())) {
                return component.path("status").asText();
            }
        }
        throw new AssertionError("no component named " + name + " in " + page.path("components"));
    }

    private static StackSettings settingsOnFreePorts(Path dataDir) {
        return new StackSettings(
                HOME,
                dataDir,
                LocalKafkaBroker.freePort(),
                LocalKafkaBroker.freePort(),
                LocalKafkaBroker.freePort(),
                LocalKafkaBroker.freePort(),
                LocalKafkaBroker.freePort(),
                LocalKafkaBroker.freePort());
    }
}
