package org.incidentplatform.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.Schema;
import org.incidentplatform.events.IncidentEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpSchemaRegistryTests {

    private static final String SUBJECT = "incident-events-value";
    private static final Schema SCHEMA = IncidentEvent.getClassSchema();
    private static final ObjectMapper json = new ObjectMapper();

    private HttpServer server;
    private ExecutorService executor;
    private String url;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private record Answer(int status, String body, Duration delay) {}

    private record Request(String method, String rawPathAndQuery, String contentType, String body) {}

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void register_postsTheSchemaWithConfluentsContentType_andAsksOncePerSchema() throws IOException {
        answer("POST /subjects/incident-events-value/versions", 200, "{\"id\":7}");
        HttpSchemaRegistry registry = new HttpSchemaRegistry(url);

        assertThat(registry.register(SUBJECT, SCHEMA)).isEqualTo(7);
        assertThat(registry.register(SUBJECT, SCHEMA)).isEqualTo(7);
        assertThat(registry.schemaById(7)).isEqualTo(SCHEMA);

        assertThat(requests).hasSize(1);
        Request request = requests.get(0);
        assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        String sent = json.readTree(request.body()).get("schema").asText();
        assertThat(new Schema.Parser().parse(sent)).isEqualTo(SCHEMA);
    }

    @Test
    void idOf_looksTheSchemaUpWithoutRegistering_andCachesIt() {
        answer(
                "POST /subjects/incident-events-value",
                200,
                "{\"subject\":\"incident-events-value\",\"version\":3,\"id\":12,\"schema\":" + quoted(SCHEMA) + "}");
        HttpSchemaRegistry registry = new HttpSchemaRegistry(url);

        assertThat(registry.idOf(SUBJECT, SCHEMA)).isEqualTo(12);
        assertThat(registry.idOf(SUBJECT, SCHEMA)).isEqualTo(12);
        assertThat(registry.register(SUBJECT, SCHEMA)).isEqualTo(12);

        assertThat(requests)
                .extracting(Request::method, Request::rawPathAndQuery)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("POST", "/subjects/incident-events-value"));
    }

    @Test
    void schemaById_fetchesAndParsesTheSchema_once() {
        answer("GET /schemas/ids/5", 200, "{\"schema\":" + quoted(SCHEMA) + "}");
        HttpSchemaRegistry registry = new HttpSchemaRegistry(url);

        assertThat(registry.schemaById(5)).isEqualTo(SCHEMA);
        assertThat(registry.schemaById(5)).isEqualTo(SCHEMA);

        assertThat(requests).hasSize(1);
    }

    @Test
    void schemaById_refusesSchemasThatAreNotAvro() {
        answer("GET /schemas/ids/5", 200, "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");

        assertThatThrownBy(() -> new HttpSchemaRegistry(url).schemaById(5))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("schema id 5")
                .hasMessageContaining("PROTOBUF, not AVRO");
    }

    @Test
    void latest_returnsSubjectVersionIdAndSchema() {
        answer(
                "GET /subjects/incident-events-value/versions/latest",
                200,
                "{\"subject\":\"incident-events-value\",\"version\":2,\"id\":9,\"schema\":" + quoted(SCHEMA) + "}");

        RegisteredSchema latest = new HttpSchemaRegistry(url).latest(SUBJECT);

        assertThat(latest).isEqualTo(new RegisteredSchema(SUBJECT, 2, 9, SCHEMA));
    }

    @Test
    void compatibilityProblems_returnsTheRegistrysVerboseMessages() {
        answer(
                "POST /compatibility/subjects/incident-events-value/versions/latest?verbose=true",
                200,
                "{\"is_compatible\":false,\"messages\":[\"READER_FIELD_MISSING_DEFAULT_VALUE: severityScore\"]}");

        assertThat(new HttpSchemaRegistry(url).compatibilityProblems(SUBJECT, SCHEMA))
                .containsExactly("READER_FIELD_MISSING_DEFAULT_VALUE: severityScore");
    }

    @Test
    void compatibilityProblems_isEmpty_whenCompatible_orWhenTheSubjectIsUnknown() {
        answer(
                "POST /compatibility/subjects/incident-events-value/versions/latest?verbose=true",
                200,
                "{\"is_compatible\":true}");
        answer(
                "POST /compatibility/subjects/new-topic-value/versions/latest?verbose=true",
                404,
                "{\"error_code\":40401,\"message\":\"Subject 'new-topic-value' not found.\"}");
        HttpSchemaRegistry registry = new HttpSchemaRegistry(url);

        assertThat(registry.compatibilityProblems(SUBJECT, SCHEMA)).isEmpty();
        assertThat(registry.compatibilityProblems("new-topic-value", SCHEMA)).isEmpty();
    }

    @Test
    void subjects_listsTheSubjects() {
        answer("GET /subjects", 200, "[\"incident-events-value\",\"incident-events-key\"]");

        assertThat(new HttpSchemaRegistry(url).subjects())
                .containsExactly("incident-events-value", "incident-events-key");
    }

    @Test
    void subjects_areUrlEncodedInPaths() {
        answer("POST /subjects/odd%20subject%2Fwith%3Fchars/versions", 200, "{\"id\":1}");

        assertThat(new HttpSchemaRegistry(url).register("odd subject/with?chars", SCHEMA))
                .isEqualTo(1);
    }

    @Test
    void subjectNotFound_carriesStatusErrorCodeAndSubject() {
        answer(
                "GET /subjects/incident-events-value/versions/latest",
                404,
                "{\"error_code\":40401,\"message\":\"Subject 'incident-events-value' not found.\"}");

        assertThatThrownBy(() -> new HttpSchemaRegistry(url).latest(SUBJECT))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40401);
                    assertThat(e.subject()).isEqualTo(SUBJECT);
                    assertThat(e.isNotFound()).isTrue();
                    assertThat(e.isIncompatible()).isFalse();
                    assertThat(e.getMessage())
                            .isEqualTo("schema registry " + url + ": latest version of subject "
                                    + "'incident-events-value' could not be fetched (HTTP 404, error_code 40401): "
                                    + "Subject 'incident-events-value' not found.");
                });
    }

    @Test
    void http409_isIncompatible_andTheMessageNamesRegistryAndSubject() {
        answer(
                "POST /subjects/incident-events-value/versions",
                409,
                "{\"error_code\":409,\"message\":\"Schema being registered is incompatible with an earlier schema\"}");

        assertThatThrownBy(() -> new HttpSchemaRegistry(url).register(SUBJECT, SCHEMA))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isIncompatible()).isTrue();
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.getMessage())
                            .isEqualTo("schema registry " + url + ": subject "
                                    + "'incident-events-value' rejected the schema (HTTP 409, error_code 409): "
                                    + "Schema being registered is incompatible with an earlier schema");
                });
    }

    @Test
    void errorCode40901_isIncompatible_whateverTheHttpStatus() {
        answer(
                "POST /subjects/incident-events-value/versions",
                422,
                "{\"error_code\":40901,\"message\":\"Incompatible schema: severityScore has no default\"}");

        assertThatThrownBy(() -> new HttpSchemaRegistry(url).register(SUBJECT, SCHEMA))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isIncompatible()).isTrue();
                    assertThat(e.httpStatus()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("(HTTP 422, error_code 40901)", "severityScore");
                });
    }

    @Test
    void anAnswerThatIsNotJson_isQuotedInTheError() {
        answer("GET /schemas/ids/3", 502, "<html><body>Bad Gateway</body></html>");

        assertThatThrownBy(() -> new HttpSchemaRegistry(url).schemaById(3))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(502);
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.NONE);
                    assertThat(e.subject()).isNull();
                    assertThat(e.getMessage()).contains("schema id 3", "HTTP 502", "Bad Gateway");
                });
    }

    @Test
    void unreachableRegistry_namesTheUrlAndTheSubject() throws IOException {
        String closed = "http://127.0.0.1:" + closedPort();

        assertThatThrownBy(() -> new HttpSchemaRegistry(closed).register(SUBJECT, SCHEMA))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isUnreachable()).isTrue();
                    assertThat(e.subject()).isEqualTo(SUBJECT);
                    assertThat(e.getMessage())
                            .startsWith("schema registry " + closed + " is unreachable")
                            .contains("subject '" + SUBJECT + "'");
                });
    }

    @Test
    void aRegistryThatDoesNotAnswerInTime_isUnreachable() {
        answers.put("GET /subjects", new Answer(200, "[]", Duration.ofSeconds(3)));
        HttpSchemaRegistry registry = new HttpSchemaRegistry(url, Duration.ofSeconds(1), Duration.ofMillis(300));

        assertThatThrownBy(registry::subjects).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.isUnreachable()).isTrue();
            assertThat(e.getMessage()).contains(url, "did not answer within 300 ms");
        });
    }

    @Test
    void severalUrls_theFirstThatAnswersIsUsed() throws IOException {
        answer("GET /subjects", 200, "[\"incident-events-value\"]");
        HttpSchemaRegistry registry = new HttpSchemaRegistry("http://127.0.0.1:" + closedPort() + ", " + url + "/");

        assertThat(registry.subjects()).containsExactly("incident-events-value");
    }

    @Test
    void invalidUrls_areRefusedUpFront() {
        assertThatThrownBy(() -> new HttpSchemaRegistry("localhost:8081"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("localhost:8081");
        assertThatThrownBy(() -> new HttpSchemaRegistry(" , ")).isInstanceOf(IllegalArgumentException.class);
    }

    private void answer(String methodAndPath, int status, String body) {
        answers.put(methodAndPath, new Answer(status, body, Duration.ZERO));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + exchange.getRequestURI().getRawQuery());
        requests.add(new Request(
                exchange.getRequestMethod(),
                target,
                exchange.getRequestHeaders().getFirst("Content-Type"),
                body));
        Answer answer = answers.getOrDefault(
                exchange.getRequestMethod() + " " + target,
                new Answer(404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}", Duration.ZERO));
        try {
            Thread.sleep(answer.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
            return;
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String quoted(Schema schema) {
        try {
            return json.writeValueAsString(schema.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
