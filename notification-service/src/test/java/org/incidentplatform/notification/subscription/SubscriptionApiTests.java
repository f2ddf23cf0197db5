package org.incidentplatform.notification.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.incidentplatform.events.ComponentStatus.partial_outage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.incidentplatform.events.Impact;
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.incidentplatform.notification.IncidentLog;
import org.incidentplatform.notification.NotificationInstance;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

/**
 * The subscription API over real HTTP, with no loopback allow-listed and a resolver that answers as
 * a DNS server with internal names would: bad input gets a problem detail naming the field and
 * writes nothing; private targets are refused unless the operator allowed them.
 */
@ExtendWith(LocalPlatformExtension.class)
class SubscriptionApiTests {

    private static final Path OUTBOX = Path.of("target/outbox-" + System.nanoTime());
    /** The request body limit the README states. */
    private static final int MAX_BODY_BYTES = 16 * 1024;

    private static NotificationInstance service;
    /** What rebinding.example.test resolves to right now: public at subscribe time, private later. */
    private static final java.util.concurrent.atomic.AtomicReference<String> REBINDING =
            new java.util.concurrent.atomic.AtomicReference<>("93.184.215.14");

    private final GivenEvents given = GivenEvents.happeningNow();

    /** Internal names of a make-believe network: nothing leaves the machine. */
    @Configuration(proxyBeanMethods = false)
    static class InternalDns {
        @Bean
        @Primary
        TargetPolicy internalDnsPolicy() {
            return new TargetPolicy(List.of("allowed.internal.test"), host -> switch (host) {
                case "intranet.example.test" -> addresses("10.1.2.3");
                case "allowed.internal.test" -> addresses("10.9.9.9");
                case "hooks.example.test" -> addresses("93.184.215.14");
                case "rebinding.example.test" -> addresses(REBINDING.get());
                default -> InetAddress.getAllByName(host);
            });
        }

        private static InetAddress[] addresses(String address) throws UnknownHostException {
            return new InetAddress[] {InetAddress.getByName(address)};
        }
    }

    @BeforeAll
    static void start() throws Exception {
        IncidentLog.createTopics();
        service = NotificationInstance.start(
                NotificationInstance.newStateDir(),
                Map.of(
                        "notification-service.allow-list",
                        "",
                        "notification-service.email.outbox-dir",
                        OUTBOX.toString(),
                        "spring.main.allow-bean-definition-overriding",
                        true,
                        "spring.main.sources",
                        InternalDns.class.getName()));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void webhookToLoopback_isRefused_unlessAllowListed() {
        NotificationInstance.Answer plain =
                subscribe("{\"channel\":\"webhook\",\"target\":\"http://127.0.0.1:8089/hook\"}");
        NotificationInstance.Answer tls = subscribe("{\"channel\":\"webhook\",\"target\":\"https://127.0.0.1/hook\"}");

        assertThat(plain.status()).isEqualTo(422);
        assertThat(plain.body().get("field").asText()).isEqualTo("target");
        assertThat(tls.status()).isEqualTo(422);
        assertThat(tls.body().get("detail").asText()).contains("loopback");
    }

    @Test
    void webhookToANameResolvingToAPrivateAddress_isRefused_unlessAllowListed() {
        NotificationInstance.Answer refused =
                subscribe("{\"channel\":\"webhook\",\"target\":\"https://intranet.example.test/hook\"}");
        NotificationInstance.Answer allowed =
                subscribe("{\"channel\":\"webhook\",\"target\":\"http://allowed.internal.test/hook\"}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("field").asText()).isEqualTo("target");
        assertThat(refused.body().get("detail").asText())
                .contains("intranet.example.test", "private")
                .doesNotContain("/hook");
        assertThat(allowed.status()).isEqualTo(201);
    }

    @Test
    void targetResolvingToAPrivateAddressBySendTime_isRefusedThen() {
        String component = "component-" + java.util.UUID.randomUUID();
        NotificationInstance.Answer created = subscribe("{\"channel\":\"webhook\",\"target\":"
                + "\"https://rebinding.example.test/hook\",\"components\":[\"" + component + "\"]}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asText();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> service.get("/api/v1/subscriptions/" + id, true).status() == 200);
        REBINDING.set("10.0.0.8");

        try (IncidentLog incidents = new IncidentLog()) {
            incidents.append(given.declared(
                            "inc-" + java.util.UUID.randomUUID(),
                            "Rebinding",
                            Impact.major,
                            Map.of(component, partial_outage))
                    .event());
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode log =
                    service.get("/api/v1/deliveries?subscriptionId=" + id, true).body();
            assertThat(log).isNotEmpty();
            assertThat(log.get(0).get("attempts").get(0).get("detail").asText())
                    .startsWith("target refused")
                    .contains("private")
                    .doesNotContain("/hook");
        });
    }

    @Test
    void webhookSubscription_showsItsSecretOnce_andNeverInListings() {
        NotificationInstance.Answer created = subscribe(
                "{\"channel\":\"webhook\",\"target\":\"https://hooks.example.test/secret-path\",\"components\":[\"api\"],"
                        + "\"minImpact\":\"major\",\"maintenance\":false}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.response().headers().firstValue("Location"))
                .hasValue("/api/v1/subscriptions/" + created.body().get("id").asText());
        assertThat(created.body().get("secret").asText()).startsWith("whsec_");
        assertThat(created.body().get("minImpact").asText()).isEqualTo("major");
        String id = created.body().get("id").asText();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> service.get("/api/v1/subscriptions/" + id, true).status() == 200);
        String listing = service.get("/api/v1/subscriptions", true).response().body();
        assertThat(listing).contains(id).doesNotContain("whsec_").doesNotContain("secret-path");
    }

    @Test
    void badInput_getsAProblemNamingTheField_andWritesNothing() {
        int before = service.get("/api/v1/subscriptions", true).body().size();

        assertProblem(subscribe("{\"channel\":\"pager\",\"target\":\"x\"}"), 422, "channel");
        assertProblem(subscribe("{\"target\":\"https://hooks.example.test/x\"}"), 422, "channel");
        assertProblem(subscribe("{\"channel\":\"webhook\"}"), 422, "target");
        assertProblem(subscribe("{\"channel\":\"email\",\"target\":\"not-an-address\"}"), 422, "target");
        // Through the pattern, but no mail could be addressed to it: refused before anything is written.
        assertProblem(subscribe("{\"channel\":\"email\",\"target\":\"reader@exampl?e.com\"}"), 422, "target");
        assertProblem(
                subscribe(
                        "{\"channel\":\"webhook\",\"target\":\"https://hooks.example.test/x\",\"minImpact\":\"huge\"}"),
                422,
                "minImpact");
        assertProblem(
                subscribe(
                        "{\"channel\":\"webhook\",\"target\":\"https://hooks.example.test/x\",\"components\":[\"api\",\"\"]}"),
                422,
                "components[1]");
        assertProblem(
                subscribe(
                        "{\"channel\":\"webhook\",\"target\":\"https://hooks.example.test/x\",\"minimpact\":\"major\"}"),
                422,
                "minimpact");
        assertProblem(
                subscribe(
                        "{\"channel\":\"webhook\",\"target\":\"https://hooks.example.test/x\",\"components\":\"api\"}"),
                422,
                "components");
        NotificationInstance.Answer malformed = subscribe("{\"channel\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.response().headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        NotificationInstance.Answer huge =
                subscribe("{\"channel\":\"email\",\"target\":\"" + "a".repeat(20_000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);

        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(service.get("/api/v1/subscriptions", true).body().size()).isEqualTo(before);
    }

    @Test
    void chunkedBodyOverTheLimit_is413_andStoresNothing_whileOneOfExactlyTheLimitIsAccepted() {
        int before = service.get("/api/v1/subscriptions", true).body().size();
        StringBuilder components = new StringBuilder("\"api\"");
        for (int i = 0; i < 10_000; i++) {
            components.append(",\"component-").append(i).append('"');
        }
        String oversized = "{\"channel\":\"webhook\",\"target\":\"https://hooks.example.test/x\",\"components\":["
                + components + "]}";
        String valid = "{\"channel\":\"webhook\",\"target\":\"https://hooks.example.test/x\",\"components\":[\"api\"]}";
        String ofTheLimit = valid + " ".repeat(MAX_BODY_BYTES - valid.length());

        NotificationInstance.Answer refused = postChunked(oversized);
        NotificationInstance.Answer accepted = postChunked(ofTheLimit);

        assertThat(oversized.length()).isGreaterThan(10 * MAX_BODY_BYTES);
        assertThat(refused.status()).as(refused.response().body()).isEqualTo(413);
        assertThat(refused.response().headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body().get("detail").asText()).contains(Integer.toString(MAX_BODY_BYTES));
        assertThat(ofTheLimit).hasSize(MAX_BODY_BYTES);
        assertThat(accepted.status()).as(accepted.response().body()).isEqualTo(201);
        String id = accepted.body().get("id").asText();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> service.get("/api/v1/subscriptions/" + id, true).status() == 200);
        assertThat(service.get("/api/v1/subscriptions", true).body().size()).isEqualTo(before + 1);
    }

    @Test
    void stringOrNumberBeyondTheReadersLimits_is413_evenWithinTheByteLimit() {
        NotificationInstance.Answer longString = subscribe(
                "{\"channel\":\"webhook\",\"target\":\"https://hooks.example.test/" + "x".repeat(5_000) + "\"}");
        NotificationInstance.Answer longNumber =
                subscribe("{\"channel\":\"webhook\",\"target\":\"https://hooks.example.test/x\"," + "\"maintenance\":"
                        + "9".repeat(5_000) + "}");

        for (NotificationInstance.Answer answer : List.of(longString, longNumber)) {
            assertThat(answer.status()).as(answer.response().body()).isEqualTo(413);
            assertThat(answer.body().get("detail").asText()).startsWith("the body exceeds a limit");
        }
    }

    @Test
    void webhookAndSlack_needTheAdminToken_emailDoesNot() {
        NotificationInstance.Answer anonymous = service.post(
                "/api/v1/subscriptions",
                "{\"channel\":\"slack\",\"target\":\"https://hooks.example.test/services/T0/B0/x\"}",
                false);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.response().headers().firstValue("WWW-Authenticate"))
                .isPresent();
        assertThat(service.get("/api/v1/deliveries", false).status()).isEqualTo(401);
        assertThat(service.get("/api/v1/subscriptions", false).status()).isEqualTo(401);
        assertThat(service.delete("/api/v1/subscriptions/sub_unknown").status()).isEqualTo(404);
    }

    @Test
    void aQueryParameterThatDoesNotDecode_isABadRequest_notAServerError() {
        NotificationInstance.Answer confirm = service.get("/api/v1/subscriptions/sub_x/confirm?token=%FF%FE", false);
        NotificationInstance.Answer deliveries = service.get("/api/v1/deliveries?status=%C3%28", true);

        assertThat(confirm.status()).as(confirm.response().body()).isEqualTo(400);
        assertThat(confirm.response().body()).contains("cannot be decoded");
        assertThat(deliveries.status()).as(deliveries.response().body()).isEqualTo(400);
    }

    @Test
    void deliveriesByAnUnknownStatus_isAProblemNamingTheParameter() {
        NotificationInstance.Answer answer = service.get("/api/v1/deliveries?status=lost", true);

        assertProblem(answer, 400, "status");
    }

    @Test
    void deliveriesWithANonsenseCursorOrLimit_areProblemsNamingTheParameter() {
        for (String query : List.of("after=yesterday", "limit=0", "limit=1001", "limit=ten")) {
            NotificationInstance.Answer answer = service.get("/api/v1/deliveries?" + query, true);

            assertProblem(answer, 400, query.substring(0, query.indexOf('=')));
        }
    }

    @Test
    void emailSubscription_isConfirmedThroughTheSignedLinkInTheOutbox_andItsButton() throws Exception {
        String address = "reader-" + System.nanoTime() + "@example.test";
        NotificationInstance.Answer created = service.post(
                "/api/v1/subscriptions",
                "{\"channel\":\"email\",\"target\":\"" + address + "\",\"components\":[\"api\"]}",
                false);

        assertThat(created.status()).isEqualTo(202);
        assertThat(created.body().get("status").asText()).isEqualTo("pending");
        String id = created.body().get("id").asText();
        String mail = outboxMailTo(address);
        Matcher link = Pattern.compile("(http://\\S+/api/v1/subscriptions/" + id + "/confirm\\?token=[A-Za-z0-9_-]+)")
                .matcher(mail);
        assertThat(link.find()).as("confirm link in %s", mail).isTrue();
        String path = link.group(1).substring(link.group(1).indexOf("/api/"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> service.get("/api/v1/subscriptions/" + id, true).status() == 200);

        assertThat(service.get(path.replaceAll("token=.*", "token=forged"), false)
                        .status())
                .isEqualTo(403);
        assertThat(service.submit(path.replaceAll("token=.*", "token=forged")).status())
                .isEqualTo(403);
        assertThat(service.get(path, false).status()).isEqualTo(200);
        assertThat(service.submit(path).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "active"
                        .equals(service.get("/api/v1/subscriptions/" + id, true)
                                .body()
                                .get("status")
                                .asText()));
    }

    /**
     * The status page's subscribe form calls this from the reader's browser: its origin (the default
     * status-page-url, http://127.0.0.1:8082) gets the CORS headers on the preflight and on the answer,
     * errors included; any other origin, and any other method, is refused.
     */
    @Test
    void emailSubscription_fromTheStatusPagesOrigin_isAllowedCrossOrigin_otherOriginsAreNot() throws Exception {
        HttpClient browser = HttpClient.newHttpClient();
        URI endpoint = URI.create(service.baseUrl() + "/api/v1/subscriptions");
        HttpResponse<String> preflight = browser.send(
                HttpRequest.newBuilder(endpoint)
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "http://127.0.0.1:8082")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "content-type")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("http://127.0.0.1:8082");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods"))
                .hasValue("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials"))
                .isEmpty();

        String address = "page-reader-" + System.nanoTime() + "@example.test";
        HttpResponse<String> created = browser.send(
                HttpRequest.newBuilder(endpoint)
                        .header("Origin", "http://127.0.0.1:8082")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"channel\":\"email\",\"target\":\"" + address + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        assertThat(created.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://127.0.0.1:8082");
        assertThat(NotificationInstance.JSON
                        .readTree(created.body())
                        .get("status")
                        .asText())
                .isEqualTo("pending");
        HttpResponse<String> invalid = browser.send(
                HttpRequest.newBuilder(endpoint)
                        .header("Origin", "http://127.0.0.1:8082")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"email\",\"target\":\"nobody\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://127.0.0.1:8082");

        HttpResponse<String> elsewhere = browser.send(
                HttpRequest.newBuilder(endpoint)
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://attacker.example")
                        .header("Access-Control-Request-Method", "POST")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(elsewhere.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        HttpResponse<String> listing = browser.send(
                HttpRequest.newBuilder(endpoint)
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "http://127.0.0.1:8082")
                        .header("Access-Control-Request-Method", "GET")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(listing.statusCode()).as("only creating is open to the page").isEqualTo(403);
    }

    private static String outboxMailTo(String address) throws IOException {
        await().atMost(Duration.ofSeconds(10)).until(() -> mailTo(address) != null);
        return mailTo(address);
    }

    private static String mailTo(String address) throws IOException {
        if (!Files.isDirectory(OUTBOX)) {
            return null;
        }
        try (Stream<Path> files = Files.list(OUTBOX)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                String text = Files.readString(file);
                if (text.contains("To: " + address)) {
                    return text.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
                }
            }
        }
        return null;
    }

    /** Sent with Transfer-Encoding: chunked, no Content-Length: the size shows only as the body is read. */
    private static NotificationInstance.Answer postChunked(String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/v1/subscriptions"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + NotificationInstance.ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            return new NotificationInstance.Answer(
                    response.statusCode(), NotificationInstance.JSON.readTree(response.body()), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static NotificationInstance.Answer subscribe(String json) {
        return service.post("/api/v1/subscriptions", json, true);
    }

    private static void assertProblem(NotificationInstance.Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.response().body()).isEqualTo(status);
        assertThat(answer.response().headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = answer.body();
        assertThat(body.get("field").asText()).isEqualTo(field);
    }
}
