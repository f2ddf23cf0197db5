package org.incidentplatform.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of the Confluent Schema Registry REST API, on the JDK's {@link HttpClient}. Works against
 * Confluent Schema Registry and against the platform's local registry, which speaks the same API.
 *
 * <p>Ids and schemas never change once assigned, so they are cached for the life of the client:
 * a producer or consumer makes one HTTP call per schema it meets, not one per record. Latest
 * versions, compatibility checks and subject lists are not cached. Thread-safe.
 *
 * <p>Several registry URLs may be given comma-separated; a request goes to the first that answers.
 */
public final class HttpSchemaRegistry implements SchemaRegistry {

    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(HttpSchemaRegistry.class);
    private static final ObjectMapper json = new ObjectMapper();
    private static final int MAX_QUOTED_BODY = 300;

    private final List<String> urls;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {}

    /** The request, in words, for error messages: what was asked, and what a refusal means. */
    private record Call(String subject, String action, String refusal) {}

    public HttpSchemaRegistry(String urls) {
        this(urls, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * @param urls           one registry URL, or several separated by commas
     * @param connectTimeout bound on opening a connection
     * @param requestTimeout bound on a whole request, from sending it to the end of the answer
     */
    public HttpSchemaRegistry(String urls, Duration connectTimeout, Duration requestTimeout) {
        this.urls = parseUrls(urls);
        this.requestTimeout = positive(requestTimeout, "requestTimeout");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(positive(connectTimeout, "connectTimeout"))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The registry URLs, without trailing slashes, in the order they are tried. */
    public List<String> urls() {
        return urls;
    }

    @Override
    public int register(String subject, Schema schema) {
        Objects.requireNonNull(schema, "schema");
        return ids.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            Call call = new Call(
                    subject,
                    "register a schema under subject '" + subject + "'",
                    "subject '" + subject + "' rejected the schema");
            int id = requiredInt(
                    post("/subjects/" + encode(subject) + "/versions", schemaBody(schema), call), "id", call);
            schemas.putIfAbsent(id, schema);
            log.info("Schema {} is registered under subject '{}' with id {}", schema.getFullName(), subject, id);
            return id;
        });
    }

    @Override
    public int idOf(String subject, Schema schema) {
        Objects.requireNonNull(schema, "schema");
        return ids.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            Call call = new Call(
                    subject,
                    "look up a schema under subject '" + subject + "'",
                    "lookup of the schema under subject '" + subject + "' failed");
            int id = requiredInt(post("/subjects/" + encode(subject), schemaBody(schema), call), "id", call);
            schemas.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public Schema schemaById(int id) {
        return schemas.computeIfAbsent(id, key -> {
            Call call = new Call(null, "fetch schema id " + id, "schema id " + id + " could not be fetched");
            return parseSchema(send("GET", "/schemas/ids/" + id, null, call), call);
        });
    }

    @Override
    public RegisteredSchema latest(String subject) {
        Call call = new Call(
                subject,
                "fetch the latest version of subject '" + subject + "'",
                "latest version of subject '" + subject + "' could not be fetched");
        JsonNode answer = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null, call);
        int id = requiredInt(answer, "id", call);
        Schema schema = schemas.computeIfAbsent(id, key -> parseSchema(answer, call));
        ids.putIfAbsent(new SubjectSchema(subject, schema), id);
        return new RegisteredSchema(subject, requiredInt(answer, "version", call), id, schema);
    }

    @Override
    public List<String> compatibilityProblems(String subject, Schema schema) {
        Call call = new Call(
                subject,
                "check compatibility with subject '" + subject + "'",
                "compatibility check against subject '" + subject + "' failed");
        JsonNode answer;
        try {
            answer = post(
                    "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
                    schemaBody(schema),
                    call);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
        if (answer.path("is_compatible").asBoolean(false)) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        answer.path("messages").forEach(message -> problems.add(message.asText()));
        if (problems.isEmpty()) {
            problems.add("the registry reports the schema as incompatible with subject '" + subject
                    + "' without saying why");
        }
        return List.copyOf(problems);
    }

    @Override
    public List<String> subjects() {
        Call call = new Call(null, "list subjects", "listing subjects failed");
        JsonNode answer = send("GET", "/subjects", null, call);
        if (!answer.isArray()) {
            throw unexpected(call, "expected a JSON array of subjects", answer.toString());
        }
        List<String> subjects = new ArrayList<>();
        answer.forEach(subject -> subjects.add(subject.asText()));
        return List.copyOf(subjects);
    }

    private JsonNode post(String path, String body, Call call) {
        return send("POST", path, body, call);
    }

    private JsonNode send(String method, String path, String body, Call call) {
        List<String> failures = new ArrayList<>();
        Exception lastFailure = null;
        for (String url : urls) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + path))
                    .timeout(requestTimeout)
                    .header("Accept", CONTENT_TYPE + ", application/json")
                    .header("Content-Type", CONTENT_TYPE)
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpTimeoutException e) {
                failures.add(url + " did not answer within " + describe(e));
                lastFailure = e;
                continue;
            } catch (IOException e) {
                failures.add(url + " (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
                lastFailure = e;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(
                        "schema registry " + url + ": interrupted while trying to " + call.action(),
                        call.subject(),
                        SchemaRegistryException.NONE,
                        SchemaRegistryException.NONE,
                        e);
            }
            return answer(url, response, call);
        }
        throw new SchemaRegistryException(
                "schema registry " + String.join(",", urls) + " is unreachable, could not " + call.action() + ": "
                        + String.join("; ", failures),
                call.subject(),
                SchemaRegistryException.NONE,
                SchemaRegistryException.NONE,
                lastFailure);
    }

    private String describe(HttpTimeoutException e) {
        return (e instanceof java.net.http.HttpConnectTimeoutException
                                ? http.connectTimeout().orElseThrow()
                                : requestTimeout)
                        .toMillis()
                + " ms";
    }

    private JsonNode answer(String url, HttpResponse<String> response, Call call) {
        String body = response.body() == null ? "" : response.body();
        JsonNode node = null;
        try {
            node = body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            // A proxy or load balancer in front of the registry may answer with HTML: quoted below.
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            if (node == null) {
                throw unexpected(call, "expected a JSON body from " + url, body);
            }
            return node;
        }
        int errorCode = SchemaRegistryException.NONE;
        String message = quote(body);
        if (node != null && node.has("error_code")) {
            errorCode = node.path("error_code").asInt(SchemaRegistryException.NONE);
            message = node.path("message").asText(message);
        }
        throw new SchemaRegistryException(
                "schema registry " + url + ": " + call.refusal() + " (HTTP " + status
                        + ", error_code " + (errorCode == SchemaRegistryException.NONE ? "none" : errorCode) + "): "
                        + message,
                call.subject(),
                status,
                errorCode);
    }

    private Schema parseSchema(JsonNode answer, Call call) {
        String type = answer.path("schemaType").asText("AVRO");
        if (!"AVRO".equalsIgnoreCase(type)) {
            throw unexpected(call, "the schema is of type " + type + ", not AVRO", answer.toString());
        }
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw unexpected(call, "the answer has no \"schema\" string", answer.toString());
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(
                    "schema registry " + urls.get(0) + ": " + call.refusal()
                            + ": the registry returned a schema that is not valid Avro: " + e.getMessage(),
                    call.subject(),
                    200,
                    SchemaRegistryException.NONE,
                    e);
        }
    }

    private int requiredInt(JsonNode answer, String field, Call call) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw unexpected(call, "the answer has no integer \"" + field + "\"", answer.toString());
        }
        return value.asInt();
    }

    private SchemaRegistryException unexpected(Call call, String what, String body) {
        return new SchemaRegistryException(
                "schema registry " + String.join(",", urls) + ": " + call.refusal() + ": unexpected answer, " + what
                        + ": " + quote(body),
                call.subject(),
                200,
                SchemaRegistryException.NONE);
    }

    private static String schemaBody(Schema schema) {
        ObjectNode body = json.createObjectNode();
        body.put("schema", schema.toString());
        return body.toString();
    }

    private static String encode(String subject) {
        Objects.requireNonNull(subject, "subject");
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String quote(String body) {
        String trimmed = body.strip();
        return trimmed.length() <= MAX_QUOTED_BODY ? trimmed : trimmed.substring(0, MAX_QUOTED_BODY) + "...";
    }

    private static List<String> parseUrls(String urls) {
        if (urls == null || urls.isBlank()) {
            throw new IllegalArgumentException("no schema registry URL given");
        }
        List<String> parsed = Arrays.stream(urls.split(","))
                .map(String::strip)
                .filter(url -> !url.isEmpty())
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                .toList();
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("no schema registry URL given in '" + urls + "'");
        }
        for (String url : parsed) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("schema registry URL '" + url + "' is not a valid URL", e);
            }
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "schema registry URL '" + url + "' must be an http:// or https:// URL with a host");
            }
        }
        return parsed;
    }

    private static Duration positive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
        return duration;
    }

    @Override
    public String toString() {
        return "HttpSchemaRegistry" + urls;
    }
}
