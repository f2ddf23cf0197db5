package org.incidentplatform.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.incidentplatform.schemas.Vocabulary.ComponentStatus;
import org.incidentplatform.schemas.Vocabulary.Impact;
import org.incidentplatform.schemas.Vocabulary.Words;
import org.junit.jupiter.api.Test;

class VocabularyTests {

    @Test
    void wireValues_areTheSymbolsOfTheEventSchema() {
        assertThat(Arrays.stream(Impact.values()).map(Impact::wireValue))
                .containsExactlyElementsOf(Arrays.stream(org.incidentplatform.events.Impact.values())
                        .map(Enum::name)
                        .toList());
        assertThat(Arrays.stream(ComponentStatus.values()).map(ComponentStatus::wireValue))
                .containsExactlyElementsOf(Arrays.stream(org.incidentplatform.events.ComponentStatus.values())
                        .map(Enum::name)
                        .toList());
    }

    @Test
    void aValue_isFoundByItsWireValue_andNothingElse() {
        assertThat(Impact.fromWireValue("major")).isEqualTo(Impact.MAJOR);
        assertThat(Impact.find("MAJOR")).isEmpty();
        assertThat(Impact.find(null)).isEmpty();
        assertThat(ComponentStatus.fromWireValue("partial_outage")).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        assertThatThrownBy(() -> ComponentStatus.fromWireValue("down"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown ComponentStatus 'down'");
    }

    @Test
    void impacts_rankPlannedWorkBelowEveryUnplannedImpact() {
        assertThat(sorted(Impact.values(), Comparator.comparingInt(Impact::rank)))
                .containsExactly(Impact.NONE, Impact.MAINTENANCE, Impact.MINOR, Impact.MAJOR, Impact.CRITICAL);
    }

    @Test
    void componentStatuses_rankMaintenanceBelowEveryRealProblem() {
        assertThat(sorted(ComponentStatus.values(), Comparator.comparingInt(ComponentStatus::severity)))
                .containsExactly(
                        ComponentStatus.OPERATIONAL,
                        ComponentStatus.UNDER_MAINTENANCE,
                        ComponentStatus.DEGRADED_PERFORMANCE,
                        ComponentStatus.PARTIAL_OUTAGE,
                        ComponentStatus.MAJOR_OUTAGE);
    }

    @Test
    void words_comeInThePageTheMessageAndTheListCasing() {
        Words partialOutage = ComponentStatus.PARTIAL_OUTAGE.words();

        assertThat(partialOutage.title()).isEqualTo("Partial Outage");
        assertThat(partialOutage.sentence()).isEqualTo("Partial outage");
        assertThat(partialOutage.lowerCase()).isEqualTo("partial outage");
        assertThat(Words.of("in_progress").sentence()).isEqualTo("In progress");
        assertThat(Words.of("").title()).isEmpty();
    }

    @Test
    void impacts_sayWhatThePageSays() {
        assertThat(Arrays.stream(Impact.values()).map(impact -> impact.words().sentence()))
                .containsExactly("No impact", "Minor impact", "Major impact", "Critical impact", "Maintenance");
        assertThat(Arrays.stream(Impact.values()).map(Impact::indicatorDescription))
                .containsExactly(
                        "All Systems Operational",
                        "Minor Service Outage",
                        "Partial System Outage",
                        "Major System Outage",
                        "Service Under Maintenance");
    }

    private static <T> List<T> sorted(T[] values, Comparator<T> order) {
        return Arrays.stream(values).sorted(order).toList();
    }
}
