package org.incidentplatform.local.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.incidentplatform.local.kafka.LocalKafkaBroker;
import org.incidentplatform.schemas.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry against a real broker, spoken to over HTTP as Confluent's clients speak to it.
 * Tests share one broker and one registry, so each uses subjects of its own.
 */
class LocalSchemaRegistryTests {

    private static final String V1 = """
            {"type": "record", "name": "Incident", "namespace": "test", "fields": [
              {"name": "id", "type": "string"}]}""";
    private static final String V2_WITH_DEFAULTED_TITLE = """
            {"type": "record", "name": "Incident", "namespace": "test", "fields": [
              {"name": "id", "type": "string"},
              {"name": "title", "type": "string", "default": ""}]}""";
    private static final String V2_WITH_REQUIRED_OWNER = """
            {"type": "record", "name": "Incident", "namespace": "test", "fields": [
              {"name": "id", "type": "string"},
              {"name": "owner", "type": "string"}]}""";

    private static final ObjectMapper json = new ObjectMapper();
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dataDir;

    static LocalKafkaBroker broker;
    static LocalSchemaRegistry registry;

    @BeforeAll
    static void startBrokerAndRegistry() {
        broker = LocalKafkaBroker.start(dataDir, 0, 0);
        registry = LocalSchemaRegistry.start(broker.bootstrapServers(), 0);
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void registering_aSchema_returnsAnId_underWhichItCanBeRead() throws Exception {
        assertThat(registry.url()).startsWith("http://127.0.0.1:");

        Answer registered = post("/subjects/first-value/versions", schemaRequest(V1));

        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        int id = registered.body().get("id").asInt();
        assertThat(get("/schemas/ids/" + id).body().get("schema").asText()).isEqualTo(canonical(V1));
        assertThat(get("/subjects").body()).extracting(JsonNode::asText).contains("first-value");
        assertThat(get("/subjects/first-value/versions").body().toString()).isEqualTo("[1]");
        assertThat(get("/subjects/first-value/versions/1").body())
                .isEqualTo(json.readTree("{\"subject\":\"first-value\",\"version\":1,\"id\":" + id + ",\"schema\":"
                        + json.writeValueAsString(canonical(V1)) + "}"));
        assertThat(get("/subjects/first-value/versions/latest")
                        .body()
                        .get("version")
                        .asInt())
                .isEqualTo(1);
        assertThat(get("/subjects/first-value/versions/-1").body().get("id").asInt())
                .isEqualTo(id);
        assertThat(get("/subjects/first-value/versions/1/schema").body()).isEqualTo(json.readTree(V1));
        // Other tests register V1 under their own subjects, and share its id.
        assertThat(get("/schemas/ids/" + id + "/versions").body())
                .contains(json.readTree("{\"subject\":\"first-value\",\"version\":1}"));
    }

    @Test
    void registering_sameSchemaTwice_returnsSameId_andKeepsOneVersion() throws Exception {
        int first = register("twice-value", V1);
        int again = register("twice-value", V1.replace(" ", "").replace("\n", "\n\n  "));

        assertThat(again).isEqualTo(first);
        assertThat(get("/subjects/twice-value/versions").body().toString()).isEqualTo("[1]");
    }

    @Test
    void registering_sameSchemaUnderAnotherSubject_reusesItsGlobalId_asANewVersionThere() throws Exception {
        register("shared-a-value", V2_WITH_DEFAULTED_TITLE);
        register("shared-b-value", V1);

        int idInA = get("/subjects/shared-a-value/versions/1").body().get("id").asInt();
        int idInB = register("shared-b-value", V2_WITH_DEFAULTED_TITLE);

        assertThat(idInB).isEqualTo(idInA);
        assertThat(get("/subjects/shared-b-value/versions").body().toString()).isEqualTo("[1,2]");
    }

    @Test
    void registering_anIncompatibleSchema_isRejectedWith409_namingTheField() throws Exception {
        register("strict-value", V1);

        Answer rejected = post("/subjects/strict-value/versions", schemaRequest(V2_WITH_REQUIRED_OWNER));

        assertThat(rejected.status()).isEqualTo(409);
        assertThat(rejected.body().get("error_code").asInt()).isEqualTo(409);
        assertThat(rejected.body().get("message").asText())
                .startsWith(
                        "Schema being registered is incompatible with an earlier schema for subject \"strict-value\"")
                .contains("owner")
                .contains("BACKWARD");
        assertThat(get("/subjects/strict-value/versions").body().toString()).isEqualTo("[1]");

        register("strict-value", V2_WITH_DEFAULTED_TITLE);
        assertThat(get("/subjects/strict-value/versions").body().toString()).isEqualTo("[1,2]");
    }

    @Test
    void lookingUp_aRegisteredSchema_findsItsVersionAndId() throws Exception {
        int id = register("lookup-value", V1);

        Answer found = post("/subjects/lookup-value", schemaRequest(V1));

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().get("id").asInt()).isEqualTo(id);
        assertThat(found.body().get("version").asInt()).isEqualTo(1);
        assertThat(found.body().get("subject").asText()).isEqualTo("lookup-value");
        assertThat(errorCode(post("/subjects/lookup-value", schemaRequest(V2_WITH_DEFAULTED_TITLE))))
                .isEqualTo(40403);
        assertThat(errorCode(post("/subjects/never-registered", schemaRequest(V1))))
                .isEqualTo(40401);
    }

    @Test
    void unknownSubjects_versions_andIds_areAnsweredWithConfluentsErrorCodes() throws Exception {
        register("known-value", V1);

        assertThat(get("/subjects/unknown-value/versions")).satisfies(a -> {
            assertThat(a.status()).isEqualTo(404);
            assertThat(a.body().get("error_code").asInt()).isEqualTo(40401);
            assertThat(a.body().get("message").asText()).contains("unknown-value");
        });
        assertThat(errorCode(get("/subjects/unknown-value/versions/1"))).isEqualTo(40401);
        assertThat(errorCode(get("/subjects/known-value/versions/9"))).isEqualTo(40402);
        assertThat(errorCode(get("/schemas/ids/987654"))).isEqualTo(40403);
        assertThat(get("/subjects/known-value/versions/first")).satisfies(a -> {
            assertThat(a.status()).isEqualTo(422);
            assertThat(a.body().get("error_code").asInt()).isEqualTo(42202);
        });
    }

    @Test
    void malformedRequests_getErrorBodies_withStatusAndCode() throws Exception {
        Answer invalidAvro = post("/subjects/broken-value/versions", schemaRequest("{\"type\": \"recrod\"}"));
        assertThat(invalidAvro.status()).isEqualTo(422);
        assertThat(invalidAvro.body().get("error_code").asInt()).isEqualTo(42201);

        assertThat(post("/subjects/broken-value/versions", "{\"schema\": ")).satisfies(a -> {
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.body().get("error_code").asInt()).isEqualTo(400);
        });
        assertThat(errorCode(post(
                        "/subjects/broken-value/versions",
                        "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}")))
                .isEqualTo(42201);
        assertThat(get("/no/such/route")).satisfies(a -> {
            assertThat(a.status()).isEqualTo(404);
            assertThat(a.body().get("error_code").asInt()).isEqualTo(404);
        });
        assertThat(send("DELETE", "/schemas/ids/1", null)).satisfies(a -> {
            assertThat(a.status()).isEqualTo(405);
            assertThat(a.body().get("error_code").asInt()).isEqualTo(405);
        });
        assertThat(get("/subjects/broken-value/versions").status()).isEqualTo(404);
    }

    @Test
    void compatibilityCheck_saysWhy_whenVerbose() throws Exception {
        register("checked-value", V1);

        JsonNode incompatible = post(
                        "/compatibility/subjects/checked-value/versions/latest?verbose=true",
                        schemaRequest(V2_WITH_REQUIRED_OWNER))
                .body();
        assertThat(incompatible.get("is_compatible").asBoolean()).isFalse();
        assertThat(incompatible.get("messages").toString()).contains("owner");

        JsonNode compatible = post(
                        "/compatibility/subjects/checked-value/versions/1", schemaRequest(V2_WITH_DEFAULTED_TITLE))
                .body();
        assertThat(compatible.toString()).isEqualTo("{\"is_compatible\":true}");

        assertThat(post("/compatibility/subjects/checked-value/versions", schemaRequest(V2_WITH_REQUIRED_OWNER))
                        .body()
                        .get("is_compatible")
                        .asBoolean())
                .isFalse();
        assertThat(post("/compatibility/subjects/no-versions-yet/versions", schemaRequest(V1))
                        .body()
                        .get("is_compatible")
                        .asBoolean())
                .isTrue();
        assertThat(errorCode(post("/compatibility/subjects/no-versions-yet/versions/latest", schemaRequest(V1))))
                .isEqualTo(40401);
        assertThat(errorCode(post("/compatibility/subjects/checked-value/versions/5", schemaRequest(V1))))
                .isEqualTo(40402);
    }

    @Test
    void globalLevel_canBeReadAndChanged() throws Exception {
        assertThat(get("/config").body().toString()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        try {
            assertThat(put("/config", "{\"compatibility\":\"FULL\"}").body().toString())
                    .isEqualTo("{\"compatibility\":\"FULL\"}");
            assertThat(get("/config").body().get("compatibilityLevel").asText()).isEqualTo("FULL");
            assertThat(put("/config", "{\"compatibility\":\"SOMETIMES\"}")).satisfies(a -> {
                assertThat(a.status()).isEqualTo(422);
                assertThat(a.body().get("error_code").asInt()).isEqualTo(42203);
            });
        } finally {
            put("/config", "{\"compatibility\":\"BACKWARD\"}");
        }
    }

    @Test
    void subjectLevelNone_acceptsWhatBackwardRejects() throws Exception {
        register("relaxed-value", V1);
        assertThat(errorCode(get("/config/relaxed-value"))).isEqualTo(40408);
        assertThat(get("/config/relaxed-value?defaultToGlobal=true")
                        .body()
                        .get("compatibilityLevel")
                        .asText())
                .isEqualTo("BACKWARD");

        assertThat(put("/config/relaxed-value", "{\"compatibility\":\"NONE\"}")
                        .body()
                        .toString())
                .isEqualTo("{\"compatibility\":\"NONE\"}");

        assertThat(get("/config/relaxed-value").body().get("compatibilityLevel").asText())
                .isEqualTo("NONE");
        assertThat(post("/subjects/relaxed-value/versions", schemaRequest(V2_WITH_REQUIRED_OWNER))
                        .status())
                .isEqualTo(200);
        assertThat(get("/subjects/relaxed-value/versions").body().toString()).isEqualTo("[1,2]");
    }

    @Test
    void schemasVersionsAndLevels_surviveARestart_becauseTheyLiveInTheTopic() throws Exception {
        int v1;
        int v2;
        try (LocalSchemaRegistry first = LocalSchemaRegistry.start(broker.bootstrapServers(), 0)) {
            v1 = register(first, "durable-value", V1);
            v2 = register(first, "durable-value", V2_WITH_DEFAULTED_TITLE);
            send(first, "PUT", "/config/durable-value", "{\"compatibility\":\"FULL_TRANSITIVE\"}");
            first.close();
        }

        try (LocalSchemaRegistry restarted = LocalSchemaRegistry.start(broker.bootstrapServers(), 0)) {
            assertThat(send(restarted, "GET", "/subjects/durable-value/versions", null)
                            .body()
                            .toString())
                    .isEqualTo("[1,2]");
            assertThat(send(restarted, "GET", "/subjects/durable-value/versions/1", null)
                            .body()
                            .get("id")
                            .asInt())
                    .isEqualTo(v1);
            assertThat(send(restarted, "GET", "/subjects/durable-value/versions/2", null)
                            .body()
                            .get("id")
                            .asInt())
                    .isEqualTo(v2);
            assertThat(send(restarted, "GET", "/schemas/ids/" + v2, null)
                            .body()
                            .get("schema")
                            .asText())
                    .isEqualTo(canonical(V2_WITH_DEFAULTED_TITLE));
            assertThat(send(restarted, "GET", "/config/durable-value", null)
                            .body()
                            .get("compatibilityLevel")
                            .asText())
                    .isEqualTo("FULL_TRANSITIVE");
            assertThat(register(restarted, "durable-value", V1)).isEqualTo(v1);
        }
    }

    @Test
    void theSchemasTopic_holdsConfluentsKeysAndValues() throws Exception {
        int id = register("on-disk-value", V1);
        put("/config/on-disk-value", "{\"compatibility\":\"FORWARD\"}");

        Map<String, String> topic = readSchemasTopic();

        String schemaValue =
                topic.get("{\"keytype\":\"SCHEMA\",\"subject\":\"on-disk-value\",\"version\":1,\"magic\":1}");
        assertThat(schemaValue).isNotNull();
        assertThat(json.readTree(schemaValue))
                .isEqualTo(json.readTree("{\"subject\":\"on-disk-value\",\"version\":1," + "\"id\":" + id
                        + ",\"schema\":" + json.writeValueAsString(canonical(V1)) + ",\"deleted\":false}"));
        assertThat(topic.get("{\"keytype\":\"CONFIG\",\"subject\":\"on-disk-value\",\"magic\":0}"))
                .isEqualTo("{\"compatibilityLevel\":\"FORWARD\"}");
    }

    private record Answer(int status, String contentType, JsonNode body) {}

    private static int register(String subject, String schema) throws Exception {
        return register(registry, subject, schema);
    }

    private static int register(LocalSchemaRegistry target, String subject, String schema) throws Exception {
        Answer answer = send(target, "POST", "/subjects/" + subject + "/versions", schemaRequest(schema));
        assertThat(answer.status())
                .as("register under %s: %s", subject, answer.body())
                .isEqualTo(200);
        return answer.body().get("id").asInt();
    }

    private static String schemaRequest(String schema) throws IOException {
        return json.writeValueAsString(Map.of("schema", schema));
    }

    private static String canonical(String schema) {
        return new Schema.Parser().parse(schema).toString();
    }

    private static int errorCode(Answer answer) {
        return answer.body().path("error_code").asInt();
    }

    private static Answer get(String path) throws Exception {
        return send("GET", path, null);
    }

    private static Answer post(String path, String body) throws Exception {
        return send("POST", path, body);
    }

    private static Answer put(String path, String body) throws Exception {
        return send("PUT", path, body);
    }

    private static Answer send(String method, String path, String body) throws Exception {
        return send(registry, method, path, body);
    }

    private static Answer send(LocalSchemaRegistry target, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.url() + path))
                .timeout(Duration.ofSeconds(40))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null),
                json.readTree(response.body()));
    }

    /** The topic's latest value per key, read as any Kafka tool would read it. */
    private static Map<String, String> readSchemasTopic() {
        Map<String, String> latest = new HashMap<>();
        TopicPartition partition = new TopicPartition(Topics.SCHEMAS.name(), 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    latest.put(record.key(), record.value());
                }
            }
        }
        return latest;
    }
}
