package org.incidentplatform.schemas.compatibility;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;

/**
 * Decides whether a new schema may follow earlier versions of a subject, with Confluent Schema
 * Registry's level semantics, on Avro's own {@link SchemaCompatibility}. Used by the local
 * registry on register and by the build's schema-history gate.
 */
public final class SchemaCompatibilityCheck {

    private SchemaCompatibilityCheck() {}

    /**
     * @param candidate the new schema
     * @param earlier   earlier versions, oldest first
     * @return human-readable problems; empty when compatible
     */
    public static List<String> problems(Schema candidate, List<Schema> earlier, CompatibilityLevel level) {
        if (level == CompatibilityLevel.NONE || earlier.isEmpty()) {
            return List.of();
        }
        List<Schema> checked = level.transitive() ? earlier : List.of(earlier.get(earlier.size() - 1));
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            Schema previous = checked.get(i);
            String against = level.transitive() ? "version " + (i + 1) : "the latest version";
            if (level.newReadsOld()) {
                describe(
                        SchemaCompatibility.checkReaderWriterCompatibility(candidate, previous),
                        "new schema cannot read data written with " + against,
                        problems);
            }
            if (level.oldReadsNew()) {
                describe(
                        SchemaCompatibility.checkReaderWriterCompatibility(previous, candidate),
                        against + " cannot read data written with the new schema",
                        problems);
            }
        }
        return problems;
    }

    private static void describe(
            SchemaCompatibility.SchemaPairCompatibility result, String direction, List<String> problems) {
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            problems.add(direction + ": " + explain(incompatibility));
        }
    }

    /**
     * Avro reports any change inside a union branch as the whole branch missing from the reader's
     * union. Every event payload is such a branch, so look inside: name the branch and the field.
     */
    private static String explain(Incompatibility incompatibility) {
        String text = incompatibility.getType() + " at " + incompatibility.getLocation() + " ("
                + incompatibility.getMessage() + ")";
        Schema reader = incompatibility.getReaderFragment();
        Schema writer = writerBranch(incompatibility);
        if (incompatibility.getType() != SchemaIncompatibilityType.MISSING_UNION_BRANCH
                || reader == null
                || reader.getType() != Schema.Type.UNION
                || writer == null
                || !isNamed(writer)) {
            return text;
        }
        for (Schema branch : reader.getTypes()) {
            if (isNamed(branch)
                    && (branch.getFullName().equals(writer.getFullName())
                            || branch.getAliases().contains(writer.getFullName()))) {
                List<String> inside = new ArrayList<>();
                for (Incompatibility nested : SchemaCompatibility.checkReaderWriterCompatibility(branch, writer)
                        .getResult()
                        .getIncompatibilities()) {
                    inside.add(explain(nested));
                }
                return inside.isEmpty()
                        ? text
                        : text + ": in " + writer.getFullName() + ": " + String.join("; ", inside);
            }
        }
        return text;
    }

    /** Avro gives the whole writer union as the fragment, and the branch's index as the location's end. */
    private static Schema writerBranch(Incompatibility incompatibility) {
        Schema writer = incompatibility.getWriterFragment();
        if (writer == null || writer.getType() != Schema.Type.UNION) {
            return writer;
        }
        String location = incompatibility.getLocation();
        try {
            int branch = Integer.parseInt(location.substring(location.lastIndexOf('/') + 1));
            return branch < writer.getTypes().size() ? writer.getTypes().get(branch) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isNamed(Schema schema) {
        return schema.getType() == Schema.Type.RECORD
                || schema.getType() == Schema.Type.ENUM
                || schema.getType() == Schema.Type.FIXED;
    }
}
