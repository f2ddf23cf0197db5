package org.incidentplatform.schemas.compatibility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The released versions of a subject's schema, committed as {@code v1.avsc}, {@code v2.avsc} ...
 * in one directory per subject. The build checks that every version stays BACKWARD compatible
 * with all earlier ones (BACKWARD_TRANSITIVE: a consumer with the newest schema can replay the
 * whole log, which is kept forever), and that the schema being built is the latest released one,
 * so a schema change cannot ship without becoming a checked version.
 */
public final class SchemaHistory {

    private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.avsc");

    private final String subject;
    private final List<Schema> versions;
    private final List<String> loadProblems;

    private SchemaHistory(String subject, List<Schema> versions, List<String> loadProblems) {
        this.subject = subject;
        this.versions = List.copyOf(versions);
        this.loadProblems = List.copyOf(loadProblems);
    }

    /** The versions of one subject: the {@code v<N>.avsc} files of a directory named after it. */
    public static SchemaHistory load(Path directory) {
        String subject = directory.getFileName().toString();
        TreeMap<Integer, Path> files = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        try (Stream<Path> listing = Files.list(directory)) {
            for (Path file : listing.sorted().toList()) {
                Matcher name = VERSION_FILE.matcher(file.getFileName().toString());
                if (name.matches() && files.put(Integer.parseInt(name.group(1)), file) != null) {
                    problems.add(subject + ": two files for version " + Integer.parseInt(name.group(1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the schema history in " + directory, e);
        }
        if (files.isEmpty()) {
            problems.add(subject + ": no released versions (v1.avsc, v2.avsc ...) in " + directory);
        }
        List<Schema> versions = new ArrayList<>();
        int expected = 1;
        for (var entry : files.entrySet()) {
            if (entry.getKey() != expected) {
                problems.add(subject + ": versions must be numbered 1, 2, 3 ... without gaps, but v" + expected
                        + ".avsc is missing before " + entry.getValue().getFileName());
                expected = entry.getKey();
            }
            try {
                versions.add(new Schema.Parser().parse(Files.readString(entry.getValue())));
            } catch (SchemaParseException e) {
                problems.add(subject + ": " + entry.getValue().getFileName() + " is not a valid Avro schema: "
                        + e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + entry.getValue(), e);
            }
            expected++;
        }
        return new SchemaHistory(subject, versions, problems);
    }

    /** A history from schemas in memory, oldest first. */
    public static SchemaHistory of(String subject, List<Schema> versions) {
        return new SchemaHistory(subject, versions, List.of());
    }

    public String subject() {
        return subject;
    }

    /** The released versions, oldest (v1) first. */
    public List<Schema> versions() {
        return versions;
    }

    /** This history with one more version, for checking a candidate before releasing it. */
    public SchemaHistory plus(Schema next) {
        List<Schema> extended = new ArrayList<>(versions);
        extended.add(Objects.requireNonNull(next, "next"));
        return new SchemaHistory(subject, extended, loadProblems);
    }

    /**
     * Why the history is not a valid release line: unreadable or missing files, or a version
     * that cannot read data written with an earlier one.
     *
     * @return human-readable problems, empty when every version is BACKWARD_TRANSITIVE compatible
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>(loadProblems);
        for (int i = 1; i < versions.size(); i++) {
            for (String problem : SchemaCompatibilityCheck.problems(
                    versions.get(i), versions.subList(0, i), CompatibilityLevel.BACKWARD_TRANSITIVE)) {
                problems.add(subject + " v" + (i + 1) + ": " + problem);
            }
        }
        return List.copyOf(problems);
    }

    /**
     * Why the schema being built is not the latest released version, with what to do about it.
     *
     * @param current       the schema as the build compiles it, parsed from its source file
     *                      (the generated class's schema carries extra {@code avro.java.string}
     *                      properties and would never compare equal)
     * @param currentSource where that schema lives, for the message
     * @return empty when {@code current} is exactly the latest version, docs included
     */
    public List<String> releaseProblems(Schema current, String currentSource) {
        String next = "v" + (versions.size() + 1) + ".avsc";
        if (versions.isEmpty()) {
            return List.of(
                    subject + " has no released version: copy " + currentSource + " into its history as " + next);
        }
        Schema latest = versions.get(versions.size() - 1);
        if (current.toString().equals(latest.toString())) {
            return List.of();
        }
        String latestName = "v" + versions.size() + ".avsc";
        List<String> incompatibilities =
                SchemaCompatibilityCheck.problems(current, versions, CompatibilityLevel.BACKWARD_TRANSITIVE);
        if (incompatibilities.isEmpty()) {
            return List.of(currentSource + " differs from " + latestName + ", the latest released version of "
                    + subject + ". The change is BACKWARD compatible with every released version; to release it, "
                    + "copy " + currentSource + " into the history as " + next + " (never edit a released version).");
        }
        List<String> problems = new ArrayList<>();
        problems.add(currentSource + " differs from " + latestName + ", the latest released version of " + subject
                + ", and could not read events already in the log. Make the change compatible (give every new field "
                + "a default, rename only with an alias, never remove an enum symbol or a payload type, change a "
                + "type only as Avro promotes it), then release it as " + next + ". Problems:");
        incompatibilities.forEach(problem -> problems.add("  " + problem));
        return List.copyOf(problems);
    }
}
