package org.incidentplatform.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.incidentplatform.localstack.StackHttp.JSON;
import static org.incidentplatform.localstack.StackHttp.created;
import static org.incidentplatform.localstack.StackHttp.declare;
import static org.incidentplatform.localstack.StackHttp.get;
import static org.incidentplatform.localstack.StackHttp.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
 * Analytics end to end: incidents written through incident-service's HTTP API, with the times they
 * happened given explicitly, come out of projection-service's MTTx and uptime endpoints with the exact
 * seconds and minutes ARCHITECTURE.md defines (Durations). Every read waits for the versions just written
 * ({@code X-Await-Version}), so nothing here sleeps or polls.
 *
 * <p>The incidents (2025, well in the past, so the real clock does not matter):
 * <ul>
 *   <li>A, major, on checkout: impact began 10:00 on 10 June (partial outage), detected 10:02, written
 *       up 10:05; identified with a major outage 11:00; monitoring, degraded, 11:15; resolved 11:30.
 *       Detect 120 s, identify 3600, mitigate 4500, resolve 5400; on 10 June checkout had 60 partial,
 *       15 major and 15 degraded minutes.</li>
 *   <li>B, minor, no component: 3 July 08:00 UTC (posted as 10:00+02:00), resolved 08:10: resolve 600 s.</li>
 * </ul>
 */
class AnalyticsEndToEndTests {

    private static final Path HOME = Path.of(System.getProperty("localstack.home", ".."))
            .toAbsolutePath()
            .normalize();

    @TempDir
    static Path dataDir;

    static StackSettings settings;
    static LocalStack stack;
    static String projection;
    static String a;
    static String b;
    static String awaitBoth;

    @BeforeAll
    static void startAndWrite() throws Exception {
        settings = new StackSettings(
                HOME,
                dataDir,
                LocalKafkaBroker.freePort(),
                LocalKafkaBroker.freePort(),
                LocalKafkaBroker.freePort(),
                LocalKafkaBroker.freePort(),
                LocalKafkaBroker.freePort(),
                LocalKafkaBroker.freePort());
        stack = LocalStack.start(settings, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        projection = "http://127.0.0.1:" + settings.projectionPort();
        String incidents = stack.incidentServiceUrl() + "/api/v1/incidents";

        assertThat(post(
                                stack.adminToken(),
                                stack.incidentServiceUrl() + "/api/v1/components",
                                "{\"id\":\"checkout\",\"name\":\"Checkout\"}")
                        .statusCode())
                .isEqualTo(201);
        JsonNode declared = declare(stack.adminToken(), incidents, """
                {"title":"Checkout failing","impact":"major","status":"investigating","message":"Payments fail.",
                 "components":{"checkout":"partial_outage"},"startedAt":"2025-06-10T10:00:00Z",
                 "detectedAt":"2025-06-10T10:02:00Z","detectedBy":"synthetic monitor",
                 "occurredAt":"2025-06-10T10:05:00Z"}""");
        a = declared.path("id").asText();
        created(post(stack.adminToken(), incidents + "/" + a + "/updates", """
                {"message":"A bad certificate.","status":"identified","components":{"checkout":"major_outage"},
                 "occurredAt":"2025-06-10T11:00:00Z"}"""));
        created(post(stack.adminToken(), incidents + "/" + a + "/updates", """
                {"message":"Certificate replaced.","status":"monitoring",
                 "components":{"checkout":"degraded_performance"},"occurredAt":"2025-06-10T11:15:00Z"}"""));
        long aVersion = created(post(stack.adminToken(), incidents + "/" + a + "/resolve", """
                {"message":"All good.","occurredAt":"2025-06-10T11:30:00Z"}"""))
                .path("version")
                .asLong();

        JsonNode other = declare(stack.adminToken(), incidents, """
                {"title":"Slow search","impact":"minor","status":"investigating","message":"Search is slow.","components":{},
                 "occurredAt":"2025-07-03T10:00:00+02:00"}""");
        b = other.path("id").asText();
        long bVersion = created(post(stack.adminToken(), incidents + "/" + b + "/resolve", """
                {"message":"Fast again.","occurredAt":"2025-07-03T08:10:00Z"}"""))
                .path("version")
                .asLong();
        awaitBoth = a + "=" + aVersion + "," + b + "=" + bVersion;
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void incident_hasItsDurationsInSeconds() throws Exception {
        JsonNode incident = awaited(projection + "/api/v1/incidents/" + a);

        assertThat(incident.path("startedAt").asText()).isEqualTo("2025-06-10T10:00:00Z");
        assertThat(incident.path("durations").path("timeToDetect").asLong()).isEqualTo(120);
        assertThat(incident.path("durations").path("timeToIdentify").asLong()).isEqualTo(3600);
        assertThat(incident.path("durations").path("timeToMitigate").asLong()).isEqualTo(4500);
        assertThat(incident.path("durations").path("timeToResolve").asLong()).isEqualTo(5400);
    }

    @Test
    void mttr_groupedByMonth_hasEachIncidentInTheMonthItsImpactBegan() throws Exception {
        JsonNode report = awaited(projection + "/api/v1/analytics/mttr?groupBy=month&from=2025-06-01&to=2025-08-01");

        JsonNode june = report.path("groups").get(0);
        JsonNode july = report.path("groups").get(1);
        assertThat(report.path("groups")).hasSize(2);
        assertThat(june.path("key").asText()).isEqualTo("2025-06");
        assertThat(june.path("incidents").asInt()).isEqualTo(1);
        assertThat(june.path("timeToDetect").path("mean").asDouble()).isEqualTo(120.0);
        assertThat(june.path("timeToResolve").path("mean").asDouble()).isEqualTo(5400.0);
        assertThat(june.path("timeToResolve").path("max").asDouble()).isEqualTo(5400.0);
        assertThat(july.path("key").asText()).isEqualTo("2025-07");
        assertThat(july.path("timeToResolve").path("median").asDouble()).isEqualTo(600.0);

        JsonNode both = awaited(projection + "/api/v1/analytics/mttr?from=2025-06-01&to=2025-08-01")
                .path("groups")
                .get(0);
        assertThat(both.path("incidents").asInt()).isEqualTo(2);
        assertThat(both.path("timeToResolve").path("mean").asDouble()).isEqualTo(3000.0);
        assertThat(both.path("timeToResolve").path("p90").asDouble()).isEqualTo(600 + 0.9 * 4800);

        HttpResponse<String> csv = get(
                projection + "/api/v1/analytics/mttr.csv?groupBy=month&from=2025-06-01" + "&to=2025-08-01",
                Map.of("X-Await-Version", awaitBoth));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.body().split("\r\n")[1]).startsWith("2025-06,1,0,1,120,").endsWith(",1,5400,5400,5400,5400");
    }

    @Test
    void uptime_perUtcDay_hasTheMinutesInEachStatus_fromWhenImpactBegan() throws Exception {
        JsonNode uptime = awaited(projection + "/api/v1/components/checkout/uptime?from=2025-06-10&to=2025-06-11");

        JsonNode june10 = uptime.path("entries").get(0);
        assertThat(june10.path("date").asText()).isEqualTo("2025-06-10");
        // the component is first known at 10:00, when its first incident's impact began
        assertThat(june10.path("observedMinutes").asDouble()).isEqualTo(840.0);
        assertThat(june10.path("minutes").path("partial_outage").asDouble()).isEqualTo(60.0);
        assertThat(june10.path("minutes").path("major_outage").asDouble()).isEqualTo(15.0);
        assertThat(june10.path("minutes").path("degraded_performance").asDouble())
                .isEqualTo(15.0);
        assertThat(june10.path("worstStatus").asText()).isEqualTo("major_outage");
        assertThat(june10.path("incidents").get(0).asText()).isEqualTo(a);
        assertThat(june10.path("uptimePercent").asDouble()).isCloseTo(100 * (1 - (15 + 0.3 * 60) / 840), within(1e-9));
        JsonNode june11 = uptime.path("entries").get(1);
        assertThat(june11.path("uptimePercent").asDouble()).isEqualTo(100.0);
        assertThat(june11.path("incidents")).isEmpty();
        assertThat(uptime.path("uptimePercent").asDouble())
                .isCloseTo(100 * (1 - (15 + 0.3 * 60) / (840 + 1440)), within(1e-9));
    }

    /**
     * checkout was added today, but A names it from 10 June 2025: Statuspage's start_date says the day its
     * uptime (above) starts, and created_at stays the day it was added.
     */
    @Test
    void startDate_isWhereTheUptimeStarts_theBackfilledIncidentsDay() throws Exception {
        JsonNode checkout = null;
        for (JsonNode component :
                awaited(projection + "/api/v2/components.json").path("components")) {
            if (component.path("id").asText().equals("checkout")) {
                checkout = component;
            }
        }
        assertThat(checkout).as("checkout in components.json").isNotNull();
        assertThat(checkout.path("start_date").asText()).isEqualTo("2025-06-10");
        assertThat(checkout.path("created_at").asText()).doesNotStartWith("2025-06-10");
    }

    /** Read-your-writes: the projection waits (bounded) until it has applied both incidents' last events. */
    private static JsonNode awaited(String url) throws Exception {
        HttpResponse<String> response = get(url, Map.of("X-Await-Version", awaitBoth));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Awaited-Version")).hasValue("reached");
        return JSON.readTree(response.body());
    }
}
