package org.incidentplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class BenchSettingsTests {

    private static final Path HOME = Path.of("/repo");

    @Test
    void defaults_startTheirOwnDeployment_withSixteenClientsAndThreeRuns() {
        BenchSettings settings = BenchSettings.parse(List.of(), HOME);

        assertThat(settings.clients()).isEqualTo(16);
        assertThat(settings.incidents()).isEqualTo(64);
        assertThat(settings.warmup()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.ceilingWarmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.measure()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.runs()).isEqualTo(3);
        assertThat(settings.target()).isEmpty();
        assertThat(settings.report()).isEqualTo(HOME.resolve("BENCHMARKS.md"));
    }

    @Test
    void target_takesItsTokenAndBroker() {
        BenchSettings settings = BenchSettings.parse(List.of("--target", "http://127.0.0.1:8080/", "--token", "t",
                "--bootstrap", "127.0.0.1:9092", "--clients", "4"), HOME);

        assertThat(settings.target()).hasValueSatisfying(uri -> assertThat(uri).hasToString("http://127.0.0.1:8080"));
        assertThat(settings.bootstrap()).contains("127.0.0.1:9092");
        assertThat(settings.clients()).isEqualTo(4);
    }

    @Test
    void target_isRejected_withoutToken() {
        assertThatThrownBy(() -> BenchSettings.parse(List.of("--target", "http://127.0.0.1:8080"), HOME))
                .hasMessageContaining("--token");
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
}
