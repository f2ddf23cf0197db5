package org.incidentplatform.schemas.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.schemas.SchemaEdits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaHistoryTests {

    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    private static final Path HISTORY = MODULE.resolve("history/incident-events-value");
    private static final Path SOURCE = MODULE.resolve("src/main/avro/IncidentEvent.avsc");
    private static final String SOURCE_NAME = "schemas/src/main/avro/IncidentEvent.avsc";

    private final SchemaHistory released = SchemaHistory.load(HISTORY);

    @Test
    void releasedVersions_areEachBackwardCompatibleWithAllEarlierOnes() {
        assertThat(released.versions()).isNotEmpty();
        assertThat(released.problems())
                .withFailMessage(() -> String.join("\n", released.problems()))
                .isEmpty();
    }

    @Test
    void theSchemaBeingBuilt_isTheLatestReleasedVersion() throws IOException {
        Schema current = new Schema.Parser().parse(Files.readString(SOURCE));

        List<String> problems = released.releaseProblems(current, SOURCE_NAME);

        assertThat(problems).withFailMessage(() -> String.join("\n", problems)).isEmpty();
        assertThat(SchemaNormalization.toParsingForm(IncidentEvent.getClassSchema()))
                .as("the generated classes come from the latest released schema")
                .isEqualTo(SchemaNormalization.toParsingForm(
                        released.versions().get(released.versions().size() - 1)));
    }

    /** Candidates evolve the newest release, as a real change would. */
    private Schema latest() {
        return released.versions().get(released.versions().size() - 1);
    }

    @Test
    void aFieldAddedWithoutDefault_isRejected_namingTheField() {
        Schema candidate =
                SchemaEdits.withField(latest(), "IncidentDeclared", "{\"name\":\"severityScore\",\"type\":\"int\"}");

        assertThat(released.plus(candidate).problems())
                .isNotEmpty()
                .allMatch(problem -> problem.contains("severityScore"));
        assertThat(String.join("\n", released.releaseProblems(candidate, SOURCE_NAME)))
                .contains("could not read events already in the log")
                .contains("severityScore")
                .contains("release it as v" + (released.versions().size() + 1) + ".avsc");
    }

    @Test
    void aFieldAddedWithDefault_isAccepted_andTheMessageSaysHowToRelease() {
        Schema candidate = SchemaEdits.withField(
                latest(), "IncidentDeclared", "{\"name\":\"severityScore\",\"type\":\"int\",\"default\":0}");

        assertThat(released.plus(candidate).problems()).isEmpty();
        assertThat(released.releaseProblems(candidate, SOURCE_NAME))
                .singleElement()
                .asString()
                .contains("BACKWARD compatible")
                .contains("copy " + SOURCE_NAME + " into the history as v"
                        + (released.versions().size() + 1) + ".avsc");
    }

    @Test
    void aNewPayloadTypeAtTheEndOfTheUnion_isAccepted() {
        Schema candidate = SchemaEdits.withPayloadBranch(
                latest(),
                "{\"type\":\"record\",\"name\":\"IncidentAcknowledged\",\"fields\":["
                        + "{\"name\":\"message\",\"type\":\"string\"}]}");

        assertThat(released.plus(candidate).problems()).isEmpty();
    }

    @Test
    void aCompatibleVersion_mustStayCompatibleWithEveryEarlierVersion_notOnlyTheLatest() {
        Schema v1 = released.versions().get(0);
        Schema v2 = SchemaEdits.withField(
                v1, "IncidentEvent", "{\"name\":\"tenant\",\"type\":\"string\"," + "\"default\":\"default\"}");
        Schema v3 = SchemaEdits.withField(v1, "IncidentEvent", "{\"name\":\"tenant\",\"type\":\"string\"}");

        List<String> problems =
                SchemaHistory.of("incident-events-value", List.of(v1, v2, v3)).problems();

        assertThat(problems)
                .singleElement()
                .asString()
                .startsWith("incident-events-value v3:")
                .contains("tenant");
    }

    @Test
    void gapsInTheNumbering_areReported(@TempDir Path directory) throws IOException {
        Path subject = Files.createDirectory(directory.resolve("incident-events-value"));
        Files.copy(HISTORY.resolve("v1.avsc"), subject.resolve("v1.avsc"));
        Files.copy(HISTORY.resolve("v1.avsc"), subject.resolve("v3.avsc"));
        Files.writeString(subject.resolve("README.md"), "not a version");

        assertThat(SchemaHistory.load(subject).problems())
                .singleElement()
                .asString()
                .contains("v2.avsc is missing before v3.avsc");
    }
}
