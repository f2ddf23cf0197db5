package org.incidentplatform.localstack;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentUpdatePosted;
import org.incidentplatform.local.LocalPlatform;
import org.incidentplatform.local.ServiceProcess;
import org.incidentplatform.local.junit.EventLog;
import org.incidentplatform.local.kafka.LocalKafkaBroker;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * incident-service killed with SIGKILL while requests are in flight: what it acknowledged must be
 * in the log, exactly once, and retries of what it did not acknowledge must not duplicate anything.
 */
@Tag("faults")
@Tag("ci")
class IncidentServiceCrashTests {

    private static final Path HOME = Path.of(System.getProperty("localstack.home", ".."))
            .toAbsolutePath()
            .normalize();
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dataDir;

    @Test
    void killedMidLoad_everyAcknowledgedUpdateIsInTheLogOnce_andRetriesAfterRestartAddNoDuplicates() throws Exception {
        Path logs = Files.createDirectories(dataDir.resolve("logs"));
        try (LocalPlatform platform = LocalPlatform.start(dataDir, 0, 0, 0)) {
            AccessTokenFile.Tokens tokens = AccessTokenFile.loadOrCreate(dataDir);
            Map<String, String> environment = LocalStack.serviceEnvironment(platform, dataDir, tokens);
            int port = LocalKafkaBroker.freePort();
            String url = "http://127.0.0.1:" + port;
            ServiceProcess service = startIncidentService(port, logs, environment);
            String incident;
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            Set<String> unanswered = ConcurrentHashMap.newKeySet();
            Set<String> refused = ConcurrentHashMap.newKeySet();
            try {
                post(
                        url,
                        "/api/v1/components",
                        "{\"id\":\"web-app\",\"name\":\"Web Application\"}",
                        tokens.admin(),
                        null);
                incident = declare(url, tokens.admin());

                AtomicBoolean stop = new AtomicBoolean();
                ExecutorService clients = Executors.newFixedThreadPool(8);
                for (int t = 0; t < 8; t++) {
                    int client = t;
                    clients.submit(() -> {
                        for (int n = 0; !stop.get(); n++) {
                            String message = "update-" + client + "-" + n;
                            try {
                                HttpResponse<String> response = post(
                                        url,
                                        "/api/v1/incidents/" + incident + "/updates",
                                        "{\"message\":\"" + message + "\"}",
                                        tokens.admin(),
                                        message);
                                if (response.statusCode() == 201) {
                                    acknowledged.add(message);
                                } else if (response.statusCode() >= 500) {
                                    unanswered.add(message);
                                } else {
                                    refused.add(message + ": " + response.body());
                                }
                            } catch (Exception connectionLost) {
                                unanswered.add(message);
                            }
                        }
                    });
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (acknowledged.size() < 60 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                service.kill();
                stop.set(true);
                clients.shutdown();
                assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                service.kill();
            }
            assertThat(refused)
                    .as("requests the service refused: the test's fault, not the crash's")
                    .isEmpty();
            assertThat(acknowledged).as("updates acknowledged before the kill").hasSizeGreaterThanOrEqualTo(60);

            long restartFrom = System.nanoTime();
            ServiceProcess restarted = startIncidentService(port, logs, environment);
            long restartedIn = System.nanoTime() - restartFrom;
            try {
                Map<String, Long> afterCrash = countByMessage(EventLog.of(platform, incident));
                assertThat(afterCrash.keySet()).containsAll(acknowledged);
                assertThat(afterCrash.values()).allMatch(count -> count == 1);

                for (String message : unanswered) {
                    HttpResponse<String> retry = retryWhileUnavailable(
                            url,
                            "/api/v1/incidents/" + incident + "/updates",
                            "{\"message\":\"" + message + "\"}",
                            tokens.admin(),
                            message);
                    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
                }
                Map<String, Long> afterRetries = countByMessage(EventLog.of(platform, incident));
                assertThat(afterRetries.keySet()).containsAll(acknowledged).containsAll(unanswered);
                assertThat(afterRetries.values()).allMatch(count -> count == 1);
                assertThat(sequences(EventLog.of(platform, incident)))
                        .isEqualTo(java.util.stream.LongStream.rangeClosed(1, afterRetries.size() + 1)
                                .boxed()
                                .toList());

                FaultReport.of(
                                "incident-service-killed",
                                "incident-service was killed with SIGKILL while 8 clients "
                                        + "POSTed updates to one incident (each with an Idempotency-Key), then started again; "
                                        + "the clients retried what had not been acknowledged with the same key.")
                        .figure("updates acknowledged (201) before the kill", acknowledged.size())
                        .figure("requests unanswered by the kill (503 or connection lost)", unanswered.size())
                        .figure(
                                "of those, already in the log after the restart",
                                unanswered.stream()
                                        .filter(afterCrash::containsKey)
                                        .count())
                        .figure("restart to UP", TimeUnit.NANOSECONDS.toMillis(restartedIn) + " ms")
                        .figure("update events checked in the log", afterRetries.size())
                        .held("every acknowledged update is in incident-events exactly once after the kill")
                        .held("retrying each unanswered request with its Idempotency-Key after the restart got 201 and "
                                + "left every update in the log exactly once")
                        .held("the incident's sequences run 1..n with no gap and no repeat")
                        .write();
            } finally {
                restarted.stop();
            }
        }
    }

    private static ServiceProcess startIncidentService(int port, Path logs, Map<String, String> environment) {
        ServiceProcess service = ServiceProcess.start(
                "incident-service",
                LocalStack.jarOf(HOME, "incident-service"),
                port,
                logs,
                ServiceProcess.LOCAL_JVM_OPTIONS,
                environment);
        service.awaitHealthy(LocalStack.SERVICE_START_TIMEOUT);
        return service;
    }

    private static String declare(String url, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            HttpResponse<String> declared = post(
                    url,
                    "/api/v1/incidents",
                    "{\"title\":\"All app servers gone\","
                            + "\"impact\":\"critical\",\"status\":\"investigating\",\"message\":\"Site down\","
                            + "\"components\":{\"web-app\":\"major_outage\"}}",
                    token,
                    null);
            if (declared.statusCode() == 201) {
                Matcher id = ID.matcher(declared.body());
                assertThat(id.find()).isTrue();
                return id.group(1);
            }
            assertThat(System.nanoTime()).as(declared.body()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** As a well-behaved client does: 503 means try again later, with the same Idempotency-Key. */
    private static HttpResponse<String> retryWhileUnavailable(
            String url, String path, String body, String token, String key) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        HttpResponse<String> response = post(url, path, body, token, key);
        while (response.statusCode() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            response = post(url, path, body, token, key);
        }
        return response;
    }

    private static HttpResponse<String> post(String url, String path, String body, String token, String key)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Long> countByMessage(List<IncidentEvent> events) {
        return events.stream()
                .filter(e -> e.getPayload() instanceof IncidentUpdatePosted)
                .map(e -> ((IncidentUpdatePosted) e.getPayload()).getMessage())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static List<Long> sequences(List<IncidentEvent> events) {
        List<Long> sequences = new ArrayList<>();
        events.forEach(e -> sequences.add(e.getSequence()));
        return sequences;
    }
}
