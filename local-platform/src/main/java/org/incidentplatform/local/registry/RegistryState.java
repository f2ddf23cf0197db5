package org.incidentplatform.local.registry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.incidentplatform.local.registry.RegistryRecord.CompatibilitySet;
import org.incidentplatform.local.registry.RegistryRecord.SchemaVersion;
import org.incidentplatform.local.registry.RegistryRecord.SchemaVersionErased;
import org.incidentplatform.schemas.compatibility.CompatibilityLevel;

/**
 * The registry as of the last record applied from {@code _schemas}: subjects and their versions,
 * schemas by id, compatibility levels. Only the log's reader thread changes it, so replaying the
 * topic at start and applying a fresh write are the same code path; request threads read it.
 */
final class RegistryState {

    static final CompatibilityLevel DEFAULT_LEVEL = CompatibilityLevel.BACKWARD;

    private final Map<String, NavigableMap<Integer, SchemaVersion>> subjects = new TreeMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;

    synchronized void apply(RegistryRecord record) {
        if (record instanceof SchemaVersion v) {
            subjects.computeIfAbsent(v.subject(), s -> new TreeMap<>()).put(v.version(), v);
            schemasById.put(v.id(), v.schema());
            idsBySchema.putIfAbsent(v.schema(), v.id());
        } else if (record instanceof SchemaVersionErased erased) {
            NavigableMap<Integer, SchemaVersion> versions = subjects.get(erased.subject());
            if (versions != null) {
                versions.remove(erased.version());
                if (versions.isEmpty()) {
                    subjects.remove(erased.subject());
                }
            }
        } else if (record instanceof CompatibilitySet set) {
            if (set.subject() == null) {
                globalLevel = set.level();
            } else if (set.level() == null) {
                subjectLevels.remove(set.subject());
            } else {
                subjectLevels.put(set.subject(), set.level());
            }
        }
    }

    /** Subjects with at least one live version, in name order. */
    synchronized List<String> subjects() {
        return subjects.entrySet().stream()
                .filter(e -> e.getValue().values().stream().anyMatch(v -> !v.deleted()))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The live (not soft-deleted) versions of a subject, oldest first; empty when it has none. */
    synchronized List<SchemaVersion> versions(String subject) {
        NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
        return versions == null
                ? List.of()
                : versions.values().stream().filter(v -> !v.deleted()).toList();
    }

    /** The highest version number the subject ever used, deleted ones included, or 0. */
    synchronized int highestVersion(String subject) {
        NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
        return versions == null || versions.isEmpty() ? 0 : versions.lastKey();
    }

    synchronized Optional<String> schema(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    synchronized Optional<Integer> id(String canonicalSchema) {
        return Optional.ofNullable(idsBySchema.get(canonicalSchema));
    }

    synchronized int highestId() {
        return schemasById.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** Every live version, in any subject, that carries the schema with this id. */
    synchronized List<SchemaVersion> usesOf(int id) {
        return subjects.values().stream()
                .flatMap(versions -> versions.values().stream())
                .filter(v -> v.id() == id && !v.deleted())
                .toList();
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    synchronized CompatibilityLevel globalLevel() {
        return globalLevel == null ? DEFAULT_LEVEL : globalLevel;
    }

    synchronized CompatibilityLevel levelFor(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel());
    }

    synchronized int schemaCount() {
        return schemasById.size();
    }
}
