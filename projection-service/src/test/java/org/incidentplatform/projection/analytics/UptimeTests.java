package org.incidentplatform.projection.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.incidentplatform.events.ComponentStatus.degraded_performance;
import static org.incidentplatform.events.ComponentStatus.major_outage;
import static org.incidentplatform.events.ComponentStatus.operational;
import static org.incidentplatform.events.ComponentStatus.partial_outage;
import static org.incidentplatform.events.ComponentStatus.under_maintenance;
import static org.incidentplatform.events.IncidentStatus.identified;
import static org.incidentplatform.events.IncidentStatus.investigating;
import static org.incidentplatform.projection.analytics.AnalyticsLog.t;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.incidentplatform.events.Impact;
import org.incidentplatform.projection.analytics.UptimeReport.Day;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UptimeTests {

    private static final LocalDate DAY = LocalDate.parse("2024-05-02");
    private static final Instant LATER = t("2024-06-01T00:00:00Z");

    private final AnalyticsLog log = new AnalyticsLog();

    @BeforeEach
    void catalogue() {
        log.component("web", "core", t("2024-04-01T00:00:00Z"));
        log.component("api", "core", t("2024-04-01T00:00:00Z"));
        log.component("docs", null, t("2024-04-01T00:00:00Z"));
    }

    private Day day(String componentId, LocalDate date) {
        return log.analytics.uptime(componentId, date, date, LATER).days().get(0);
    }

    /** Partial from 10:00 to 11:00, major until 11:30, on {@code web}. */
    private void partialThenMajor(String id, Instant start) {
        log.declare(id, start, investigating, Impact.major, Map.of("web", partial_outage));
        log.update(id, start.plusSeconds(3600), identified, null, Map.of("web", major_outage));
        log.resolve(id, start.plusSeconds(5400), Map.of("web", operational));
    }

    @Test
    void partialHourThenMajorHalfHour_onOneDay_givesSixtyAndThirtyMinutes() {
        partialThenMajor("inc-1", t("2024-05-02T10:00:00Z"));

        Day day = day("web", DAY);

        assertThat(day.partialMinutes()).isEqualTo(60.0);
        assertThat(day.majorMinutes()).isEqualTo(30.0);
        assertThat(day.degradedMinutes()).isZero();
        assertThat(day.maintenanceMinutes()).isZero();
        assertThat(day.observedMinutes()).isEqualTo(1440.0);
        assertThat(day.uptimePercent()).isCloseTo(96.667, within(0.0005));
        assertThat(day.worstStatus()).isEqualTo(major_outage);
        assertThat(day.incidents()).containsExactly("inc-1");
    }

    @Test
    void samePatternAcrossMidnight_splitsOverTwoUtcDays() {
        partialThenMajor("inc-1", t("2024-05-02T23:30:00Z"));

        UptimeReport report = log.analytics.uptime("web", DAY, DAY.plusDays(1), LATER);

        Day first = report.days().get(0);
        Day second = report.days().get(1);
        assertThat(first.date()).isEqualTo(DAY);
        assertThat(first.partialMinutes()).isEqualTo(30.0);
        assertThat(first.majorMinutes()).isZero();
        assertThat(first.uptimePercent()).isCloseTo(100 * (1 - 9.0 / 1440), within(1e-9));
        assertThat(first.worstStatus()).isEqualTo(partial_outage);
        assertThat(second.partialMinutes()).isEqualTo(30.0);
        assertThat(second.majorMinutes()).isEqualTo(30.0);
        assertThat(second.uptimePercent()).isCloseTo(100 * (1 - 39.0 / 1440), within(1e-9));
        assertThat(first.incidents()).containsExactly("inc-1");
        assertThat(second.incidents()).containsExactly("inc-1");
        assertThat(report.uptimePercent()).isCloseTo(100 * (1 - 48.0 / 2880), within(1e-9));
    }

    @Test
    void otherComponentsAndDays_stayFullyUp() {
        partialThenMajor("inc-1", t("2024-05-02T10:00:00Z"));

        assertThat(day("api", DAY).uptimePercent()).isEqualTo(100.0);
        assertThat(day("api", DAY).worstStatus()).isEqualTo(operational);
        assertThat(day("api", DAY).incidents()).isEmpty();
        assertThat(day("web", DAY.plusDays(1)).uptimePercent()).isEqualTo(100.0);
    }

    @Test
    void partialWeight_isConfigurable() {
        AnalyticsLog weighted = new AnalyticsLog(new Analytics(0.5));
        weighted.component("web", null, t("2024-04-01T00:00:00Z"));
        weighted.declare("inc-1", t("2024-05-02T10:00:00Z"), investigating, Impact.major,
                Map.of("web", partial_outage));
        weighted.resolve("inc-1", t("2024-05-02T11:00:00Z"));

        Day day = weighted.analytics.uptime("web", DAY, DAY, LATER).days().get(0);

        assertThat(day.uptimePercent()).isCloseTo(100 * (1 - 30.0 / 1440), within(1e-9));
    }

    @Test
    void degradedPerformance_isReported_butNotDown() {
        log.declare("inc-1", t("2024-05-02T10:00:00Z"), investigating, Impact.minor,
                Map.of("web", degraded_performance));
        log.resolve("inc-1", t("2024-05-02T12:00:00Z"));

        Day day = day("web", DAY);

        assertThat(day.degradedMinutes()).isEqualTo(120.0);
        assertThat(day.uptimePercent()).isEqualTo(100.0);
        assertThat(day.worstStatus()).isEqualTo(degraded_performance);
    }

    @Test
    void maintenance_isReported_butNotCountedAsDowntime() {
        log.schedule("mnt-1", t("2024-05-01T09:00:00Z"), Map.of("web", under_maintenance));
        log.start("mnt-1", t("2024-05-02T02:00:00Z"));
        log.complete("mnt-1", t("2024-05-02T04:00:00Z"));

        Day day = day("web", DAY);

        assertThat(day.maintenanceMinutes()).isEqualTo(120.0);
        assertThat(day.uptimePercent()).isEqualTo(100.0);
        assertThat(day.worstStatus()).isEqualTo(under_maintenance);
        assertThat(day.maintenances()).containsExactly("mnt-1");
        assertThat(day.incidents()).isEmpty();
    }

    @Test
    void outageDuringMaintenance_isOutage() {
        log.schedule("mnt-1", t("2024-05-01T09:00:00Z"), Map.of("web", under_maintenance));
        log.start("mnt-1", t("2024-05-02T02:00:00Z"));
        log.declare("inc-1", t("2024-05-02T03:00:00Z"), investigating, Impact.major, Map.of("web", major_outage));
        log.complete("mnt-1", t("2024-05-02T04:00:00Z"));
        log.resolve("inc-1", t("2024-05-02T03:30:00Z"));

        Day day = day("web", DAY);

        assertThat(day.maintenanceMinutes()).isEqualTo(90.0);
        assertThat(day.majorMinutes()).isEqualTo(30.0);
    }

    @Test
    void overlappingIncidents_eachMinuteCountsOnce_inTheWorstStatus() {
        log.declare("inc-1", t("2024-05-02T10:00:00Z"), investigating, Impact.minor, Map.of("web", partial_outage));
        log.declare("inc-2", t("2024-05-02T11:00:00Z"), investigating, Impact.major, Map.of("web", major_outage));
        log.resolve("inc-2", t("2024-05-02T11:30:00Z"));
        log.resolve("inc-1", t("2024-05-02T12:00:00Z"));

        Day day = day("web", DAY);

        assertThat(day.partialMinutes()).isEqualTo(90.0);
        assertThat(day.majorMinutes()).isEqualTo(30.0);
        assertThat(day.incidents()).containsExactly("inc-1", "inc-2");
    }

    @Test
    void resolution_releasesEveryComponent_evenOnesItNamesAsDown() {
        log.declare("inc-1", t("2024-05-02T10:00:00Z"), investigating, Impact.major,
                Map.of("web", major_outage, "api", major_outage));
        log.resolve("inc-1", t("2024-05-02T10:30:00Z"), Map.of("web", partial_outage));

        assertThat(day("web", DAY).majorMinutes()).isEqualTo(30.0);
        assertThat(day("web", DAY).partialMinutes()).isZero();
        assertThat(day("api", DAY).majorMinutes()).isEqualTo(30.0);
    }

    @Test
    void reopen_takesTheComponentsAgain_untilResolvedAgain() {
        log.declare("inc-1", t("2024-05-02T10:00:00Z"), investigating, Impact.major, Map.of("web", partial_outage));
        log.resolve("inc-1", t("2024-05-02T10:30:00Z"), Map.of("web", partial_outage));
        log.reopen("inc-1", t("2024-05-02T11:00:00Z"), investigating, Map.of("api", major_outage));
        log.resolve("inc-1", t("2024-05-02T11:20:00Z"));

        assertThat(day("web", DAY).partialMinutes()).isEqualTo(50.0);
        assertThat(day("api", DAY).majorMinutes()).isEqualTo(20.0);
    }

    @Test
    void componentStatusChangedByAnUpdate_changesFromThen() {
        log.declare("inc-1", t("2024-05-02T10:00:00Z"), investigating, Impact.major, Map.of("web", major_outage));
        log.update("inc-1", t("2024-05-02T10:10:00Z"), null, null, Map.of("web", degraded_performance));
        log.update("inc-1", t("2024-05-02T10:20:00Z"), null, null, Map.of("web", operational));
        log.resolve("inc-1", t("2024-05-02T11:00:00Z"));

        Day day = day("web", DAY);

        assertThat(day.majorMinutes()).isEqualTo(10.0);
        assertThat(day.degradedMinutes()).isEqualTo(10.0);
    }

    @Test
    void declaredComponents_countFromWhenImpactStarted() {
        log.declare("inc-1", t("2024-05-02T10:30:00Z"), t("2024-05-02T10:00:00Z"), t("2024-05-02T10:20:00Z"),
                investigating, Impact.major, Map.of("web", major_outage));
        log.resolve("inc-1", t("2024-05-02T11:00:00Z"));

        assertThat(day("web", DAY).majorMinutes()).isEqualTo(60.0);
    }

    @Test
    void backfilledIncident_countsFromItsStartToItsResolution() {
        log.declareBackfilled("late", t("2024-05-02T22:00:00Z"), t("2024-05-03T01:00:00Z"), t("2024-05-30T09:00:00Z"),
                Impact.major, Map.of("web", major_outage));

        UptimeReport report = log.analytics.uptime("web", DAY, DAY.plusDays(1), LATER);

        assertThat(report.days()).extracting(Day::majorMinutes).containsExactly(120.0, 60.0);
        assertThat(report.days()).extracting(Day::incidents).containsOnly(List.of("late"));
    }

    @Test
    void retractedIncident_countsNothing_notEvenBeforeItsRetraction() {
        log.declare("mistake", t("2024-05-02T10:00:00Z"), investigating, Impact.major, Map.of("web", major_outage));
        log.retract("mistake", t("2024-05-02T11:00:00Z"));

        Day day = day("web", DAY);

        assertThat(day.majorMinutes()).isZero();
        assertThat(day.uptimePercent()).isEqualTo(100.0);
        assertThat(day.incidents()).isEmpty();
    }

    @Test
    void dayInProgress_countsOnlyUpToNow_andLaterDaysAreNotObserved() {
        log.declare("inc-1", t("2024-05-02T10:00:00Z"), investigating, Impact.major, Map.of("web", major_outage));

        UptimeReport report = log.analytics.uptime("web", DAY, DAY.plusDays(1), t("2024-05-02T12:00:00Z"));

        Day today = report.days().get(0);
        assertThat(today.observedMinutes()).isEqualTo(720.0);
        assertThat(today.majorMinutes()).isEqualTo(120.0);
        assertThat(today.uptimePercent()).isCloseTo(100 * (1 - 120.0 / 720), within(1e-9));
        Day tomorrow = report.days().get(1);
        assertThat(tomorrow.observedMinutes()).isZero();
        assertThat(tomorrow.uptimePercent()).isNull();
        assertThat(tomorrow.worstStatus()).isNull();
        assertThat(report.uptimePercent()).isEqualTo(today.uptimePercent());
    }

    @Test
    void daysBeforeTheComponentWasKnown_areNotObserved_andLeftOutOfTheWindow() {
        log.component("search", null, t("2024-05-02T12:00:00Z"));
        log.declare("inc-1", t("2024-05-02T18:00:00Z"), investigating, Impact.major, Map.of("search", major_outage));
        log.resolve("inc-1", t("2024-05-02T19:12:00Z"));

        UptimeReport report = log.analytics.uptime("search", DAY.minusDays(1), DAY, LATER);

        assertThat(report.days().get(0).observedMinutes()).isZero();
        assertThat(report.days().get(0).uptimePercent()).isNull();
        assertThat(report.days().get(1).observedMinutes()).isEqualTo(720.0);
        assertThat(report.uptimePercent()).isCloseTo(90.0, within(1e-9));
    }

    @Test
    void componentNeverCatalogued_isKnownFromItsFirstIncident() {
        log.declare("inc-1", t("2024-05-02T12:00:00Z"), t("2024-05-02T11:00:00Z"), t("2024-05-02T12:00:00Z"),
                investigating, Impact.major, Map.of("legacy", major_outage));

        UptimeReport report = log.analytics.uptime("legacy", DAY, DAY, t("2024-05-02T13:00:00Z"));

        assertThat(report.days().get(0).observedMinutes()).isEqualTo(120.0);
        assertThat(report.uptimePercent()).isZero();
        assertThat(log.analytics.uptime("unknown", DAY, DAY, LATER).uptimePercent()).isNull();
    }

    @Test
    void window_hasOneEntryPerDay_andWeighsDaysByObservedMinutes() {
        partialThenMajor("inc-1", t("2024-05-02T10:00:00Z"));

        UptimeReport report = log.analytics.uptime("web", DAY.minusDays(89), DAY, LATER);

        assertThat(report.days()).hasSize(90);
        assertThat(report.days().get(0).date()).isEqualTo(DAY.minusDays(89));
        assertThat(report.days().get(89).date()).isEqualTo(DAY);
        // web is known since 1 April: 32 observed days
        assertThat(report.days()).filteredOn(d -> d.uptimePercent() != null).hasSize(32);
        assertThat(report.uptimePercent()).isCloseTo(100 * (1 - 48.0 / (32 * 1440)), within(1e-9));
    }

    @Test
    void members_takenTogether_areAsBadAsTheWorst_withTheWeightAsked() {
        log.declare("inc-1", t("2024-05-02T10:00:00Z"), investigating, Impact.minor, Map.of("web", partial_outage));
        log.declare("inc-2", t("2024-05-02T10:30:00Z"), investigating, Impact.major, Map.of("docs", major_outage));
        log.resolve("inc-1", t("2024-05-02T11:00:00Z"));
        log.resolve("inc-2", t("2024-05-02T11:30:00Z"));

        UptimeReport report = log.analytics.membersUptime(List.of("web", "docs", "web"), DAY, DAY, LATER, 0.5);

        assertThat(report.components()).containsExactly("docs", "web");
        assertThat(report.partialWeight()).isEqualTo(0.5);
        Day day = report.days().get(0);
        assertThat(day.partialMinutes()).isEqualTo(30.0);
        assertThat(day.majorMinutes()).isEqualTo(60.0);
        assertThat(day.uptimePercent()).isCloseTo(100 * (1 - (60 + 0.5 * 30) / 1440.0), within(1e-9));
        assertThat(day.incidents()).containsExactly("inc-1", "inc-2");
        assertThat(log.analytics.uptime("web", DAY, DAY, LATER, 1.0).days().get(0).uptimePercent())
                .isCloseTo(100 * (1 - 60 / 1440.0), within(1e-9));
    }

    @Test
    void members_neverSeen_areNotObserved() {
        UptimeReport report = log.analytics.membersUptime(List.of("nobody"), DAY, DAY, LATER, 0.3);

        assertThat(report.uptimePercent()).isNull();
        assertThat(report.days().get(0).worstStatus()).isNull();
    }
}
