package org.incidentplatform.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.events.IncidentUpdatePosted;
import org.incidentplatform.local.junit.EventLog;
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Two incident-service instances on one real broker, as two deployments would run: the HTTP
 * layer of either may take any request, and Kafka decides which instance's processor decides it.
 */
@ExtendWith(LocalPlatformExtension.class)
class TwoInstancesTests {

    // As in src/test/resources/config/application.properties.
    static final String ADMIN = "test-admin-token-0123456789abcdef0123";
    static final String RESPONDER = "test-responder-token-0123456789abcdef";
    static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static Path stateRoot;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() throws IOException {
        stateRoot = Files.createTempDirectory("incident-service-state-");
        first = start("first");
        second = start("second");
        awaitRunning(first);
        awaitRunning(second);
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void concurrentConflictingUpdates_throughBothInstances_leaveAGapFreeSequence_withOneEventPerAcceptedResponse()
            throws Exception {
        String component = addComponent(first);
        String incident = declareIncident(first, component);
        List<String> statuses = List.of("investigating", "identified", "monitoring");

        List<Callable<HttpResponse<String>>> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ConfigurableApplicationContext instance = i % 2 == 0 ? first : second;
            String body = "{\"message\":\"update " + i + "\",\"status\":\"" + statuses.get(i % 3) + "\"}";
            // Half of them insist on being the update right after the declaration: at most one may win.
            Map<String, String> headers = i % 4 == 0 ? Map.of("If-Match", "\"1\"") : Map.of();
            requests.add(() -> post(instance, "/api/v1/incidents/" + incident + "/updates", body, RESPONDER, headers));
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            for (Future<HttpResponse<String>> response : clients.invokeAll(requests)) {
                responses.add(response.get());
            }
        } finally {
            clients.shutdownNow();
        }

        List<IncidentEvent> log = eventsOf(incident);
        assertThat(responses)
                .allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isIn(201, 409, 412));
        assertThat(log).extracting(IncidentEvent::getSequence).containsExactlyElementsOf(sequence(1, log.size()));
        assertThat(log).extracting(IncidentEvent::getEventId).doesNotHaveDuplicates();
        List<Long> acceptedVersions = responses.stream()
                .filter(r -> r.statusCode() == 201)
                .map(r -> version(r.body()))
                .sorted()
                .toList();
        assertThat(acceptedVersions).containsExactlyElementsOf(sequence(2, log.size()));
        long ifMatchWinners = responses.stream()
                .filter(r -> r.request().headers().firstValue("If-Match").isPresent() && r.statusCode() == 201)
                .count();
        assertThat(ifMatchWinners).isLessThanOrEqualTo(1);
        assertStatusNeverMovesBackwards(log);
    }

    @Test
    void theSamePostRetriedFiveTimes_acrossARestartOfTheInstance_appendsOneEvent() throws Exception {
        String component = addComponent(first);
        String incident = declareIncident(first, component);
        String key = UUID.randomUUID().toString();
        String body = "{\"message\":\"Fix deployed, watching error rates\",\"status\":\"monitoring\"}";
        Map<String, String> headers = Map.of("Idempotency-Key", key);
        String path = "/api/v1/incidents/" + incident + "/updates";

        List<HttpResponse<String>> answers = new ArrayList<>();
        answers.add(post(second, path, body, RESPONDER, headers));
        answers.add(post(second, path, body, RESPONDER, headers));
        second.close();
        second = start("second");
        awaitRunning(second);
        awaitRunning(first);
        for (int i = 0; i < 3; i++) {
            answers.add(post(i % 2 == 0 ? second : first, path, body, RESPONDER, headers));
        }

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(201);
        assertThat(answers).extracting(r -> version(r.body())).containsOnly(2L);
        assertThat(eventsOf(incident)).hasSize(2);
        HttpResponse<String> sameKeyOtherBody =
                post(first, path, "{\"message\":\"something else\"}", RESPONDER, headers);
        assertThat(sameKeyOtherBody.statusCode()).isEqualTo(422);
        assertThat(eventsOf(incident)).hasSize(2);
    }

    @Test
    void aComponentAnswered201_canBeNamedAtOnce_onTheOtherInstance_fiftyTimesInARow() throws Exception {
        for (int i = 0; i < 50; i++) {
            ConfigurableApplicationContext creator = i % 2 == 0 ? first : second;
            ConfigurableApplicationContext declarer = i % 2 == 0 ? second : first;
            String component = addComponent(creator);

            declareIncident(declarer, component);
        }
    }

    @Test
    void theEventsOfEveryIncident_areAnsweredByEitherInstance() throws Exception {
        String component = addComponent(first);
        List<String> incidents = new ArrayList<>();
        // Enough incidents that both instances own some of their partitions.
        for (int i = 0; i < 12; i++) {
            incidents.add(declareIncident(i % 2 == 0 ? first : second, component));
        }
        for (String incident : incidents) {
            post(
                    second,
                    "/api/v1/incidents/" + incident + "/updates",
                    "{\"message\":\"Still on it\"}",
                    RESPONDER,
                    Map.of());
        }

        for (String incident : incidents) {
            HttpResponse<String> fromFirst = get(first, "/api/v1/incidents/" + incident + "/events", RESPONDER);
            HttpResponse<String> fromSecond = get(second, "/api/v1/incidents/" + incident + "/events", RESPONDER);

            assertThat(fromFirst.statusCode()).as(fromFirst.body()).isEqualTo(200);
            assertThat(fromSecond.statusCode()).as(fromSecond.body()).isEqualTo(200);
            assertThat(fromFirst.body()).isEqualTo(fromSecond.body()).contains("\"sequence\":2");
            assertThat(fromFirst.headers().firstValue("ETag")).contains("\"2\"");
            assertThat(fromSecond.headers().firstValue("ETag")).contains("\"2\"");
        }
        HttpResponse<String> unknown = get(second, "/api/v1/incidents/nosuchincid1/events", RESPONDER);
        assertThat(unknown.statusCode()).isEqualTo(404);
        HttpResponse<String> noToken = get(second, "/api/v1/incidents/" + incidents.get(0) + "/events", "wrong");
        assertThat(noToken.statusCode()).isEqualTo(401);
    }

    private static void assertStatusNeverMovesBackwards(List<IncidentEvent> log) {
        List<IncidentStatus> order = List.of(
                IncidentStatus.investigating,
                IncidentStatus.identified,
                IncidentStatus.monitoring,
                IncidentStatus.resolved,
                IncidentStatus.postmortem);
        int reached = 0;
        for (IncidentEvent event : log) {
            if (event.getPayload() instanceof IncidentUpdatePosted update && update.getStatus() != null) {
                int next = order.indexOf(update.getStatus());
                assertThat(next).as("status of event %d", event.getSequence()).isGreaterThanOrEqualTo(reached);
                reached = next;
            }
        }
    }

    static ConfigurableApplicationContext start(String name) {
        Map<String, Object> properties = new HashMap<>();
        // Default properties rank below application.yml, so set the variables its placeholders read.
        properties.put("SERVER_PORT", 0);
        properties.put("STREAMS_STATE_DIR", stateRoot.resolve(name).toString());
        return new SpringApplicationBuilder(IncidentServiceApplication.class)
                .properties(properties)
                .run();
    }

    static void awaitRunning(ConfigurableApplicationContext instance) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            KafkaStreams streams =
                    instance.getBean(StreamsBuilderFactoryBean.class).getKafkaStreams();
            return streams != null && streams.state() == KafkaStreams.State.RUNNING;
        });
    }

    static String addComponent(ConfigurableApplicationContext instance) throws Exception {
        String id = "c-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> added = post(
                instance,
                "/api/v1/components",
                "{\"id\":\"" + id + "\",\"name\":\"Component " + id + "\"}",
                ADMIN,
                Map.of());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        return id;
    }

    /** Declares an incident naming the component: at once, with no retry, as a component answered 201 can be named. */
    static String declareIncident(ConfigurableApplicationContext instance, String component) throws Exception {
        String body = "{\"title\":\"Checkout is failing\",\"impact\":\"major\",\"status\":\"investigating\","
                + "\"message\":\"We are looking into it\",\"components\":{\"" + component + "\":\"major_outage\"}}";
        HttpResponse<String> declared = post(instance, "/api/v1/incidents", body, RESPONDER, Map.of());
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        Matcher matcher = ID.matcher(declared.body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    static HttpResponse<String> get(ConfigurableApplicationContext instance, String path, String token)
            throws IOException, InterruptedException {
        int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(
            ConfigurableApplicationContext instance,
            String path,
            String body,
            String token,
            Map<String, String> headers)
            throws IOException, InterruptedException {
        int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static long version(String body) {
        Matcher matcher = VERSION.matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    static List<Long> sequence(long from, long to) {
        List<Long> values = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            values.add(i);
        }
        return values;
    }

    static List<IncidentEvent> eventsOf(String incident) {
        return EventLog.of(LocalPlatformExtension.platform(), incident);
    }
}
