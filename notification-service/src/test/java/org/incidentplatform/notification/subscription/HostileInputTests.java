package org.incidentplatform.notification.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.incidentplatform.local.junit.HostileBodies;
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.incidentplatform.notification.IncidentLog;
import org.incidentplatform.notification.NotificationInstance;
import org.incidentplatform.notification.NotificationTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A fuzz run over every write of the subscription API, over real HTTP to the running service on a
 * real broker: random bytes and mutations of valid webhook, Slack and email subscriptions (cut,
 * spliced, retyped, huge, deeply nested, invalid UTF-8, oversized, chunked), wrong content types,
 * and hostile ids and tokens for confirm, unsubscribe, re-enable and delete. Whatever arrives, the
 * answer is never a 5xx, and a refused request appends nothing to notification-subscriptions (its
 * end offsets are read before and after each request). Seeded, so a failure reproduces:
 * {@code -Dfuzz.seed=… -Dfuzz.rounds=…}.
 */
@Tag("fuzz")
@ExtendWith(LocalPlatformExtension.class)
class HostileInputTests {

    static final long SEED = Long.getLong("fuzz.seed", 20261122L);
    static final int ROUNDS = Integer.getInteger("fuzz.rounds", 40);
    private static final String SECRET = "test-notification-link-secret-0123456789";

    /** Each subscription body with who may send it (admin or anyone): the seeds of the mutations. In order. */
    static final List<Map.Entry<String, Boolean>> SUBSCRIBE = List.of(
            Map.entry(
                    "{\"channel\":\"webhook\",\"target\":\"http://127.0.0.1:9/hooks/status\",\"components\":"
                            + "[\"web-app\"],\"minImpact\":\"minor\",\"maintenance\":true}",
                    true),
            Map.entry(
                    "{\"channel\":\"slack\",\"target\":\"http://127.0.0.1:9/services/T0/B0/x\",\"components\":"
                            + "[\"api\",\"web-app\"],\"minImpact\":\"major\",\"maintenance\":false}",
                    true),
            Map.entry(
                    "{\"channel\":\"email\",\"target\":\"reader@example.com\",\"components\":[\"web-app\"],"
                            + "\"minImpact\":\"critical\"}",
                    false));

    static final String[] CONTENT_TYPES = {
        "text/plain",
        "application/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json; charset=latin1",
        "application/*",
        "application/json; charset=utf-16",
        "*/*"
    };

    private static final Map<Integer, Integer> answers = new TreeMap<>();
    private static NotificationInstance service;
    private static KafkaConsumer<byte[], byte[]> offsets;
    private static List<TopicPartition> partitions;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Random random = new Random(SEED);
    private final HostileBodies bodies = new HostileBodies(random, 3_000);
    private final LinkSigner links = new LinkSigner(SECRET);
    private int appendedByAccepted;
    private int reconnected;

    @BeforeAll
    static void start() throws Exception {
        IncidentLog.createTopics();
        service = NotificationInstance.start(
                NotificationInstance.newStateDir(),
                Map.of(
                        "NOTIFICATION_SERVICE_LINK_SECRET", SECRET,
                        // Every request must reach the controller: the limiter would answer 429 before it.
                        "notification-service.rate-limit.burst", 1_000_000,
                        "notification-service.rate-limit.per-minute", 1_000_000));
        offsets = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalPlatformExtension.bootstrapServers()),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        partitions = offsets.partitionsFor(NotificationTopics.SUBSCRIPTIONS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
    }

    @AfterAll
    static void stop() {
        if (offsets != null) {
            offsets.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void noInputGetsA5xx_andNoRefusedInputAppendsASubscriptionEvent() throws Exception {
        String email = service.post(
                        "/api/v1/subscriptions", "{\"channel\":\"email\",\"target\":\"me@example.com\"}", false)
                .body()
                .get("id")
                .asText();
        String webhook = service.subscribeWebhook("http://127.0.0.1:9/hook", "web-app")
                .get("id")
                .asText();
        long started = System.nanoTime();
        int tried = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (Map.Entry<String, Boolean> subscribe : SUBSCRIBE) {
                String valid = subscribe.getKey();
                boolean admin = subscribe.getValue();
                for (byte[] body : bodies.of(valid)) {
                    send("POST", "/api/v1/subscriptions", "application/json", body, admin, true);
                    tried++;
                }
                send(
                        "POST",
                        "/api/v1/subscriptions",
                        CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)],
                        utf8(valid),
                        admin,
                        true);
                send("POST", "/api/v1/subscriptions", null, utf8(valid), admin, true);
                send(
                        "POST",
                        "/api/v1/subscriptions",
                        "application/json",
                        utf8(valid.replaceFirst("\"target\":\"", "\"target\":\"" + "x".repeat(20_000))),
                        admin,
                        true);
                send("POST", "/api/v1/subscriptions", "application/json", null, admin, true);
                tried += 4;
            }
            for (String id : ids(email, webhook)) {
                send("POST", "/api/v1/subscriptions/" + id + "/enable", "application/json", hostileBody(), true, true);
                send("DELETE", "/api/v1/subscriptions/" + id, null, null, true, true);
                send("GET", "/api/v1/subscriptions/" + id + "/confirm?token=" + token(id), null, null, false, false);
                send(
                        "POST",
                        "/api/v1/subscriptions/" + id + "/unsubscribe?token=" + token(id),
                        CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)],
                        hostileBody(),
                        false,
                        false);
                tried += 4;
            }
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        System.out.printf(
                "hostile input, notification-service: %d requests (seed %d, %d rounds, %d s), answers by"
                        + " status: %s; %d accepted subscriptions appended one event each, refused ones none; %d sent again on"
                        + " a new connection%n",
                tried, SEED, ROUNDS, seconds, answers, appendedByAccepted, reconnected);

        assertThat(tried).isEqualTo(ROUNDS * (SUBSCRIBE.size() * 14 + 8 * 4));
        assertThat(answers.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(tried);
        assertThat(answers.keySet())
                .as("statuses seen")
                .allMatch(status -> status < 500)
                .contains(400, 404, 413, 415);
        // The check is alive: mutations that stay valid are accepted, and their event is seen.
        assertThat(appendedByAccepted).isPositive();

        // For RELIABILITY.md (./fault-suite.sh), written only now that every assertion has passed.
        Path reports = Files.createDirectories(Path.of("target", "reliability"));
        Files.writeString(
                reports.resolve("hostile-input-notification-service.md"),
                String.join(
                        "\n",
                        "### hostile-input-notification-service",
                        "",
                        "A fuzz run over notification-service's subscription API, over real HTTP to the running service"
                                + " on a real broker: random bytes and mutations of valid webhook, Slack and email"
                                + " subscriptions (cut, spliced, retyped, huge strings, deep nesting, invalid UTF-8, a 20 KB"
                                + " body, a 100 KB chunked body), wrong and missing content types, and hostile ids and tokens"
                                + " for confirm, unsubscribe, re-enable and delete.",
                        "",
                        "Measured:",
                        "",
                        "- requests: " + tried + " (seed " + SEED + ", " + ROUNDS + " rounds, " + seconds + " s)",
                        "- answers by status: " + answers,
                        "- accepted subscriptions (201/202): " + appendedByAccepted,
                        "- requests sent again on a new connection (server had closed a kept-alive one): "
                                + reconnected,
                        "",
                        "Held (asserted):",
                        "",
                        "- no answer was a 5xx",
                        "- no refused request (4xx) appended anything to notification-subscriptions (its end offsets read"
                                + " before and after every request)",
                        "- every accepted subscription appended exactly one event",
                        ""));
    }

    /**
     * One request; asserts no 5xx, and that a refused one appended nothing. Ids and tokens are the
     * fuzz for the link and admin endpoints, whose bodies do not matter.
     */
    private void send(String method, String path, String contentType, byte[] body, boolean admin, boolean json)
            throws Exception {
        long before = endOffsets();
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.method(
                    method,
                    method.equals("POST")
                            // Chunked, no length given: the body limit cannot refuse it unread.
                            ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                                    utf8("{\"channel\":\"webhook\",\"target\":\"" + "y".repeat(100_000) + "\"}")))
                            : HttpRequest.BodyPublishers.noBody());
        } else {
            request.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (admin) {
            request.header("Authorization", "Bearer " + NotificationInstance.ADMIN_TOKEN);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException closed) {
            // A kept-alive connection the server had just closed ("header parser received no bytes"): as
            // any client would, once more on a new connection. A server that drops this input fails here.
            reconnected++;
            response = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        int status = response.statusCode();
        answers.merge(status, 1, Integer::sum);
        String shown = body == null
                ? "(chunked or none)"
                : new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
        assertThat(status)
                .as("%s %s with %s: %s -> %s", method, shortened(path), contentType, shown, response.body())
                .isLessThan(500);
        long appended = endOffsets() - before;
        if (status >= 400) {
            assertThat(appended)
                    .as("refused with %d, yet appended: %s %s %s", status, method, shortened(path), shown)
                    .isZero();
        } else if (json && (status == 201 || status == 202)) {
            assertThat(appended)
                    .as("accepted subscription, one event: %s", shown)
                    .isEqualTo(1);
            appendedByAccepted++;
        } else {
            assertThat(appended)
                    .as("%d to %s %s", status, method, shortened(path))
                    .isBetween(0L, 1L);
        }
    }

    private static long endOffsets() {
        return offsets.endOffsets(partitions).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    private byte[] hostileBody() {
        List<byte[]> variants = bodies.of(SUBSCRIBE.get(0).getKey());
        return variants.get(random.nextInt(variants.size()));
    }

    /** Eight ids per round: the real two, and ids no subscription has, some of them hostile as a path segment. */
    private List<String> ids(String email, String webhook) {
        String[] hostile = {
            "sub_" + "0".repeat(32),
            "..%2F..%2Factuator%2Fhealth",
            "%C3%28",
            "%00",
            "%F0%9F%92%A5",
            "a".repeat(1 + random.nextInt(12_000)),
            email + "%20OR%201=1",
            webhook + ";x=1",
            "%25%25",
            URLEncoder.encode(new String(randomChars(1 + random.nextInt(40))), StandardCharsets.UTF_8)
        };
        List<String> ids = new ArrayList<>(List.of(email, webhook));
        while (ids.size() < 8) {
            ids.add(hostile[random.nextInt(hostile.length)]);
        }
        return ids;
    }

    /** A token that is not the right one: random, empty, huge, for the other purpose or another id, or undecodable. */
    private String token(String id) {
        String[] tokens = {
            "",
            URLEncoder.encode(new String(randomChars(1 + random.nextInt(60))), StandardCharsets.UTF_8),
            "x".repeat(1 + random.nextInt(12_000)),
            links.token(LinkSigner.Purpose.UNSUBSCRIBE, id) + "A",
            links.token(LinkSigner.Purpose.CONFIRM, "sub_other"),
            "%C3%28",
            "%FF%FE",
            "a&token=b"
        };
        return tokens[random.nextInt(tokens.length)];
    }

    private char[] randomChars(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) random.nextInt(0x3000);
        }
        return chars;
    }

    private static String shortened(String path) {
        return path.length() > 200 ? path.substring(0, 200) + "…(" + path.length() + ")" : path;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
