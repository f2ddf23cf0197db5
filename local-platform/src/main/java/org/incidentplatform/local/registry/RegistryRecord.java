package org.incidentplatform.local.registry;

import java.util.Objects;
import org.incidentplatform.schemas.compatibility.CompatibilityLevel;

/**
 * What the {@code _schemas} topic holds, one record per fact. The registry's whole state is
 * these records folded in offset order by {@link RegistryState#apply}.
 */
sealed interface RegistryRecord {

    /**
     * A version of a subject. {@code deleted} is Confluent's soft delete: the version leaves the
     * subject's listings but its id keeps resolving, because data written with it still exists.
     */
    record SchemaVersion(String subject, int version, int id, String schema, boolean deleted)
            implements RegistryRecord {

        public SchemaVersion {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(schema, "schema");
        }
    }

    /** A tombstone for a version: Confluent's permanent delete. */
    record SchemaVersionErased(String subject, int version) implements RegistryRecord {}

    /**
     * The compatibility level of one subject, or the global one when {@code subject} is null; a
     * null {@code level} clears a subject's own level so the global one applies again.
     */
    record CompatibilitySet(String subject, CompatibilityLevel level) implements RegistryRecord {}
}
