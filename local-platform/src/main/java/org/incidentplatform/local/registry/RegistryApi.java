package org.incidentplatform.local.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.incidentplatform.local.registry.RegistryRecord.SchemaVersion;
import org.incidentplatform.schemas.compatibility.CompatibilityLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent Schema Registry REST API over the catalog: routes, request bodies, and error
 * bodies shaped {@code {"error_code": ..., "message": ...}} as Confluent shapes them.
 */
final class RegistryApi implements HttpHandler {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Set<String> ACCEPTED_CONTENT_TYPES =
            Set.of(CONTENT_TYPE, "application/vnd.schemaregistry+json", "application/json", "application/octet-stream");
    private static final Logger log = LoggerFactory.getLogger(RegistryApi.class);

    private final SchemaCatalog catalog;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Route> routes;

    RegistryApi(SchemaCatalog catalog) {
        this.catalog = catalog;
        this.routes = List.of(
                new Route("GET", "/", request -> json.createObjectNode()),
                new Route("GET", "/subjects", request -> array(catalog.subjects())),
                new Route("GET", "/subjects/{subject}/versions", request -> array(catalog.versions(request.subject()))),
                new Route(
                        "POST",
                        "/subjects/{subject}/versions",
                        request -> json.createObjectNode()
                                .put("id", catalog.register(request.subject(), request.schema()))),
                new Route(
                        "GET",
                        "/subjects/{subject}/versions/{version}",
                        request -> describe(catalog.version(request.subject(), request.version()))),
                new Route(
                        "GET",
                        "/subjects/{subject}/versions/{version}/schema",
                        request -> parseStored(catalog.version(request.subject(), request.version())
                                .schema())),
                new Route(
                        "POST",
                        "/subjects/{subject}",
                        request -> describe(catalog.lookup(request.subject(), request.schema()))),
                new Route("GET", "/schemas/types", request -> array(List.of("AVRO"))),
                new Route(
                        "GET",
                        "/schemas/ids/{id}",
                        request -> json.createObjectNode().put("schema", catalog.schema(request.id()))),
                new Route("GET", "/schemas/ids/{id}/schema", request -> parseStored(catalog.schema(request.id()))),
                new Route("GET", "/schemas/ids/{id}/versions", this::usesOfId),
                new Route(
                        "POST",
                        "/compatibility/subjects/{subject}/versions/{version}",
                        request -> verdict(
                                request,
                                catalog.problemsAgainst(request.subject(), request.version(), request.schema()))),
                new Route(
                        "POST",
                        "/compatibility/subjects/{subject}/versions",
                        request -> verdict(request, catalog.problemsAgainstAll(request.subject(), request.schema()))),
                new Route(
                        "GET",
                        "/config",
                        request -> json.createObjectNode()
                                .put("compatibilityLevel", catalog.globalLevel().name())),
                new Route("PUT", "/config", request -> {
                    CompatibilityLevel level = request.level();
                    catalog.setGlobalLevel(level);
                    return json.createObjectNode().put("compatibility", level.name());
                }),
                new Route(
                        "GET",
                        "/config/{subject}",
                        request -> json.createObjectNode()
                                .put(
                                        "compatibilityLevel",
                                        catalog.subjectLevel(request.subject(), request.flag("defaultToGlobal"))
                                                .name())),
                new Route("PUT", "/config/{subject}", request -> {
                    CompatibilityLevel level = request.level();
                    catalog.setSubjectLevel(request.subject(), level);
                    return json.createObjectNode().put("compatibility", level.name());
                }));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = 200;
            JsonNode body;
            try {
                body = dispatch(exchange);
            } catch (RegistryError e) {
                if (e.status() >= 500) {
                    log.warn("{} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.getMessage());
                }
                status = e.status();
                body = error(e.errorCode(), e.getMessage());
            } catch (JsonProcessingException e) {
                // Confluent (rest-utils) answers a body that is not JSON with 400 and error_code 400,
                // keeping 422 for JSON that is well formed but says something invalid.
                status = 400;
                body = error(400, "Unrecognized JSON in request body: " + e.getOriginalMessage());
            } catch (RuntimeException e) {
                log.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                status = 500;
                body = error(500, "Internal server error: " + e);
            }
            byte[] bytes = json.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private JsonNode dispatch(HttpExchange exchange) throws IOException {
        List<String> path = segments(exchange.getRequestURI().getRawPath());
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> params = route.match(path);
            if (params == null) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(method)) {
                byte[] body = readBody(exchange, method);
                return route.action()
                        .answer(new Request(
                                params, query(exchange.getRequestURI().getRawQuery()), body));
            }
        }
        throw pathKnown
                ? new RegistryError(405, 405, "HTTP 405 Method Not Allowed")
                : new RegistryError(404, 404, "HTTP 404 Not Found");
    }

    private static byte[] readBody(HttpExchange exchange, String method) throws IOException {
        if (!method.equals("POST") && !method.equals("PUT")) {
            return new byte[0];
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null) {
            String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (!mediaType.isEmpty() && !ACCEPTED_CONTENT_TYPES.contains(mediaType)) {
                throw new RegistryError(415, 415, "HTTP 415 Unsupported Media Type");
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private JsonNode usesOfId(Request request) {
        ArrayNode uses = json.createArrayNode();
        for (SchemaVersion use : catalog.usesOf(request.id())) {
            uses.addObject().put("subject", use.subject()).put("version", use.version());
        }
        return uses;
    }

    private JsonNode describe(SchemaVersion version) {
        return json.createObjectNode()
                .put("subject", version.subject())
                .put("version", version.version())
                .put("id", version.id())
                .put("schema", version.schema());
    }

    private JsonNode verdict(Request request, List<String> problems) {
        ObjectNode verdict = json.createObjectNode().put("is_compatible", problems.isEmpty());
        if (request.flag("verbose")) {
            verdict.set("messages", array(problems));
        }
        return verdict;
    }

    /** The raw-schema endpoints answer with the schema itself, which is JSON. */
    private JsonNode parseStored(String schema) {
        try {
            return json.readTree(schema);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored schema is not JSON: " + schema, e);
        }
    }

    private ArrayNode array(List<?> values) {
        return json.valueToTree(values);
    }

    private ObjectNode error(int code, String message) {
        return json.createObjectNode().put("error_code", code).put("message", message);
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                // Subjects may hold any character; '+' is literal in a path, unlike in a query.
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    private interface Action {
        JsonNode answer(Request request) throws IOException;
    }

    private record Route(String method, List<String> pattern, Action action) {

        Route(String method, String pattern, Action action) {
            this(
                    method,
                    Arrays.stream(pattern.split("/")).filter(s -> !s.isEmpty()).toList(),
                    action);
        }

        /** The path parameters when the path fits this route's pattern, else null. */
        Map<String, String> match(List<String> path) {
            if (path.size() != pattern.size()) {
                return null;
            }
            Map<String, String> params = new HashMap<>();
            for (int i = 0; i < path.size(); i++) {
                String expected = pattern.get(i);
                if (expected.startsWith("{")) {
                    params.put(expected.substring(1, expected.length() - 1), path.get(i));
                } else if (!expected.equals(path.get(i))) {
                    return null;
                }
            }
            return params;
        }
    }

    private final class Request {

        private final Map<String, String> params;
        private final Map<String, String> query;
        private final byte[] body;

        Request(Map<String, String> params, Map<String, String> query, byte[] body) {
            this.params = params;
            this.query = query;
            this.body = body;
        }

        String subject() {
            return params.get("subject");
        }

        int version() {
            return SchemaCatalog.parseVersion(params.get("version"));
        }

        /** Ids are numbers; anything else cannot name a schema, so it is answered like an unknown id. */
        int id() {
            try {
                return Integer.parseInt(params.get("id"));
            } catch (NumberFormatException e) {
                throw RegistryError.schemaNotFound();
            }
        }

        boolean flag(String name) {
            return Boolean.parseBoolean(query.get(name));
        }

        /**
         * The {@code schema} of a register, lookup or compatibility request. Only Avro without
         * references: that is all the platform writes, and all this registry can check.
         */
        String schema() throws JsonProcessingException {
            JsonNode request = body();
            JsonNode type = request.get("schemaType");
            if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
                throw RegistryError.invalidSchema(
                        "Unsupported schema type " + type.asText() + "; this registry stores AVRO schemas only");
            }
            JsonNode references = request.get("references");
            if (references != null && references.isArray() && !references.isEmpty()) {
                throw RegistryError.invalidSchema("Schema references are not supported by this registry");
            }
            JsonNode schema = request.get("schema");
            return schema != null && schema.isTextual() ? schema.asText() : null;
        }

        /** The level of a config update; Confluent names the field {@code compatibility}. */
        CompatibilityLevel level() throws JsonProcessingException {
            JsonNode request = body();
            JsonNode level = request.hasNonNull("compatibility")
                    ? request.get("compatibility")
                    : request.get("compatibilityLevel");
            if (level == null || !level.isTextual()) {
                throw RegistryError.invalidCompatibilityLevel();
            }
            try {
                return CompatibilityLevel.parse(level.asText());
            } catch (IllegalArgumentException e) {
                throw RegistryError.invalidCompatibilityLevel();
            }
        }

        private JsonNode body() throws JsonProcessingException {
            if (body.length == 0) {
                return json.createObjectNode();
            }
            JsonNode node = json.readTree(new String(body, StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw new RegistryError(422, 422, "Request body must be a JSON object");
            }
            return node;
        }
    }
}
