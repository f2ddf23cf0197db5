package org.incidentplatform.incident.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentplatform.incident.web.Http.acceptAll;
import static org.mockito.Mockito.mockingDetails;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.incidentplatform.incident.command.CommandGateway;
import org.incidentplatform.incident.command.StreamReader;
import org.incidentplatform.local.junit.HostileBodies;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A fuzz run over every write endpoint: random bytes, mutations of a valid body (cut, spliced, retyped,
 * huge, deeply nested, invalid UTF-8) and wrong content types, as an admin, so that only the body decides.
 * Whatever arrives, the answer is never a 5xx, and a request refused with a 4xx hands nothing to the command
 * gateway, so nothing is appended. Seeded, so a failure reproduces: {@code -Dfuzz.seed=… -Dfuzz.rounds=…}.
 */
@Tag("fuzz")
@WebSlice
class HostileInputTests {

    static final long SEED = Long.getLong("fuzz.seed", 20261122L);
    static final int ROUNDS = Integer.getInteger("fuzz.rounds", 20);

    /** Each write endpoint with one valid body, the seed of its mutations. */
    static final Map<String, String> WRITES = Map.ofEntries(
            Map.entry(
                    "/api/v1/components",
                    "{\"id\":\"web-app\",\"name\":\"Web\",\"group\":\"core\",\"description\":\"d\"}"),
            Map.entry("/api/v1/component-groups", "{\"id\":\"core\",\"name\":\"Core\"}"),
            Map.entry(
                    "/api/v1/incidents",
                    "{\"title\":\"Down\",\"impact\":\"major\",\"status\":\"investigating\","
                            + "\"message\":\"m\",\"components\":{\"web-app\":\"major_outage\"},"
                            + "\"startedAt\":\"2024-03-10T01:40:00-05:00\",\"detectedBy\":\"monitor\"}"),
            Map.entry(
                    "/api/v1/incidents/inc-1/updates",
                    "{\"message\":\"m\",\"status\":\"identified\",\"impact\":\"minor\","
                            + "\"components\":{\"web-app\":\"partial_outage\"},\"occurredAt\":\"2024-03-10T03:05:00-04:00\"}"),
            Map.entry("/api/v1/incidents/inc-1/resolve", "{\"message\":\"fixed\"}"),
            Map.entry("/api/v1/incidents/inc-1/reopen", "{\"message\":\"back\",\"status\":\"investigating\"}"),
            Map.entry("/api/v1/incidents/inc-1/retract", "{\"reason\":\"declared in error\"}"),
            Map.entry(
                    "/api/v1/incidents/inc-1/postmortem",
                    "{\"body\":\"# What happened\",\"rootCause\":\"deploy\","
                            + "\"contributingFactors\":[\"no canary\"]}"),
            Map.entry(
                    "/api/v1/incidents/inc-1/action-items",
                    "{\"title\":\"Add canary\",\"owner\":\"ops\"," + "\"dueDate\":\"2024-04-01\"}"),
            Map.entry(
                    "/api/v1/maintenances",
                    "{\"title\":\"Upgrade\",\"message\":\"m\",\"components\":{\"web-app\":"
                            + "\"under_maintenance\"},\"scheduledFor\":\"2024-03-12T22:00:00Z\",\"scheduledUntil\":\"2024-03-12T23:00:00Z\"}"),
            Map.entry("/api/v1/maintenances/mnt-1/updates", "{\"message\":\"halfway\"}"),
            Map.entry("/api/v1/maintenances/mnt-1/start", "{\"message\":\"started\"}"));

    static final String[] CONTENT_TYPES = {
        "text/plain",
        "application/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json; charset=latin1",
        "application/*"
    };

    @Autowired
    MockMvc http;

    @MockitoBean
    CommandGateway gateway;

    @MockitoBean
    StreamReader streams;

    final Random random = new Random(SEED);
    private final HostileBodies bodies = new HostileBodies(random, 5_000);
    final Map<Integer, Integer> answers = new TreeMap<>();

    @BeforeEach
    void everyValidCommandIsAccepted() {
        acceptAll(gateway, 1);
    }

    @Test
    void noInputGetsA5xx_andNoRefusedInputReachesTheLog() throws Exception {
        int tried = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (Map.Entry<String, String> write : new TreeMap<>(WRITES).entrySet()) {
                for (byte[] body : bodies.of(write.getValue())) {
                    send(write.getKey(), "application/json", body);
                    tried++;
                }
                send(
                        write.getKey(),
                        CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)],
                        write.getValue().getBytes(StandardCharsets.UTF_8));
                send(write.getKey(), null, write.getValue().getBytes(StandardCharsets.UTF_8));
                tried += 2;
            }
        }
        System.out.printf(
                "hostile input, incident-service: %d requests (seed %d, %d rounds), answers by status: %s;"
                        + " refused ones handed nothing to the command gateway%n",
                tried, SEED, ROUNDS, answers);

        assertThat(tried).isEqualTo(ROUNDS * WRITES.size() * 12);
        assertThat(answers.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(tried);
        assertThat(answers.keySet())
                .as("statuses seen")
                .allMatch(status -> status < 500)
                .contains(400, 413, 415);

        // For RELIABILITY.md (./fault-suite.sh), written only now that every assertion has passed.
        Path reports = Files.createDirectories(Path.of("target", "reliability"));
        Files.writeString(
                reports.resolve("hostile-input-incident-service.md"),
                String.join(
                        "\n",
                        "### hostile-input-incident-service",
                        "",
                        "A fuzz run over every write endpoint of incident-service (" + WRITES.size()
                                + "), in a web slice"
                                + " with the command gateway mocked, as admin so that only the body decides: random bytes,"
                                + " mutations of a valid body (cut, spliced, retyped, huge strings, deep nesting, invalid"
                                + " UTF-8, null values, trailing garbage) and wrong or missing content types.",
                        "",
                        "Measured:",
                        "",
                        "- requests: " + tried + " (seed " + SEED + ", " + ROUNDS + " rounds)",
                        "- answers by status: " + answers,
                        "",
                        "Held (asserted):",
                        "",
                        "- no answer was a 5xx",
                        "- no refused request (4xx) reached the command gateway, so nothing was appended",
                        ""));
    }

    private void send(String path, String contentType, byte[] body) throws Exception {
        int before = mockingDetails(gateway).getInvocations().size();
        var request = post(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + WebSlice.ADMIN)
                .content(body);
        if (contentType != null) {
            request.header(HttpHeaders.CONTENT_TYPE, contentType);
        }
        int status = http.perform(request).andReturn().getResponse().getStatus();
        answers.merge(status, 1, Integer::sum);
        String shown = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
        assertThat(status).as("%s with %s: %s", path, contentType, shown).isLessThan(500);
        if (status >= 400) {
            assertThat(mockingDetails(gateway).getInvocations().size())
                    .as("refused with %d, yet handed to the gateway: %s %s", status, path, shown)
                    .isEqualTo(before);
        }
    }
}
