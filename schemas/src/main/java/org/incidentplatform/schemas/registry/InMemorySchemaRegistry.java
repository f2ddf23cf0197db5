package org.incidentplatform.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.incidentplatform.schemas.compatibility.CompatibilityLevel;
import org.incidentplatform.schemas.compatibility.SchemaCompatibilityCheck;

/**
 * A schema registry held in memory, for unit tests and tools: it follows Confluent's rules (global
 * ids shared by equal schemas across subjects, versions per subject, compatibility checked on
 * register, Confluent's error codes) without HTTP. Not for running services: its ids are lost
 * with the JVM while records that carry them live on in Kafka. Thread-safe.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {

    private static final String NAME = "schema registry in-memory";

    private final CompatibilityLevel defaultLevel;
    private final Map<String, CompatibilityLevel> levels = new HashMap<>();
    private final List<Schema> schemasById = new ArrayList<>();
    private final Map<Schema, Integer> idsBySchema = new HashMap<>();
    private final Map<String, List<Integer>> versions = new TreeMap<>();

    /** A registry with Confluent's default level, BACKWARD. */
    public InMemorySchemaRegistry() {
        this(CompatibilityLevel.BACKWARD);
    }

    public InMemorySchemaRegistry(CompatibilityLevel defaultLevel) {
        this.defaultLevel = defaultLevel;
    }

    public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
        levels.put(subject, level);
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<Integer> ids = versions.getOrDefault(subject, List.of());
        for (int id : ids) {
            if (schemaOf(id).equals(schema)) {
                return id;
            }
        }
        List<String> problems = problems(subject, schema);
        if (!problems.isEmpty()) {
            throw new SchemaRegistryException(
                    NAME + ": subject '" + subject + "' rejected the schema (HTTP 409, "
                            + "error_code " + SchemaRegistryException.INCOMPATIBLE_SCHEMA
                            + "): Schema being registered is "
                            + "incompatible with an earlier schema for subject \"" + subject + "\", details: "
                            + problems,
                    subject,
                    409,
                    SchemaRegistryException.INCOMPATIBLE_SCHEMA);
        }
        int id = idsBySchema.computeIfAbsent(schema, newSchema -> {
            schemasById.add(newSchema);
            return schemasById.size();
        });
        versions.computeIfAbsent(subject, newSubject -> new ArrayList<>()).add(id);
        return id;
    }

    @Override
    public synchronized int idOf(String subject, Schema schema) {
        for (int id : versionsOf(subject, "lookup of the schema under subject '" + subject + "' failed")) {
            if (schemaOf(id).equals(schema)) {
                return id;
            }
        }
        throw new SchemaRegistryException(
                NAME + ": lookup of the schema under subject '" + subject + "' failed (HTTP 404, error_code "
                        + SchemaRegistryException.SCHEMA_NOT_FOUND + "): Schema not found",
                subject,
                404,
                SchemaRegistryException.SCHEMA_NOT_FOUND);
    }

    @Override
    public synchronized Schema schemaById(int id) {
        if (id < 1 || id > schemasById.size()) {
            throw new SchemaRegistryException(
                    NAME + ": schema id " + id + " could not be fetched (HTTP 404, " + "error_code "
                            + SchemaRegistryException.SCHEMA_NOT_FOUND + "): Schema " + id + " not found",
                    null,
                    404,
                    SchemaRegistryException.SCHEMA_NOT_FOUND);
        }
        return schemaOf(id);
    }

    @Override
    public synchronized RegisteredSchema latest(String subject) {
        List<Integer> ids = versionsOf(subject, "latest version of subject '" + subject + "' could not be fetched");
        int id = ids.get(ids.size() - 1);
        return new RegisteredSchema(subject, ids.size(), id, schemaOf(id));
    }

    /** Every version of the subject, oldest first; empty for an unknown subject. */
    public synchronized List<RegisteredSchema> versions(String subject) {
        List<Integer> ids = versions.getOrDefault(subject, List.of());
        List<RegisteredSchema> result = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            result.add(new RegisteredSchema(subject, i + 1, ids.get(i), schemaOf(ids.get(i))));
        }
        return List.copyOf(result);
    }

    @Override
    public synchronized List<String> compatibilityProblems(String subject, Schema schema) {
        return problems(subject, schema);
    }

    @Override
    public synchronized List<String> subjects() {
        return List.copyOf(versions.keySet());
    }

    private List<String> problems(String subject, Schema schema) {
        List<Schema> earlier = versions.getOrDefault(subject, List.of()).stream()
                .map(this::schemaOf)
                .toList();
        return SchemaCompatibilityCheck.problems(schema, earlier, levels.getOrDefault(subject, defaultLevel));
    }

    private List<Integer> versionsOf(String subject, String refusal) {
        List<Integer> ids = versions.get(subject);
        if (ids == null) {
            throw new SchemaRegistryException(
                    NAME + ": " + refusal + " (HTTP 404, error_code " + SchemaRegistryException.SUBJECT_NOT_FOUND
                            + "): Subject '" + subject + "' not found.",
                    subject,
                    404,
                    SchemaRegistryException.SUBJECT_NOT_FOUND);
        }
        return ids;
    }

    private Schema schemaOf(int id) {
        return schemasById.get(id - 1);
    }
}
