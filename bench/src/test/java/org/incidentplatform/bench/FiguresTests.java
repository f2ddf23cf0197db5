package org.incidentplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class FiguresTests {

    @Test
    void figure_isMedianWithMinAndMax_ofTheRuns() {
        Figure figure = Figure.of(List.of(run(1200), run(900), run(1000)), Measurement::perSecond);

        assertThat(figure).isEqualTo(new Figure(1000, 900, 1200));
        assertThat(figure.format(0)).isEqualTo("1,000 (900–1,200)");
    }

    @Test
    void percentiles_areNearestRank() {
        Latencies latencies = new Latencies();
        for (int ms = 100; ms >= 1; ms--) {
            latencies.add(ms * 1_000_000L);
        }

        assertThat(latencies.percentileMillis(0.50)).isCloseTo(50.0, within(1e-9));
        assertThat(latencies.percentileMillis(0.99)).isCloseTo(99.0, within(1e-9));
        assertThat(latencies.maxMillis()).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void ratio_isHttpOverEachCeiling() {
        ResultTable table = new ResultTable();
        table.add("http", List.of(run(500), run(400), run(600)));
        table.add("ceiling", List.of(run(2000), run(2000), run(2000)));

        assertThat(table.ratioOfFirstTo(table.lines().get(1))).hasValueSatisfying(r -> assertThat(r).isEqualTo(0.25));
        assertThat(table.markdown()).contains("| http | 500 (400–600) |").contains("| 0.25 (1/4.0) |");
    }

    @Test
    void ratio_showsSmallSharesWithTheirFactor() {
        assertThat(ResultTable.ratio(0.00027)).isEqualTo("0.00027 (1/3,704)");
        assertThat(ResultTable.ratio(1.2)).isEqualTo("1.20");
    }

    @Test
    void closedLoad_countsOnlyAnswersInsideTheWindow() {
        Measurement measurement = ClosedLoad.run(2, java.time.Duration.ofMillis(200), (client, sequence) -> {
            Thread.sleep(10);
            return client == 0;
        });

        assertThat(measurement.perSecond()).isBetween(20.0, 110.0);
        assertThat(measurement.notAccepted()).isBetween(4L, 21L);
    }

    private static Measurement run(double perSecond) {
        return new Measurement(perSecond, 1, 2, 3, 0);
    }
}
