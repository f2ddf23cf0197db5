package org.incidentplatform.local.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.avro.Schema;
import org.incidentplatform.local.registry.RegistryRecord.CompatibilitySet;
import org.incidentplatform.local.registry.RegistryRecord.SchemaVersion;
import org.incidentplatform.schemas.compatibility.CompatibilityLevel;
import org.incidentplatform.schemas.compatibility.SchemaCompatibilityCheck;

/**
 * What the registry does, with Confluent Schema Registry's rules and error codes: register and
 * look up schemas, read subjects and versions, check compatibility, set levels. Reads come from
 * the state; every write goes through the log and holds the one writer lock, so ids and version
 * numbers are decided against a state that nobody else is changing.
 */
final class SchemaCatalog {

    /** The version number that stands for a subject's latest version ({@code latest} or {@code -1}). */
    static final int LATEST = -1;

    private final RegistryState state;
    private final SchemaLog log;
    private final ReentrantLock writer = new ReentrantLock();

    SchemaCatalog(RegistryState state, SchemaLog log) {
        this.state = state;
        this.log = log;
    }

    /**
     * Registers the schema under the subject and returns its global id. A schema the subject
     * already has keeps its id and version; one that another subject has keeps its id.
     */
    int register(String subject, String schemaText) {
        Schema candidate = parse(schemaText);
        // Stored schemas are in Avro's canonical string form (as Confluent stores them), so equal
        // strings mean equal schemas whatever whitespace or field order the client sent.
        String canonical = candidate.toString();
        writer.lock();
        try {
            log.catchUp();
            List<SchemaVersion> live = state.versions(subject);
            for (SchemaVersion existing : live) {
                if (existing.schema().equals(canonical)) {
                    return existing.id();
                }
            }
            CompatibilityLevel level = state.levelFor(subject);
            List<String> problems = problems(candidate, live, level);
            if (!problems.isEmpty()) {
                throw RegistryError.incompatible("Schema being registered is incompatible with an earlier schema"
                        + " for subject \"" + subject + "\", details: " + withLevel(problems, level));
            }
            int id = state.id(canonical).orElseGet(() -> state.highestId() + 1);
            log.append(new SchemaVersion(subject, state.highestVersion(subject) + 1, id, canonical, false));
            return id;
        } finally {
            writer.unlock();
        }
    }

    /** The subject's version that holds this schema. */
    SchemaVersion lookup(String subject, String schemaText) {
        List<SchemaVersion> live = existingSubject(subject);
        String canonical = parse(schemaText).toString();
        for (int i = live.size() - 1; i >= 0; i--) {
            if (live.get(i).schema().equals(canonical)) {
                return live.get(i);
            }
        }
        throw RegistryError.schemaNotFound();
    }

    String schema(int id) {
        return state.schema(id).orElseThrow(RegistryError::schemaNotFound);
    }

    List<SchemaVersion> usesOf(int id) {
        schema(id);
        return state.usesOf(id);
    }

    List<String> subjects() {
        return state.subjects();
    }

    List<Integer> versions(String subject) {
        return existingSubject(subject).stream().map(SchemaVersion::version).toList();
    }

    /** @param version a version number or {@link #LATEST} */
    SchemaVersion version(String subject, int version) {
        List<SchemaVersion> live = existingSubject(subject);
        if (version == LATEST) {
            return live.get(live.size() - 1);
        }
        return live.stream()
                .filter(v -> v.version() == version)
                .findFirst()
                .orElseThrow(() -> RegistryError.versionNotFound(version));
    }

    /**
     * The reasons the schema may not follow the given version under the subject's level;
     * empty when it may.
     */
    List<String> problemsAgainst(String subject, int version, String schemaText) {
        SchemaVersion earlier = version(subject, version);
        CompatibilityLevel level = state.levelFor(subject);
        return withLevel(problems(parse(schemaText), List.of(earlier), level), level);
    }

    /**
     * The reasons the schema may not be registered under the subject now, judged against the
     * versions its level asks for; empty when it may, or when the subject has no versions yet.
     */
    List<String> problemsAgainstAll(String subject, String schemaText) {
        CompatibilityLevel level = state.levelFor(subject);
        return withLevel(problems(parse(schemaText), state.versions(subject), level), level);
    }

    CompatibilityLevel globalLevel() {
        return state.globalLevel();
    }

    void setGlobalLevel(CompatibilityLevel level) {
        write(new CompatibilitySet(null, level));
    }

    CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        return state.subjectLevel(subject).orElseGet(() -> {
            if (defaultToGlobal) {
                return state.globalLevel();
            }
            throw RegistryError.subjectLevelNotConfigured(subject);
        });
    }

    /** Confluent allows a level for a subject that has no versions yet, so a policy can come first. */
    void setSubjectLevel(String subject, CompatibilityLevel level) {
        write(new CompatibilitySet(subject, level));
    }

    /** Parses a version as Confluent does: a number from 1 up, or {@code latest}, or {@code -1}. */
    static int parseVersion(String text) {
        if ("latest".equalsIgnoreCase(text)) {
            return LATEST;
        }
        try {
            int version = Integer.parseInt(text);
            if (version == LATEST || version >= 1) {
                return version;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, as for a number out of range
        }
        throw RegistryError.invalidVersion(text);
    }

    private void write(RegistryRecord record) {
        writer.lock();
        try {
            log.append(record);
        } finally {
            writer.unlock();
        }
    }

    private List<SchemaVersion> existingSubject(String subject) {
        List<SchemaVersion> live = state.versions(subject);
        if (live.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        return live;
    }

    private static List<String> problems(Schema candidate, List<SchemaVersion> earlier, CompatibilityLevel level) {
        List<Schema> schemas =
                earlier.stream().map(v -> new Schema.Parser().parse(v.schema())).toList();
        return SchemaCompatibilityCheck.problems(candidate, schemas, level);
    }

    /** Confluent ends its list of reasons with the level they were judged by. */
    private static List<String> withLevel(List<String> problems, CompatibilityLevel level) {
        if (problems.isEmpty()) {
            return problems;
        }
        List<String> messages = new ArrayList<>(problems);
        messages.add("{compatibility: '" + level + "'}");
        return messages;
    }

    private static Schema parse(String schemaText) {
        if (schemaText == null || schemaText.isBlank()) {
            throw RegistryError.invalidSchema("Empty schema");
        }
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (RuntimeException e) {
            // Avro reports bad input with several exception types (SchemaParseException,
            // AvroTypeException for bad defaults, ...); all of them mean the client sent it.
            throw RegistryError.invalidSchema("Invalid schema: " + e.getMessage());
        }
    }
}
