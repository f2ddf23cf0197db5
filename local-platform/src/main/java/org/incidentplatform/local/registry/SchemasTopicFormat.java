package org.incidentplatform.local.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.incidentplatform.local.registry.RegistryRecord.CompatibilitySet;
import org.incidentplatform.local.registry.RegistryRecord.SchemaVersion;
import org.incidentplatform.local.registry.RegistryRecord.SchemaVersionErased;
import org.incidentplatform.schemas.compatibility.CompatibilityLevel;

/**
 * The key and value JSON of Confluent Schema Registry's {@code _schemas} topic, so that a real
 * registry can take over our topic (and we can read one it wrote).
 *
 * <p>Keys are written byte for byte as Confluent writes them (field order included, and an
 * explicit {@code "subject":null} in the global config key): the topic is compacted, and
 * compaction only collapses records whose key bytes are equal.
 */
final class SchemasTopicFormat {

    /** One record of the topic; a null value is a tombstone. */
    record Entry(String key, String value) {}

    private static final ObjectMapper json = new ObjectMapper();
    private static final int SCHEMA_KEY_MAGIC = 1;
    private static final int CONFIG_KEY_MAGIC = 0;

    private SchemasTopicFormat() {}

    static Entry encode(RegistryRecord record) {
        if (record instanceof SchemaVersion v) {
            ObjectNode value = json.createObjectNode()
                    .put("subject", v.subject())
                    .put("version", v.version())
                    .put("id", v.id())
                    .put("schema", v.schema())
                    .put("deleted", v.deleted());
            return new Entry(schemaKey(v.subject(), v.version()), write(value));
        }
        if (record instanceof SchemaVersionErased erased) {
            return new Entry(schemaKey(erased.subject(), erased.version()), null);
        }
        CompatibilitySet set = (CompatibilitySet) record;
        ObjectNode key = json.createObjectNode()
                .put("keytype", "CONFIG")
                .put("subject", set.subject())
                .put("magic", CONFIG_KEY_MAGIC);
        String value = set.level() == null
                ? null
                : write(json.createObjectNode()
                        .put("compatibilityLevel", set.level().name()));
        return new Entry(write(key), value);
    }

    /**
     * The record a key and value stand for; empty for the kinds this registry has no use for
     * (Confluent's NOOP, MODE, DELETE_SUBJECT, CLEAR_SUBJECT, CONTEXT, ...).
     *
     * @throws IllegalArgumentException when the key or value is not the JSON Confluent writes
     */
    static Optional<RegistryRecord> decode(String key, String value) {
        JsonNode k = read(key);
        String subject = k.path("subject").isTextual() ? k.get("subject").asText() : null;
        switch (k.path("keytype").asText()) {
            case "SCHEMA" -> {
                int version = k.path("version").asInt();
                if (subject == null || version < 1) {
                    throw new IllegalArgumentException("schema key without subject or version: " + key);
                }
                if (value == null) {
                    return Optional.of(new SchemaVersionErased(subject, version));
                }
                JsonNode v = read(value);
                if (!v.path("schema").isTextual() || !v.path("id").canConvertToInt()) {
                    throw new IllegalArgumentException("schema value without schema or id: " + value);
                }
                return Optional.of(new SchemaVersion(
                        subject,
                        version,
                        v.get("id").asInt(),
                        v.get("schema").asText(),
                        v.path("deleted").asBoolean(false)));
            }
            case "CONFIG" -> {
                JsonNode level = value == null ? null : read(value).get("compatibilityLevel");
                return Optional.of(new CompatibilitySet(
                        subject, level == null || level.isNull() ? null : CompatibilityLevel.parse(level.asText())));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static String schemaKey(String subject, int version) {
        return write(json.createObjectNode()
                .put("keytype", "SCHEMA")
                .put("subject", subject)
                .put("version", version)
                .put("magic", SCHEMA_KEY_MAGIC));
    }

    private static JsonNode read(String text) {
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object: " + text);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + node, e);
        }
    }
}
