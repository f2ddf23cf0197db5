package org.incidentplatform.projection.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentDeclared;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.events.IncidentUpdatePosted;
import org.incidentplatform.events.MaintenanceScheduled;
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.incidentplatform.projection.ProjectionServiceApplication;
import org.incidentplatform.projection.live.LiveStatus;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.schemas.serde.AvroSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The reads {@link PreparedReads} answers, through the running service (Tomcat, the security chain, the in-JVM
 * Kafka): each is the chain's own answer byte for byte and header for header, the 304s included, and whatever
 * the chain must see still reaches it. The chain's answer is asked for with {@code X-Await-Version} naming a
 * version already there, which sends a read through the chain and changes nothing but {@code X-Awaited-Version}.
 */
@ExtendWith(LocalPlatformExtension.class)
@SpringBootTest(
        classes = ProjectionServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class PreparedReadsTests {

    static final String INCIDENT =
            "inc-prepared-" + UUID.randomUUID().toString().substring(0, 8);
    static final String MAINTENANCE =
            "mnt-prepared-" + UUID.randomUUID().toString().substring(0, 8);
    static final String SUMMARY = "/api/v2/summary.json";
    static final String WIDGET = "https://widget.example.org";
    /** Makes the documents that show the incident large enough to be sent as files. */
    static final String LONG_MESSAGE = "Looking into it. " + "Payments time out at the provider. ".repeat(600);

    static KafkaProducer<String, Object> log;
    static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    LiveStatus live;

    @Autowired
    MeterRegistry meters;

    static Stream<String> preparedPaths() {
        return Stream.concat(StatuspageEndpoint.byPath().keySet().stream().sorted(), Stream.of("/"));
    }

    /** incident-service's part: the topics, and an incident and a maintenance for the documents to show. */
    @BeforeAll
    static void aLogWithAnIncidentAndAMaintenance() throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalPlatformExtension.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                "schema.registry.url",
                LocalPlatformExtension.schemaRegistryUrl()));
        try (Admin admin = Admin.create(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalPlatformExtension.bootstrapServers()))) {
            for (var spec : List.of(Topics.INCIDENT_EVENTS, Topics.INCIDENT_EVENTS_DLT)) {
                try {
                    admin.createTopics(List.of(
                                    new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs())))
                            .all()
                            .get();
                } catch (Exception alreadyThere) {
                    // Created by an earlier test class of this JVM.
                }
            }
        }
        AvroSerializer<Object> values = new AvroSerializer<>();
        values.configure(config, false);
        log = new KafkaProducer<>(config, new StringSerializer(), values);
        Instant now = Instant.now();
        append(
                INCIDENT,
                1,
                IncidentDeclared.newBuilder()
                        .setTitle("Checkout <failing> & \"slow\"")
                        .setImpact(Impact.major)
                        .setStatus(IncidentStatus.investigating)
                        .setMessage(LONG_MESSAGE)
                        .setComponents(Map.of("checkout", ComponentStatus.major_outage))
                        .setStartedAt(now)
                        .setDetectedAt(now)
                        .build());
        append(
                MAINTENANCE,
                1,
                MaintenanceScheduled.newBuilder()
                        .setTitle("Database upgrade")
                        .setMessage("Reads stay up")
                        .setComponents(Map.of("checkout", ComponentStatus.under_maintenance))
                        .setScheduledFor(now.plus(Duration.ofDays(1)))
                        .setScheduledUntil(now.plus(Duration.ofDays(1)).plus(Duration.ofHours(2)))
                        .build());
    }

    @AfterAll
    static void closeTheLog() {
        log.close();
    }

    @BeforeEach
    void caughtUp() {
        await().atMost(Duration.ofSeconds(60)).until(live::caughtUp);
        assertThat(live.awaitVersions(Map.of(INCIDENT, 1L, MAINTENANCE, 1L), Duration.ofSeconds(30))
                        .join())
                .isTrue();
    }

    @ParameterizedTest
    @MethodSource("preparedPaths")
    void eachPreparedRead_isTheChainsAnswer_asGetHeadFromAnotherSiteOrWithAQuery(String path) throws Exception {
        Exchange get = assertSameAsTheChain("GET", path);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.header("Content-Length"))
                .isEqualTo(String.valueOf(get.body().remaining()));
        assertThat(get.header("ETag")).startsWith("\"");
        assertThat(get.header("X-Content-Type-Options")).isEqualTo("nosniff");
        if (path.equals(SUMMARY)) {
            assertThat(get.body().remaining()).as("sent as a file").isGreaterThan(PreparedReads.SENDFILE_SIZE);
        }

        Exchange head = assertSameAsTheChain("HEAD", path);
        assertThat(head.body().remaining()).isZero();
        assertThat(head.headers()).isEqualTo(get.headers());

        Exchange fromAWidget = assertSameAsTheChain("GET", path, "Origin", WIDGET);
        assertThat(fromAWidget.body()).isEqualTo(get.body());
        if (path.startsWith("/api/")) {
            assertThat(fromAWidget.header("Access-Control-Allow-Origin")).isEqualTo("*");
        }

        Exchange cacheBusting = assertSameAsTheChain("GET", path + "?_=1733140800123");
        assertThat(cacheBusting.body()).isEqualTo(get.body());
        assertThat(cacheBusting.headers()).isEqualTo(get.headers());

        assertSameAsTheChain("GET", path, "Accept", path.startsWith("/api/") ? "text/html" : "application/json");
    }

    @ParameterizedTest
    @ValueSource(strings = {SUMMARY, "/"})
    void ifNoneMatch_namingTheETag_strongWeakOrInAList_isNotModified_asTheChainSaysIt(String path) throws Exception {
        String etag = fetch("GET", path).header("ETag");

        for (String ifNoneMatch : List.of(etag, "W/" + etag, "\"older\", " + etag, "\"a\",\"b\"," + etag)) {
            Exchange notModified = assertSameAsTheChain("GET", path, "If-None-Match", ifNoneMatch);
            assertThat(notModified.status()).as(ifNoneMatch).isEqualTo(304);
            assertThat(notModified.body().remaining()).isZero();
            assertThat(notModified.header("ETag")).isEqualTo(etag);
            assertThat(assertSameAsTheChain("HEAD", path, "If-None-Match", ifNoneMatch)
                            .status())
                    .isEqualTo(304);
        }
        for (String other : List.of("\"older\"", "W/\"older\"", "\"a\", \"b\"")) {
            assertThat(assertSameAsTheChain("GET", path, "If-None-Match", other).status())
                    .as(other)
                    .isEqualTo(200);
        }
        // Spring compares "*" with nothing on a GET, so it is answered in full; here as there.
        assertThat(assertSameAsTheChain("GET", path, "If-None-Match", "*").status())
                .isEqualTo(200);
        assertSameAsTheChain("GET", path, "If-Match", "\"older\"");
    }

    @Test
    void aNewVersion_isServedAtOnce_andAnOldETagGetsItInFull() throws Exception {
        String before = fetch("GET", SUMMARY).header("ETag");
        append(
                INCIDENT,
                2,
                IncidentUpdatePosted.newBuilder()
                        .setMessage("Found it")
                        .setStatus(IncidentStatus.identified)
                        .build());
        assertThat(live.awaitVersions(Map.of(INCIDENT, 2L), Duration.ofSeconds(30))
                        .join())
                .isTrue();

        Exchange after = assertSameAsTheChain("GET", SUMMARY, "If-None-Match", before);

        assertThat(after.status()).isEqualTo(200);
        assertThat(after.header("ETag")).isNotEqualTo(before);
        assertThat(new String(
                        after.body().array(),
                        after.body().arrayOffset(),
                        after.body().remaining()))
                .contains("Found it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH"})
    void otherMethods_goThroughTheChain(String method) throws Exception {
        for (String path : List.of(SUMMARY, "/")) {
            long served = served(path);
            assertThat(fetch(method, path).status()).as(method + " " + path).isNotEqualTo(200);
            assertThat(served(path)).isEqualTo(served);
        }
    }

    @Test
    void aWidgetsPreflight_goesThroughTheChain() throws Exception {
        long served = served(SUMMARY);

        Exchange preflight = fetch(
                "OPTIONS",
                SUMMARY,
                "Origin",
                WIDGET,
                "Access-Control-Request-Method",
                "GET",
                "Access-Control-Request-Headers",
                "x-await-version");

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(served(SUMMARY)).isEqualTo(served);
    }

    @Test
    void aReadAwaitingAVersion_goesThroughTheChain_andAMalformedOneIsItsProblem() throws Exception {
        long served = served(SUMMARY);

        assertThat(fetch("GET", SUMMARY, ReadYourWrites.AWAIT_VERSION, INCIDENT + "=1")
                        .header(ReadYourWrites.AWAITED_VERSION))
                .isEqualTo(ReadYourWrites.REACHED);
        Exchange malformed = fetch("GET", SUMMARY, ReadYourWrites.AWAIT_VERSION, "not a version");

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(served(SUMMARY)).isEqualTo(served);
    }

    @Test
    void aReadWithAToken_goesThroughTheChain_whereAWrongOneIsRefused() throws Exception {
        for (String path : List.of(SUMMARY, "/")) {
            long served = served(path);
            assertThat(fetch("GET", path, "Authorization", "Bearer not-a-token-of-this-platform-0000000")
                            .status())
                    .as(path)
                    .isEqualTo(401);
            assertThat(served(path)).isEqualTo(served);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v2/summary.json;a=b",
                "/api/v2/%73ummary.json",
                "/api/v2/summary.json/",
                "//api/v2/summary.json",
                "/api/v2/./summary.json",
                "/index.html",
                "/api/v2/unknown.json"
            })
    void aPathWrittenOtherwise_goesThroughTheChain(String path) throws Exception {
        long served = served(SUMMARY) + served("/");

        fetch("GET", path);

        assertThat(served(SUMMARY) + served("/")).isEqualTo(served);
    }

    /**
     * Asks as given, then the chain, then as given again. The data's freshness moves every second or so
     * (X-Data-As-Of, the page's minute), so only when both prepared answers agree is the chain's comparable; then
     * both were answered before the chain and the chain's answer, but for X-Awaited-Version, is the same.
     */
    private Exchange assertSameAsTheChain(String method, String path, String... headers) throws Exception {
        String[] throughTheChain = Stream.concat(
                        Stream.of(headers), Stream.of(ReadYourWrites.AWAIT_VERSION, INCIDENT + "=1"))
                .toArray(String[]::new);
        String rawPath = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        for (int attempt = 0; attempt < 5; attempt++) {
            long served = served(rawPath);
            Exchange prepared = fetch(method, path, headers);
            Exchange chain = fetch(method, path, throughTheChain);
            Exchange again = fetch(method, path, headers);
            if (prepared.equals(again)) {
                assertThat(served(rawPath)).as("both answered before the chain").isEqualTo(served + 2);
                if (rawPath.startsWith("/api/")) {
                    assertThat(chain.header(ReadYourWrites.AWAITED_VERSION)).isEqualTo(ReadYourWrites.REACHED);
                }
                assertThat(chain.without(ReadYourWrites.AWAITED_VERSION))
                        .as(method + " " + path)
                        .isEqualTo(prepared);
                return prepared;
            }
        }
        return fail("the answers to " + method + " " + path + " kept changing");
    }

    private long served(String path) {
        Counter counter = meters.find(PreparedReads.SERVED).tag("path", path).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    private Exchange fetch(String method, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, List<String>> received = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        received.putAll(response.headers().map());
        received.remove("Date");
        return new Exchange(response.statusCode(), received, ByteBuffer.wrap(response.body()));
    }

    private static void append(String stream, long sequence, Object payload) throws Exception {
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        IncidentEvent event = IncidentEvent.newBuilder()
                .setEventId(UUID.randomUUID())
                .setIncidentId(stream)
                .setSequence(sequence)
                .setOccurredAt(now)
                .setRecordedAt(now)
                .setActor("test")
                .setPayload(payload)
                .build();
        log.send(new ProducerRecord<>(Topics.INCIDENT_EVENTS.name(), stream, event))
                .get();
    }

    /** An answer as received, less its Date; equal when status, headers and bytes are. */
    record Exchange(int status, Map<String, List<String>> headers, ByteBuffer body) {

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : String.join(", ", values);
        }

        Exchange without(String header) {
            Map<String, List<String>> rest = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            rest.putAll(headers);
            rest.remove(header);
            return new Exchange(status, rest, body);
        }
    }
}
