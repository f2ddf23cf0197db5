package org.incidentplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchSettingsTests {

    private static final Path HOME = Path.of("/repo");

    @Test
    void defaults_meetTheIssue_threeRunsAMillionEventsTenThousandSubscribers() {
        BenchSettings settings = BenchSettings.parse(List.of(), HOME);

        assertThat(settings.sections()).isEqualTo(EnumSet.allOf(BenchSettings.Section.class));
        assertThat(settings.runs()).isEqualTo(3);
        assertThat(settings.quick()).isFalse();
        assertThat(settings.rebuildEvents()).isEqualTo(1_000_000);
        assertThat(settings.rebuildIncidents()).isEqualTo(100_000);
        assertThat(settings.subscribers()).isEqualTo(10_000);
        assertThat(settings.offeredRate()).isEqualTo(500);
        assertThat(settings.sustainedRate()).isEmpty();
        assertThat(settings.clients()).containsExactly(16, 64);
        assertThat(settings.longIncidentUpdates()).isEqualTo(10_000);
        assertThat(settings.warmup()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.ceilingWarmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.report()).isEqualTo(HOME.resolve("BENCHMARKS.md"));
    }

    @Test
    void quick_shrinksEverything_andLaterOptionsStillWin() {
        BenchSettings quick = BenchSettings.parse(List.of("--quick"), HOME);
        BenchSettings tuned = BenchSettings.parse(List.of("--quick", "--runs", "2", "--subscribers", "500"), HOME);

        assertThat(quick.quick()).isTrue();
        assertThat(quick.runs()).isEqualTo(1);
        assertThat(quick.rebuildEvents()).isEqualTo(100_000);
        assertThat(quick.subscribers()).isEqualTo(1_000);
        assertThat(quick.measure()).isLessThan(Duration.ofSeconds(20));
        assertThat(tuned.runs()).isEqualTo(2);
        assertThat(tuned.subscribers()).isEqualTo(500);
    }

    @Test
    void only_picksSections_byName() {
        BenchSettings settings = BenchSettings.parse(List.of("--only", "reads, e2e", "--e2e-sustained", "80"), HOME);

        assertThat(settings.sections())
                .containsExactlyInAnyOrder(BenchSettings.Section.READS, BenchSettings.Section.E2E);
        assertThat(settings.runs(BenchSettings.Section.COMMAND)).isFalse();
        assertThat(settings.sustainedRate()).contains(80);
    }

    @Test
    void clients_takeAList_oneLineEach() {
        BenchSettings settings = BenchSettings.parse(List.of("--clients", "8, 32", "--only", "command,long"), HOME);

        assertThat(settings.clients()).containsExactly(8, 32);
        assertThat(settings.sections())
                .containsExactlyInAnyOrder(BenchSettings.Section.COMMAND, BenchSettings.Section.LONG);
        assertThatThrownBy(() -> BenchSettings.parse(List.of("--clients", "8,0"), HOME))
                .hasMessageContaining("--clients");
        assertThatThrownBy(() -> BenchSettings.parse(List.of("--long-updates", "1999"), HOME))
                .hasMessageContaining("--long-updates");
    }

    @Test
    void only_rejectsAnUnknownSection() {
        assertThatThrownBy(() -> BenchSettings.parse(List.of("--only", "reads,memory"), HOME))
                .hasMessageContaining("'memory'");
    }

    @Test
    void unknownOption_isRejected_byName() {
        assertThatThrownBy(() -> BenchSettings.parse(List.of("--clinets", "8"), HOME))
                .hasMessageContaining("--clinets");
    }

    @Test
    void number_isRejected_whenNotWhole() {
        assertThatThrownBy(() -> BenchSettings.parse(List.of("--runs", "three"), HOME))
                .hasMessageContaining("--runs");
    }

    @Test
    void optionWithoutValue_isRejected() {
        assertThatThrownBy(() -> BenchSettings.parse(List.of("--runs"), HOME)).hasMessageContaining("needs a value");
    }
}
