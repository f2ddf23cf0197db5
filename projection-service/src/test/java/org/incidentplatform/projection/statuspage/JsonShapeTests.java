package org.incidentplatform.projection.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The contract tests are only as good as this comparison: it must catch what a Statuspage client trips on. */
class JsonShapeTests {

    private static final JsonMapper JSON = JsonMapper.shared();

    private static final String EXAMPLE = """
            {"page": {"id": "p", "updated_at": "2024-01-01T00:00:00Z"},
             "components": [
               {"id": "g", "group": true, "components": ["c"], "description": null},
               {"id": "c", "group": false, "position": 1, "description": null}]}""";

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static JsonShape.Comparison compare(String answer) {
        return JsonShape.compare(json(answer), json(EXAMPLE));
    }

    @Test
    void sameStructure_withOtherValuesAndExtraFields_conforms() {
        JsonShape.Comparison comparison = compare("""
                {"page": {"id": "q", "updated_at": "2026-01-01T00:00:00.000Z", "time_zone": "Etc/UTC"},
                 "components": [
                   {"id": "h", "group": true, "components": ["d"], "description": "Group"},
                   {"id": "d", "group": false, "position": 7, "description": null, "extra": 1}]}""");

        assertThat(comparison.problems()).isEmpty();
        assertThat(comparison.uncovered()).isEmpty();
    }

    @Test
    void missingField_isReportedWithItsPath() {
        assertThat(compare("""
                {"page": {"id": "q"}, "components": []}""").problems()).containsExactly("$.page.updated_at: missing");
    }

    @Test
    void fieldOfAnotherType_isReported_butNullForAStringIsNot() {
        assertThat(compare("""
                {"page": {"id": 5, "updated_at": null}, "components": []}""").problems()).singleElement().asString().startsWith("$.page.id: NUMBER 5");
    }

    @Test
    void arrayElementMatchingNoExampleElement_isReported() {
        assertThat(compare("""
                {"page": {"id": "q", "updated_at": null},
                 "components": [{"id": "d", "group": "false", "position": 1, "description": null}]}""").problems())
                .singleElement()
                .asString()
                .contains("$.components[] (element 0) matches no example element");
    }

    @Test
    void exampleElementsNoAnswerElementMatched_areUncovered() {
        JsonShape.Comparison comparison = compare("""
                {"page": {"id": "q", "updated_at": null},
                 "components": [{"id": "d", "group": false, "position": 1, "description": null}]}""");

        assertThat(comparison.problems()).isEmpty();
        assertThat(comparison.uncovered()).contains("$.components[].components", "$.components[].components[]");
    }

    @Test
    void aGroupWithoutMemberIds_passesAsALeaf_butLeavesTheGroupShapeUncovered() {
        JsonShape.Comparison comparison = compare("""
                {"page": {"id": "q", "updated_at": null},
                 "components": [{"id": "g", "group": true, "position": 1, "description": null}]}""");

        assertThat(comparison.uncovered()).contains("$.components[].components");
    }

    @Test
    void valuesOutsideStatuspageVocabulary_areReported() {
        assertThat(JsonShape.enumProblems(json("""
                {"status": {"indicator": "red"},
                 "components": [{"status": "down"}],
                 "incidents": [{"status": "open", "impact": "maintenance",
                                "incident_updates": [{"status": "in_progress",
                                                      "affected_components": [{"new_status": "broken"}]}]}],
                 "scheduled_maintenances": [{"status": "resolved", "impact": "maintenance"}]}""")))
                .containsExactlyInAnyOrder(
                        "$.status.indicator: \"red\" is not one of [critical, maintenance, major, minor, none]",
                        "$.components[].status: \"down\" is not one of [degraded_performance, major_outage, "
                                + "operational, partial_outage, under_maintenance]",
                        "$.incidents[].status: \"open\" is not one of [identified, investigating, monitoring, "
                                + "postmortem, resolved]",
                        "$.incidents[].impact: \"maintenance\" is not one of [critical, major, minor, none]",
                        "$.incidents[].incident_updates[].status: \"in_progress\" is not one of [identified, "
                                + "investigating, monitoring, postmortem, resolved]",
                        "$.incidents[].incident_updates[].affected_components[].new_status: \"broken\" is not one of "
                                + "[degraded_performance, major_outage, operational, partial_outage, under_maintenance]",
                        "$.scheduled_maintenances[].status: \"resolved\" is not one of [completed, in_progress, "
                                + "scheduled, verifying]");
    }

    @Test
    void timesWithAnOffsetOrWithoutMilliseconds_areReported() {
        assertThat(JsonShape.timeProblems(json("""
                {"created_at": "2024-01-01T00:00:00.000-06:00", "updated_at": "2024-01-01T00:00:00Z",
                 "resolved_at": null, "scheduled_for": "2024-01-01T00:00:00.000Z"}""")))
                .containsExactly(
                        "$.created_at: \"2024-01-01T00:00:00.000-06:00\"", "$.updated_at: \"2024-01-01T00:00:00Z\"");
    }
}
