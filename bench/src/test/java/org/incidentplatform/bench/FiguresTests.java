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
    void figure_ofAnEvenCount_isTheMeanOfTheMiddleTwo_andOneRunShowsAlone() {
        assertThat(Figure.of(4, 1, 3, 2).median()).isEqualTo(2.5);
        assertThat(Figure.of(7.25).format(1)).isEqualTo("7.3");
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
    void table_printsEachFigureBesideItsCeiling_withTheRatioOfMedians() {
        SummaryTable table = new SummaryTable();
        table.add(
                "command path",
                "POST accepted/s",
                SummaryTable.Unit.PER_SECOND,
                List.of(500.0, 400.0, 600.0),
                "producer",
                List.of(2000.0, 2000.0, 2000.0));
        table.add(
                "end to end",
                "p99",
                SummaryTable.Unit.MILLIS,
                List.of(30.0, 20.0, 25.0),
                "EndToEndLatency",
                List.of(2.0, 2.0, 3.0));
        table.add("memory", "heap", SummaryTable.Unit.MIB, List.of(700.0), "", List.of());

        assertThat(table.lines().get(0).ratio())
                .hasValueSatisfying(r -> assertThat(r).isEqualTo(0.25));
        assertThat(table.markdown())
                .contains("| command path | POST accepted/s | 500 (400–600) /s | producer | 2,000 /s | 0.25 (1/4.0) |")
                .contains("| end to end | p99 | 25.0 (20.0–30.0) ms | EndToEndLatency | 2.0 (2.0–3.0) ms | 13× |")
                .contains("| memory | heap | 700 MiB | — | — | — |");
        assertThat(table.runs())
                .contains("- command path, POST accepted/s: 500, 400, 600 /s; ceiling: 2,000, 2,000, " + "2,000 /s");
    }

    @Test
    void ratio_showsSharesWithTheirFactor_andMultiplesWithTimes() {
        assertThat(SummaryTable.ratio(0.00027)).isEqualTo("0.00027 (1/3,704)");
        assertThat(SummaryTable.ratio(0.5)).isEqualTo("0.50 (1/2.0)");
        assertThat(SummaryTable.ratio(0.97)).isEqualTo("0.97");
        assertThat(SummaryTable.ratio(1.2)).isEqualTo("1.20×");
        assertThat(SummaryTable.ratio(58.4)).isEqualTo("58×");
        assertThat(SummaryTable.ratio(Double.NaN)).isEqualTo("n/a");
    }

    @Test
    void notMeasured_isSaidUnderTheTable() {
        SummaryTable table = new SummaryTable();
        table.notMeasured("rebuild", "replay only", "no log lines");

        assertThat(table.markdown()).contains("**rebuild**, replay only: not measured (no log lines)");
    }

    @Test
    void kafkaTools_outputIsRead() {
        KafkaTools.Consumed consumed = KafkaTools.parseConsumed(
                "2026-11-22 09:00:00:000, 2026-11-22 09:00:02:000, 190.7349, 95.3674, 1000613, 500306.5000, 3012, "
                        + "1700, 112.1970, 588595.8824\n");
        KafkaTools.RoundTrips trips = KafkaTools.parseRoundTrips(
                "0\t3.1\nAvg latency: 2.5123 ms\nPercentiles: 50th = 2, 99th = 9, 99.9th = 14\n");

        assertThat(consumed).isEqualTo(new KafkaTools.Consumed(1000613, 500306.5, 3012, 1700, 588595.8824));
        assertThat(trips).isEqualTo(new KafkaTools.RoundTrips(2.5123, 2, 9));
    }

    @Test
    void webhookBody_namesItsIncidentAndSequence() {
        String body = "{\"meta\":{\"event_type\":\"updated\",\"sequence\":17},\"incident\":{\"id\":\"inc-1\","
                + "\"incident_updates\":[{\"id\":\"u\",\"incident_id\":\"inc-1\"}]}}";

        assertThat(WebhookSink.incident(body)).isEqualTo("inc-1");
        assertThat(WebhookSink.sequence(body)).isEqualTo(17);
        assertThat(IncidentServiceClient.version("W/\"12\"")).isEqualTo(12);
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
