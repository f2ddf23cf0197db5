package org.incidentplatform.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;

/** Edits of a schema's JSON, to build the earlier and later versions that evolution tests need. */
public final class SchemaEdits {

    private static final ObjectMapper json = new ObjectMapper();

    private SchemaEdits() {}

    /** The schema with a field added at the end of the named record (simple name, e.g. IncidentDeclared). */
    public static Schema withField(Schema base, String recordName, String fieldJson) {
        ObjectNode root = tree(base);
        fieldsOf(root, recordName).add(parse(fieldJson));
        return parse(root);
    }

    public static Schema withoutField(Schema base, String recordName, String fieldName) {
        ObjectNode root = tree(base);
        ArrayNode fields = fieldsOf(root, recordName);
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).path("name").asText().equals(fieldName)) {
                fields.remove(i);
                return parse(root);
            }
        }
        throw new IllegalArgumentException("no field " + fieldName + " in " + recordName);
    }

    /** The envelope with one more record at the end of its payload union. */
    public static Schema withPayloadBranch(Schema base, String recordJson) {
        ObjectNode root = tree(base);
        for (JsonNode field : root.path("fields")) {
            if (field.path("name").asText().equals("payload")) {
                ((ArrayNode) field.get("type")).add(parse(recordJson));
                return parse(root);
            }
        }
        throw new IllegalArgumentException("no payload field");
    }

    private static ArrayNode fieldsOf(JsonNode node, String recordName) {
        ArrayNode found = find(node, recordName);
        if (found == null) {
            throw new IllegalArgumentException("no record " + recordName);
        }
        return found;
    }

    private static ArrayNode find(JsonNode node, String recordName) {
        if (node.isObject()
                && "record".equals(node.path("type").asText())
                && recordName.equals(node.path("name").asText())) {
            return (ArrayNode) node.get("fields");
        }
        for (JsonNode child : node) {
            ArrayNode found = find(child, recordName);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static ObjectNode tree(Schema schema) {
        return (ObjectNode) parse(schema.toString());
    }

    private static JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Schema parse(JsonNode tree) {
        return new Schema.Parser().parse(tree.toString());
    }
}
