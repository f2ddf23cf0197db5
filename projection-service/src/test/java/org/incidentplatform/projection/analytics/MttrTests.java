package org.incidentplatform.projection.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.incidentplatform.events.ComponentStatus.major_outage;
import static org.incidentplatform.events.ComponentStatus.partial_outage;
import static org.incidentplatform.events.IncidentStatus.identified;
import static org.incidentplatform.events.IncidentStatus.monitoring;
import static org.incidentplatform.projection.analytics.Times.t;
import static org.incidentplatform.schemas.given.GivenEvents.declaration;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.projection.analytics.MttrQuery.GroupBy;
import org.incidentplatform.projection.analytics.MttrReport.Group;
import org.incidentplatform.projection.analytics.MttrReport.Stats;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.Test;

class MttrTests {

    private static final Instant MAY = t("2024-05-06T10:00:00Z");

    private final Analytics analytics = new Analytics();
    private final GivenEvents given = AppliedEvents.to(analytics);

    /** Declared at {@code start}, resolved {@code resolveSeconds} later. */
    private void resolvedIncident(
            String id, Instant start, long resolveSeconds, Impact impact, Map<String, ComponentStatus> components) {
        given.at(start)
                .declared(id, impact, components)
                .at(start.plusSeconds(resolveSeconds))
                .resolved();
    }

    private void resolvedIncident(String id, Instant start, long resolveSeconds) {
        resolvedIncident(id, start, resolveSeconds, Impact.minor, Map.of());
    }

    private Group onlyGroup(MttrQuery query) {
        List<Group> groups = analytics.mttr(query).groups();
        assertThat(groups).hasSize(1);
        return groups.get(0);
    }

    private List<String> keys(MttrQuery query) {
        return analytics.mttr(query).groups().stream().map(Group::key).toList();
    }

    @Test
    void knownSet_meanMedianP90AndMax_interpolateLinearlyBetweenRanks() {
        long[] resolveSeconds = {600, 60, 3600, 120, 300};
        for (int i = 0; i < resolveSeconds.length; i++) {
            resolvedIncident("inc-" + i, MAY.plusSeconds(i * 86_400L), resolveSeconds[i]);
        }

        Group all = onlyGroup(MttrQuery.all());

        assertThat(all.key()).isEqualTo(Analytics.ALL);
        assertThat(all.incidents()).isEqualTo(5);
        assertThat(all.open()).isZero();
        // sorted 60 120 300 600 3600: p90 at position 3.6 → 600 + 0.6 × 3000
        assertThat(all.resolve()).isEqualTo(new Stats(5, 936.0, 300.0, 2400.0, 3600.0));
    }

    @Test
    void evenCount_medianIsTheMeanOfTheMiddleTwo() {
        for (int i = 1; i <= 10; i++) {
            resolvedIncident("inc-" + i, MAY.plusSeconds(i * 86_400L), i * 100L);
        }

        assertThat(onlyGroup(MttrQuery.all()).resolve()).isEqualTo(new Stats(10, 550.0, 550.0, 910.0, 1000.0));
    }

    @Test
    void singleIncident_everyStatisticIsItsValue() {
        resolvedIncident("inc-1", MAY, 1234);

        assertThat(onlyGroup(MttrQuery.all()).resolve()).isEqualTo(new Stats(1, 1234.0, 1234.0, 1234.0, 1234.0));
    }

    @Test
    void eachDuration_countsOnlyIncidentsThatReachedItsMilestone() {
        given.at(MAY)
                .declared("a", declaration(Impact.minor, Map.of()).startedAt(t("2024-05-06T09:50:00Z")))
                .at(MAY.plusSeconds(300))
                .updated(identified)
                .at(MAY.plusSeconds(900))
                .updated(monitoring)
                .at(MAY.plusSeconds(1200))
                .resolved();
        given.at(MAY)
                .declared("b", declaration(Impact.minor, Map.of()).startedAt(t("2024-05-06T09:40:00Z")))
                .at(MAY.plusSeconds(600))
                .updated(identified);

        Group all = onlyGroup(MttrQuery.all());

        assertThat(all.detect()).isEqualTo(new Stats(2, 900.0, 900.0, 1140.0, 1200.0));
        assertThat(all.identify()).isEqualTo(new Stats(2, 1350.0, 1350.0, 1710.0, 1800.0));
        assertThat(all.mitigate()).isEqualTo(new Stats(1, 1500.0, 1500.0, 1500.0, 1500.0));
        assertThat(all.resolve()).isEqualTo(new Stats(1, 1800.0, 1800.0, 1800.0, 1800.0));
    }

    @Test
    void openIncidents_areCountedSeparately_andLeftOutOfTimeToResolve() {
        resolvedIncident("done", MAY, 600);
        given.at(MAY.plusSeconds(60)).declared("ongoing", Impact.major, Map.of());

        Group all = onlyGroup(MttrQuery.all());

        assertThat(all.incidents()).isEqualTo(2);
        assertThat(all.open()).isEqualTo(1);
        assertThat(all.resolve().count()).isEqualTo(1);
        assertThat(all.detect().count()).isEqualTo(2);
    }

    @Test
    void nothingSelected_givesNoGroups() {
        assertThat(analytics.mttr(MttrQuery.all()).groups()).isEmpty();
    }

    @Test
    void fromAndTo_selectByStart_halfOpen() {
        resolvedIncident("before", t("2024-05-31T23:59:59Z"), 60);
        resolvedIncident("first", t("2024-06-01T00:00:00Z"), 60);
        resolvedIncident("last", t("2024-06-30T23:59:59Z"), 60);
        resolvedIncident("after", t("2024-07-01T00:00:00Z"), 60);
        // started in June, declared and resolved in July: belongs to June
        given.at(t("2024-07-02T00:00:00Z"))
                .declared("late", declaration(Impact.minor, Map.of()).startedAt(t("2024-06-15T00:00:00Z")));

        MttrQuery june =
                MttrQuery.all().startedFrom(t("2024-06-01T00:00:00Z")).startedBefore(t("2024-07-01T00:00:00Z"));

        assertThat(onlyGroup(june).incidents()).isEqualTo(3);
        assertThat(onlyGroup(MttrQuery.all().startedBefore(t("2024-06-01T00:00:00Z")))
                        .incidents())
                .isEqualTo(1);
        assertThat(onlyGroup(MttrQuery.all().startedFrom(t("2024-07-01T00:00:00Z")))
                        .incidents())
                .isEqualTo(1);
    }

    @Test
    void toBeforeFrom_isRefused() {
        assertThatThrownBy(() -> MttrQuery.all().startedFrom(MAY).startedBefore(MAY.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void components_selectIncidentsThatNamedAnyOfThem() {
        resolvedIncident("web", MAY, 100, Impact.minor, Map.of("web", partial_outage));
        resolvedIncident("api", MAY, 200, Impact.minor, Map.of("api", partial_outage));
        resolvedIncident("both", MAY, 300, Impact.minor, Map.of("web", major_outage, "db", major_outage));
        resolvedIncident("none", MAY, 400);

        assertThat(onlyGroup(MttrQuery.all().touching("web")).resolve().mean()).isEqualTo(200.0);
        assertThat(onlyGroup(MttrQuery.all().touching("api", "db")).resolve().mean())
                .isEqualTo(250.0);
        assertThat(analytics.mttr(MttrQuery.all().touching("unknown")).groups()).isEmpty();
    }

    @Test
    void minimumImpact_goesByTheHighestImpactEver() {
        resolvedIncident("minor", MAY, 100, Impact.minor, Map.of());
        resolvedIncident("critical", MAY, 200, Impact.critical, Map.of());
        given.at(MAY)
                .declared("downgraded", Impact.major, Map.of())
                .at(MAY.plusSeconds(60))
                .updated(null, Impact.minor, Map.of())
                .at(MAY.plusSeconds(300))
                .resolved();

        assertThat(onlyGroup(MttrQuery.all().atLeast(Impact.major)).resolve().mean())
                .isEqualTo(250.0);
        assertThat(onlyGroup(MttrQuery.all().atLeast(Impact.critical)).incidents())
                .isEqualTo(1);
        assertThat(onlyGroup(MttrQuery.all().atLeast(Impact.minor)).incidents()).isEqualTo(3);
    }

    @Test
    void retractedIncidents_areLeftOut_unlessAskedFor() {
        resolvedIncident("real", MAY, 100);
        given.at(MAY)
                .declared("mistake", Impact.major, Map.of())
                .at(MAY.plusSeconds(60))
                .retracted();

        assertThat(onlyGroup(MttrQuery.all()).incidents()).isEqualTo(1);
        Group withRetracted = onlyGroup(MttrQuery.all().includingRetracted());
        assertThat(withRetracted.incidents()).isEqualTo(2);
        assertThat(withRetracted.open()).isEqualTo(1);
    }

    @Test
    void impactNone_isLeftOut_unlessAskedFor_butCountsOnceRaised() {
        resolvedIncident("none", MAY, 100, Impact.none, Map.of());
        given.at(MAY)
                .declared("raised", Impact.none, Map.of())
                .at(MAY.plusSeconds(60))
                .updated(null, Impact.minor, Map.of())
                .at(MAY.plusSeconds(120))
                .updated(null, Impact.none, Map.of());

        assertThat(onlyGroup(MttrQuery.all()).incidents()).isEqualTo(1);
        assertThat(onlyGroup(MttrQuery.all().includingImpactNone()).incidents()).isEqualTo(2);
    }

    @Test
    void groupByMonth_usesTheUtcMonthOfTheStart() {
        // 23:30 at UTC−05:00 on 31 March is already April in UTC
        resolvedIncident("april", t("2024-03-31T23:30:00-05:00"), 100);
        resolvedIncident("march", t("2024-03-31T23:30:00Z"), 200);
        resolvedIncident("december", t("2023-12-01T00:00:00Z"), 300);

        assertThat(keys(MttrQuery.all().groupedBy(GroupBy.MONTH))).containsExactly("2023-12", "2024-03", "2024-04");
    }

    @Test
    void groupByWeek_usesIsoWeeksOfTheWeekBasedYear() {
        resolvedIncident("sunday", t("2024-12-29T12:00:00Z"), 100);
        resolvedIncident("monday", t("2024-12-30T12:00:00Z"), 200);
        resolvedIncident("new-year", t("2025-01-01T12:00:00Z"), 300);
        resolvedIncident("week-10", t("2024-03-04T00:00:00Z"), 400);

        MttrReport report = analytics.mttr(MttrQuery.all().groupedBy(GroupBy.WEEK));

        assertThat(report.groups()).extracting(Group::key).containsExactly("2024-W10", "2024-W52", "2025-W01");
        assertThat(report.groups().get(2).incidents()).isEqualTo(2);
    }

    @Test
    void groupByComponent_countsAnIncidentInEachComponentItNamed() {
        resolvedIncident("web", MAY, 100, Impact.minor, Map.of("web", partial_outage));
        resolvedIncident("both", MAY, 300, Impact.minor, Map.of("web", major_outage, "db", major_outage));
        resolvedIncident("none", MAY, 400);

        MttrReport report = analytics.mttr(MttrQuery.all().groupedBy(GroupBy.COMPONENT));

        assertThat(report.groups()).extracting(Group::key).containsExactly(Analytics.NO_COMPONENT, "db", "web");
        assertThat(report.groups()).extracting(g -> g.resolve().mean()).containsExactly(400.0, 300.0, 200.0);
    }

    @Test
    void groupByComponent_withComponentFilter_showsOnlyTheComponentsAskedFor() {
        resolvedIncident("both", MAY, 300, Impact.minor, Map.of("web", major_outage, "db", major_outage));
        resolvedIncident("none", MAY, 400);

        assertThat(keys(MttrQuery.all().touching("web").groupedBy(GroupBy.COMPONENT)))
                .containsExactly("web");
    }

    @Test
    void groupByImpact_usesTheHighestImpact_inOrderOfSeverity() {
        resolvedIncident("critical", MAY, 100, Impact.critical, Map.of());
        resolvedIncident("minor", MAY, 200, Impact.minor, Map.of());
        given.at(MAY)
                .declared("escalated", Impact.minor, Map.of())
                .at(MAY.plusSeconds(60))
                .updated(null, Impact.major, Map.of())
                .at(MAY.plusSeconds(120))
                .updated(null, Impact.minor, Map.of());
        resolvedIncident("none", MAY, 300, Impact.none, Map.of());

        assertThat(keys(MttrQuery.all().groupedBy(GroupBy.IMPACT))).containsExactly("minor", "major", "critical");
        assertThat(keys(MttrQuery.all().includingImpactNone().groupedBy(GroupBy.IMPACT)))
                .containsExactly("none", "minor", "major", "critical");
    }

    @Test
    void csv_hasStableColumns_oneRowPerGroup_andEmptyFieldsWhereNoValue() {
        resolvedIncident("a", t("2024-05-06T10:00:00Z"), 600);
        given.at(t("2024-05-07T10:00:00Z")).declared("b", Impact.minor, Map.of());
        given.at(t("2024-06-01T10:00:00Z")).declared("c", Impact.minor, Map.of());

        String csv = analytics.mttr(MttrQuery.all().groupedBy(GroupBy.MONTH)).toCsv();

        assertThat(csv)
                .isEqualTo(String.join(
                        "\r\n",
                        "group,incidents,open,detect_count,detect_mean,detect_median,detect_p90,detect_max,"
                                + "identify_count,identify_mean,identify_median,identify_p90,identify_max,"
                                + "mitigate_count,mitigate_mean,mitigate_median,mitigate_p90,mitigate_max,"
                                + "resolve_count,resolve_mean,resolve_median,resolve_p90,resolve_max",
                        "2024-05,2,1,2,0,0,0,0,1,600,600,600,600,1,600,600,600,600,1,600,600,600,600",
                        "2024-06,1,1,1,0,0,0,0,0,,,,,0,,,,,0,,,,",
                        ""));
    }

    @Test
    void csv_quotesGroupsAsRfc4180Says() {
        resolvedIncident("a", MAY, 60, Impact.minor, Map.of("eu,west \"primary\"", partial_outage));

        String csv =
                analytics.mttr(MttrQuery.all().groupedBy(GroupBy.COMPONENT)).toCsv();

        assertThat(csv.split("\r\n")[1]).startsWith("\"eu,west \"\"primary\"\"\",1,0,");
    }

    @Test
    void csv_writesFractionsWithADot_whateverTheDefaultLocale() {
        resolvedIncident("a", MAY, 1);
        resolvedIncident("b", MAY, 2);
        resolvedIncident("c", MAY, 2);
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            String row = analytics.mttr(MttrQuery.all()).toCsv().split("\r\n")[1];

            // mean 5/3 rounded to the millisecond, p90 at position 1.8 → 2
            assertThat(row).endsWith(",3,1.667,2,2,2");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void slowestToResolve_areTheLongestResolvedOnes_slowestFirst_withoutRetractedOpenOrImpactNone() {
        resolvedIncident("inc-fast", MAY, 60);
        resolvedIncident("inc-slow", MAY.plusSeconds(86_400), 7200);
        resolvedIncident("inc-middle", MAY.plusSeconds(2 * 86_400), 600);
        resolvedIncident("inc-tie", MAY.plusSeconds(3 * 86_400), 600);
        resolvedIncident("inc-none", MAY.plusSeconds(4 * 86_400), 99_000, Impact.none, Map.of());
        resolvedIncident("inc-oops", MAY.plusSeconds(5 * 86_400), 99_000);
        given.at(MAY.plusSeconds(6 * 86_400)).incident("inc-oops").retracted();
        given.at(MAY.minusSeconds(86_400)).declared("inc-open", Impact.major, Map.of());

        List<IncidentDurations> slowest = analytics.slowestToResolve(null, null, 3);

        assertThat(slowest)
                .extracting(IncidentDurations::incidentId)
                .as("ties go to the one that started first")
                .containsExactly("inc-slow", "inc-middle", "inc-tie");
        assertThat(slowest.get(0).timeToResolve()).isEqualTo(7200L);
        assertThat(analytics.slowestToResolve(MAY.plusSeconds(2 * 86_400), null, 10))
                .extracting(IncidentDurations::incidentId)
                .containsExactly("inc-middle", "inc-tie");
        assertThatThrownBy(() -> analytics.slowestToResolve(null, null, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
