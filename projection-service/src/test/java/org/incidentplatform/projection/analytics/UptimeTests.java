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
import static org.incidentplatform.projection.analytics.Times.t;
import static org.incidentplatform.schemas.given.GivenEvents.declaration;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.incidentplatform.events.Impact;
import org.incidentplatform.projection.analytics.UptimeReport.Day;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UptimeTests {

    private static final LocalDate DAY = LocalDate.parse("2024-05-02");
    private static final Instant LATER = t("2024-06-01T00:00:00Z");

    private final Analytics analytics = new Analytics();
    private final GivenEvents given = AppliedEvents.to(analytics);

    @BeforeEach
    void catalogue() {
        given.at(t("2024-04-01T00:00:00Z"))
                .catalogue()
                .componentAdded("web", "Web", "core", 0)
                .at(t("2024-04-01T00:00:00Z"))
                .componentAdded("api", "API", "core", 0)
                .at(t("2024-04-01T00:00:00Z"))
                .componentAdded("docs", "Docs", null, 0);
    }

    private Day day(String componentId, LocalDate date) {
        return analytics.uptime(componentId, date, date, LATER).days().get(0);
    }

    /** Partial from 10:00 to 11:00, major until 11:30, on {@code web}. */
    private void partialThenMajor(String id, Instant start) {
        given.at(start)
                .declared(id, Impact.major, Map.of("web", partial_outage))
                .at(start.plusSeconds(3600))
                .updated(identified, Map.of("web", major_outage))
                .at(start.plusSeconds(5400))
                .resolved(Map.of("web", operational));
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

        UptimeReport report = analytics.uptime("web", DAY, DAY.plusDays(1), LATER);

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
        Analytics weighted = new Analytics(0.5);
        GivenEvents log = AppliedEvents.to(weighted);
        log.at(t("2024-04-01T00:00:00Z")).catalogue().componentAdded("web", "Web", null, 0);
        log.at(t("2024-05-02T10:00:00Z")).declared("inc-1", Impact.major, Map.of("web", partial_outage));
        log.at(t("2024-05-02T11:00:00Z")).incident("inc-1").resolved();

        Day day = weighted.uptime("web", DAY, DAY, LATER).days().get(0);

        assertThat(day.uptimePercent()).isCloseTo(100 * (1 - 30.0 / 1440), within(1e-9));
    }

    @Test
    void degradedPerformance_isReported_butNotDown() {
        given.at(t("2024-05-02T10:00:00Z"))
                .declared("inc-1", Impact.minor, Map.of("web", degraded_performance))
                .at(t("2024-05-02T12:00:00Z"))
                .resolved();

        Day day = day("web", DAY);

        assertThat(day.degradedMinutes()).isEqualTo(120.0);
        assertThat(day.uptimePercent()).isEqualTo(100.0);
        assertThat(day.worstStatus()).isEqualTo(degraded_performance);
    }

    @Test
    void maintenance_isReported_butNotCountedAsDowntime() {
        given.at(t("2024-05-01T09:00:00Z"))
                .scheduled("mnt-1", Map.of("web", under_maintenance))
                .at(t("2024-05-02T02:00:00Z"))
                .started()
                .at(t("2024-05-02T04:00:00Z"))
                .completed();

        Day day = day("web", DAY);

        assertThat(day.maintenanceMinutes()).isEqualTo(120.0);
        assertThat(day.uptimePercent()).isEqualTo(100.0);
        assertThat(day.worstStatus()).isEqualTo(under_maintenance);
        assertThat(day.maintenances()).containsExactly("mnt-1");
        assertThat(day.incidents()).isEmpty();
    }

    @Test
    void outageDuringMaintenance_isOutage() {
        given.at(t("2024-05-01T09:00:00Z"))
                .scheduled("mnt-1", Map.of("web", under_maintenance))
                .at(t("2024-05-02T02:00:00Z"))
                .started();
        given.at(t("2024-05-02T03:00:00Z")).declared("inc-1", Impact.major, Map.of("web", major_outage));
        given.at(t("2024-05-02T04:00:00Z")).maintenance("mnt-1").completed();
        given.at(t("2024-05-02T03:30:00Z")).incident("inc-1").resolved();

        Day day = day("web", DAY);

        assertThat(day.maintenanceMinutes()).isEqualTo(90.0);
        assertThat(day.majorMinutes()).isEqualTo(30.0);
    }

    @Test
    void overlappingIncidents_eachMinuteCountsOnce_inTheWorstStatus() {
        given.at(t("2024-05-02T10:00:00Z")).declared("inc-1", Impact.minor, Map.of("web", partial_outage));
        given.at(t("2024-05-02T11:00:00Z"))
                .declared("inc-2", Impact.major, Map.of("web", major_outage))
                .at(t("2024-05-02T11:30:00Z"))
                .resolved();
        given.at(t("2024-05-02T12:00:00Z")).incident("inc-1").resolved();

        Day day = day("web", DAY);

        assertThat(day.partialMinutes()).isEqualTo(90.0);
        assertThat(day.majorMinutes()).isEqualTo(30.0);
        assertThat(day.incidents()).containsExactly("inc-1", "inc-2");
    }

    @Test
    void resolution_releasesEveryComponent_evenOnesItNamesAsDown() {
        given.at(t("2024-05-02T10:00:00Z"))
                .declared("inc-1", Impact.major, Map.of("web", major_outage, "api", major_outage))
                .at(t("2024-05-02T10:30:00Z"))
                .resolved(Map.of("web", partial_outage));

        assertThat(day("web", DAY).majorMinutes()).isEqualTo(30.0);
        assertThat(day("web", DAY).partialMinutes()).isZero();
        assertThat(day("api", DAY).majorMinutes()).isEqualTo(30.0);
    }

    @Test
    void reopen_takesTheComponentsAgain_untilResolvedAgain() {
        given.at(t("2024-05-02T10:00:00Z"))
                .declared("inc-1", Impact.major, Map.of("web", partial_outage))
                .at(t("2024-05-02T10:30:00Z"))
                .resolved(Map.of("web", partial_outage))
                .at(t("2024-05-02T11:00:00Z"))
                .reopened(investigating, Map.of("api", major_outage))
                .at(t("2024-05-02T11:20:00Z"))
                .resolved();

        assertThat(day("web", DAY).partialMinutes()).isEqualTo(50.0);
        assertThat(day("api", DAY).majorMinutes()).isEqualTo(20.0);
    }

    @Test
    void componentStatusChangedByAnUpdate_changesFromThen() {
        given.at(t("2024-05-02T10:00:00Z"))
                .declared("inc-1", Impact.major, Map.of("web", major_outage))
                .at(t("2024-05-02T10:10:00Z"))
                .updated(null, Map.of("web", degraded_performance))
                .at(t("2024-05-02T10:20:00Z"))
                .updated(null, Map.of("web", operational))
                .at(t("2024-05-02T11:00:00Z"))
                .resolved();

        Day day = day("web", DAY);

        assertThat(day.majorMinutes()).isEqualTo(10.0);
        assertThat(day.degradedMinutes()).isEqualTo(10.0);
    }

    @Test
    void declaredComponents_countFromWhenImpactStarted() {
        given.at(t("2024-05-02T10:30:00Z"))
                .declared(
                        "inc-1",
                        declaration(Impact.major, Map.of("web", major_outage))
                                .startedAt(t("2024-05-02T10:00:00Z"))
                                .detectedAt(t("2024-05-02T10:20:00Z")))
                .at(t("2024-05-02T11:00:00Z"))
                .resolved();

        assertThat(day("web", DAY).majorMinutes()).isEqualTo(60.0);
    }

    @Test
    void backfilledIncident_countsFromItsStartToItsResolution() {
        given.at(t("2024-05-30T09:00:00Z"))
                .backfilled(
                        "late",
                        Impact.major,
                        t("2024-05-02T22:00:00Z"),
                        t("2024-05-03T01:00:00Z"),
                        Map.of("web", major_outage));

        UptimeReport report = analytics.uptime("web", DAY, DAY.plusDays(1), LATER);

        assertThat(report.days()).extracting(Day::majorMinutes).containsExactly(120.0, 60.0);
        assertThat(report.days()).extracting(Day::incidents).containsOnly(List.of("late"));
    }

    @Test
    void retractedIncident_countsNothing_notEvenBeforeItsRetraction() {
        given.at(t("2024-05-02T10:00:00Z"))
                .declared("mistake", Impact.major, Map.of("web", major_outage))
                .at(t("2024-05-02T11:00:00Z"))
                .retracted();

        Day day = day("web", DAY);

        assertThat(day.majorMinutes()).isZero();
        assertThat(day.uptimePercent()).isEqualTo(100.0);
        assertThat(day.incidents()).isEmpty();
    }

    @Test
    void dayInProgress_countsOnlyUpToNow_andLaterDaysAreNotObserved() {
        given.at(t("2024-05-02T10:00:00Z")).declared("inc-1", Impact.major, Map.of("web", major_outage));

        UptimeReport report = analytics.uptime("web", DAY, DAY.plusDays(1), t("2024-05-02T12:00:00Z"));

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
        given.at(t("2024-05-02T12:00:00Z")).catalogue().componentAdded("search", "Search", null, 0);
        given.at(t("2024-05-02T18:00:00Z"))
                .declared("inc-1", Impact.major, Map.of("search", major_outage))
                .at(t("2024-05-02T19:12:00Z"))
                .resolved();

        UptimeReport report = analytics.uptime("search", DAY.minusDays(1), DAY, LATER);

        assertThat(report.days().get(0).observedMinutes()).isZero();
        assertThat(report.days().get(0).uptimePercent()).isNull();
        assertThat(report.days().get(1).observedMinutes()).isEqualTo(720.0);
        assertThat(report.uptimePercent()).isCloseTo(90.0, within(1e-9));
    }

    @Test
    void componentNeverCatalogued_isKnownFromItsFirstIncident() {
        given.at(t("2024-05-02T12:00:00Z"))
                .declared(
                        "inc-1",
                        declaration(Impact.major, Map.of("legacy", major_outage))
                                .startedAt(t("2024-05-02T11:00:00Z")));

        UptimeReport report = analytics.uptime("legacy", DAY, DAY, t("2024-05-02T13:00:00Z"));

        assertThat(report.days().get(0).observedMinutes()).isEqualTo(120.0);
        assertThat(report.uptimePercent()).isZero();
        assertThat(analytics.uptime("unknown", DAY, DAY, LATER).uptimePercent()).isNull();
    }

    @Test
    void window_hasOneEntryPerDay_andWeighsDaysByObservedMinutes() {
        partialThenMajor("inc-1", t("2024-05-02T10:00:00Z"));

        UptimeReport report = analytics.uptime("web", DAY.minusDays(89), DAY, LATER);

        assertThat(report.days()).hasSize(90);
        assertThat(report.days().get(0).date()).isEqualTo(DAY.minusDays(89));
        assertThat(report.days().get(89).date()).isEqualTo(DAY);
        // web is known since 1 April: 32 observed days
        assertThat(report.days()).filteredOn(d -> d.uptimePercent() != null).hasSize(32);
        assertThat(report.uptimePercent()).isCloseTo(100 * (1 - 48.0 / (32 * 1440)), within(1e-9));
    }

    @Test
    void members_takenTogether_areAsBadAsTheWorst_withTheWeightAsked() {
        given.at(t("2024-05-02T10:00:00Z")).declared("inc-1", Impact.minor, Map.of("web", partial_outage));
        given.at(t("2024-05-02T10:30:00Z")).declared("inc-2", Impact.major, Map.of("docs", major_outage));
        given.at(t("2024-05-02T11:00:00Z")).incident("inc-1").resolved();
        given.at(t("2024-05-02T11:30:00Z")).incident("inc-2").resolved();

        UptimeReport report = analytics.membersUptime(List.of("web", "docs", "web"), DAY, DAY, LATER, 0.5);

        assertThat(report.components()).containsExactly("docs", "web");
        assertThat(report.partialWeight()).isEqualTo(0.5);
        Day day = report.days().get(0);
        assertThat(day.partialMinutes()).isEqualTo(30.0);
        assertThat(day.majorMinutes()).isEqualTo(60.0);
        assertThat(day.uptimePercent()).isCloseTo(100 * (1 - (60 + 0.5 * 30) / 1440.0), within(1e-9));
        assertThat(day.incidents()).containsExactly("inc-1", "inc-2");
        assertThat(analytics.uptime("web", DAY, DAY, LATER, 1.0).days().get(0).uptimePercent())
                .isCloseTo(100 * (1 - 60 / 1440.0), within(1e-9));
    }

    @Test
    void members_neverSeen_areNotObserved() {
        UptimeReport report = analytics.membersUptime(List.of("nobody"), DAY, DAY, LATER, 0.3);

        assertThat(report.uptimePercent()).isNull();
        assertThat(report.days().get(0).worstStatus()).isNull();
    }
}
