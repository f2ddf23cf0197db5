package org.incidentplatform.projection.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trend chart's y axis: ticks at round values, whatever the largest figure. */
class TrendChartTests {

    @Test
    void ticks_underHalfAUnit_countInTenths() {
        assertThat(ticks(0.45)).containsExactly("0", "0.1", "0.2", "0.3", "0.4", "0.5");
    }

    @Test
    void ticks_aboveOneUnit_countInHalves() {
        assertThat(ticks(1.3)).containsExactly("0", "0.5", "1", "1.5");
    }

    @Test
    void ticks_ofTensOfMinutes_countInTens() {
        assertThat(ticks(37)).containsExactly("0", "10", "20", "30", "40");
    }

    @Test
    void ticks_leaveRoomAboveAFigureThatIsItselfRound() {
        assertThat(ticks(3)).containsExactly("0", "1", "2", "3", "4");
        assertThat(ticks(0.3)).containsExactly("0", "0.1", "0.2", "0.3", "0.4");
    }

    @Test
    void ticks_ofAnEmptyChart_countToOne() {
        assertThat(ticks(0)).containsExactly("0", "0.2", "0.4", "0.6", "0.8", "1");
    }

    @Test
    void ticks_areRoundForAnyFigure() {
        for (double max = 0.013; max < 5000; max *= 1.37) {
            List<String> ticks = ticks(max);
            assertThat(ticks.size()).as("for %s", max).isBetween(2, TrendChart.MOST_INTERVALS + 1);
            BigDecimal step = new BigDecimal(ticks.get(1)).stripTrailingZeros();
            assertThat(step.unscaledValue().intValue()).as("step for %s", max).isIn(1, 2, 5);
            assertThat(new BigDecimal(ticks.get(ticks.size() - 1)).doubleValue())
                    .isGreaterThan(max);
        }
    }

    private static List<String> ticks(double max) {
        BigDecimal step = TrendChart.tickStep(max);
        List<String> ticks = new ArrayList<>();
        for (int i = 0; i <= TrendChart.intervals(max, step); i++) {
            ticks.add(TrendChart.label(step.multiply(BigDecimal.valueOf(i))));
        }
        return ticks;
    }
}
