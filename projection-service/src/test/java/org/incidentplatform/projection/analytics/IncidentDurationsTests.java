package org.incidentplatform.projection.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentplatform.events.ComponentStatus.major_outage;
import static org.incidentplatform.events.ComponentStatus.operational;
import static org.incidentplatform.events.ComponentStatus.partial_outage;
import static org.incidentplatform.events.IncidentStatus.identified;
import static org.incidentplatform.events.IncidentStatus.investigating;
import static org.incidentplatform.events.IncidentStatus.monitoring;
import static org.incidentplatform.projection.analytics.AnalyticsLog.t;

import java.util.Map;

import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.projection.analytics.MttrQuery.GroupBy;
import org.junit.jupiter.api.Test;

class IncidentDurationsTests {

    private final AnalyticsLog log = new AnalyticsLog();

    private IncidentDurations incident(String id) {
        return log.analytics.incident(id).orElseThrow();
    }

    @Test
    void timesPostedWithOffsetsAcrossTheDstChange_giveExactSeconds() {
        log.declare("inc-1", t("2024-03-10T01:50:00-05:00"), t("2024-03-10T01:40:00-05:00"),
                t("2024-03-10T01:50:00-05:00"), investigating, Impact.major, Map.of());
        log.update("inc-1", t("2024-03-10T03:05:00-04:00"), identified);
        log.update("inc-1", t("2024-03-10T03:30:00-04:00"), monitoring);
        log.resolve("inc-1", t("2024-03-10T04:10:00-04:00"));

        IncidentDurations incident = incident("inc-1");

        assertThat(incident.timeToDetect()).isEqualTo(600);
        assertThat(incident.timeToIdentify()).isEqualTo(1500);
        assertThat(incident.timeToMitigate()).isEqualTo(3000);
        assertThat(incident.timeToResolve()).isEqualTo(5400);
        assertThat(incident.startedAt()).isEqualTo(t("2024-03-10T06:40:00Z"));
        assertThat(incident.lastResolvedAt()).isEqualTo(t("2024-03-10T08:10:00Z"));
    }

    @Test
    void reopenedIncident_isOpenUntilResolvedAgain_andResolvesAtItsLastResolution() {
        log.declare("inc-1", t("2024-05-02T10:00:00Z"), investigating, Impact.minor, Map.of());
        log.resolve("inc-1", t("2024-05-02T10:30:00Z"));
        assertThat(incident("inc-1").timeToResolve()).isEqualTo(1800);

        log.reopen("inc-1", t("2024-05-02T11:00:00Z"), investigating, Map.of());
        assertThat(incident("inc-1").open()).isTrue();
        assertThat(incident("inc-1").timeToResolve()).isNull();
        assertThat(incident("inc-1").lastResolvedAt()).isNull();

        log.resolve("inc-1", t("2024-05-02T11:45:00Z"));
        assertThat(incident("inc-1").open()).isFalse();
        assertThat(incident("inc-1").timeToResolve()).isEqualTo(6300);
    }

    @Test
    void statusReachedAtDeclaration_countsAtTheDeclaration() {
        log.declare("inc-1", t("2024-05-02T12:00:00Z"), identified, Impact.minor, Map.of());
        log.resolve("inc-1", t("2024-05-02T12:20:00Z"));

        IncidentDurations incident = incident("inc-1");

        assertThat(incident.timeToIdentify()).isZero();
        assertThat(incident.timeToMitigate()).isEqualTo(1200);
        assertThat(incident.timeToResolve()).isEqualTo(1200);
    }

    @Test
    void backfilledIncidentAppendedAMonthLater_resolvesInTwoHours_andCountsInTheMonthItStarted() {
        log.declare("live", t("2024-02-10T09:00:00Z"), investigating, Impact.minor, Map.of());
        log.resolve("live", t("2024-02-10T09:10:00Z"));
        log.declareBackfilled("late", t("2024-01-31T23:30:00Z"), t("2024-02-01T01:30:00Z"),
                t("2024-03-01T09:00:00Z"), Impact.major, Map.of("api", major_outage));

        IncidentDurations late = incident("late");
        assertThat(late.timeToResolve()).isEqualTo(7200);
        assertThat(late.backfilled()).isTrue();
        assertThat(late.open()).isFalse();

        MttrReport byMonth = log.analytics.mttr(MttrQuery.all().groupedBy(GroupBy.MONTH));
        assertThat(byMonth.groups()).extracting(MttrReport.Group::key).containsExactly("2024-01", "2024-02");
        assertThat(byMonth.groups().get(0).resolve().max()).isEqualTo(7200.0);
        assertThat(byMonth.groups().get(1).resolve().max()).isEqualTo(600.0);
    }

    @Test
    void milestonesNeverReached_areNull_andTheIncidentIsOpen() {
        log.declare("inc-1", t("2024-05-02T10:00:00Z"), t("2024-05-02T09:45:00Z"), t("2024-05-02T09:55:00Z"),
                investigating, Impact.minor, Map.of());

        IncidentDurations incident = incident("inc-1");

        assertThat(incident.timeToDetect()).isEqualTo(600);
        assertThat(incident.timeToIdentify()).isNull();
        assertThat(incident.timeToMitigate()).isNull();
        assertThat(incident.timeToResolve()).isNull();
        assertThat(incident.open()).isTrue();
    }

    @Test
    void skippingStraightToMonitoring_identifiesAtTheSameMoment() {
        log.declare("inc-1", t("2024-05-02T10:00:00Z"), investigating, Impact.minor, Map.of());
        log.update("inc-1", t("2024-05-02T10:40:00Z"), monitoring);
        log.update("inc-1", t("2024-05-02T10:50:00Z"), identified);

        IncidentDurations incident = incident("inc-1");

        assertThat(incident.timeToIdentify()).isEqualTo(2400);
        assertThat(incident.timeToMitigate()).isEqualTo(2400);
    }

    @Test
    void updateWithoutStatus_changesNoMilestone() {
        log.declare("inc-1", t("2024-05-02T10:00:00Z"), investigating, Impact.minor, Map.of());
        log.update("inc-1", t("2024-05-02T10:20:00Z"), null, Impact.major, Map.of());
        log.resolve("inc-1", t("2024-05-02T10:30:00Z"));
        log.update("inc-1", t("2024-05-02T10:40:00Z"), null, null, Map.of());
        log.postmortem("inc-1", t("2024-05-03T10:00:00Z"));

        IncidentDurations incident = incident("inc-1");

        assertThat(incident.firstIdentifiedAt()).isEqualTo(t("2024-05-02T10:30:00Z"));
        assertThat(incident.timeToResolve()).isEqualTo(1800);
    }

    @Test
    void timesGoingBackwards_firstMilestoneIsTheEarliest_soIdentifyNeverExceedsMitigate() {
        log.declare("inc-1", t("2024-05-02T10:00:00Z"), investigating, Impact.minor, Map.of());
        log.update("inc-1", t("2024-05-02T10:30:00Z"), identified);
        log.update("inc-1", t("2024-05-02T10:10:00Z"), monitoring);

        IncidentDurations incident = incident("inc-1");

        assertThat(incident.timeToIdentify()).isEqualTo(600);
        assertThat(incident.timeToMitigate()).isEqualTo(600);
    }

    @Test
    void detectionBeforeTheStart_isReportedAsGiven_negative() {
        log.declare("inc-1", t("2024-05-02T10:00:00Z"), t("2024-05-02T10:00:00Z"), t("2024-05-02T09:50:00Z"),
                investigating, Impact.minor, Map.of());

        assertThat(incident("inc-1").timeToDetect()).isEqualTo(-600);
    }

    @Test
    void detectionAfterIdentification_isReportedAsGiven_notReordered() {
        log.declare("inc-1", t("2024-05-02T10:00:00Z"), t("2024-05-02T10:00:00Z"), t("2024-05-02T10:20:00Z"),
                identified, Impact.minor, Map.of());

        IncidentDurations incident = incident("inc-1");

        assertThat(incident.timeToDetect()).isEqualTo(1200);
        assertThat(incident.timeToIdentify()).isZero();
    }

    @Test
    void durations_dropTheSubSecondPart() {
        log.declare("inc-1", t("2024-05-02T10:00:01.999Z"), t("2024-05-02T10:00:00Z"),
                t("2024-05-02T10:00:01.999Z"), investigating, Impact.minor, Map.of());

        assertThat(incident("inc-1").timeToDetect()).isEqualTo(1);
    }

    @Test
    void impact_isTheHighestEverForFiltering_besideTheLatest() {
        log.declare("inc-1", t("2024-05-02T10:00:00Z"), investigating, Impact.minor, Map.of());
        log.update("inc-1", t("2024-05-02T10:10:00Z"), null, Impact.critical, Map.of());
        log.update("inc-1", t("2024-05-02T10:20:00Z"), null, Impact.major, Map.of());

        IncidentDurations incident = incident("inc-1");

        assertThat(incident.impact()).isEqualTo(Impact.critical);
        assertThat(incident.latestImpact()).isEqualTo(Impact.major);
    }

    @Test
    void components_areEveryComponentEverNamed_sorted() {
        log.declare("inc-1", t("2024-05-02T10:00:00Z"), investigating, Impact.minor, Map.of("web", partial_outage));
        log.update("inc-1", t("2024-05-02T10:10:00Z"), null, null, Map.of("api", major_outage));
        log.resolve("inc-1", t("2024-05-02T10:20:00Z"), Map.of("db", operational));

        assertThat(incident("inc-1").components()).containsExactly("api", "db", "web");
    }

    @Test
    void retractedIncident_isKept_andMarked() {
        log.declare("inc-1", t("2024-05-02T10:00:00Z"), investigating, Impact.minor, Map.of());
        log.retract("inc-1", t("2024-05-02T10:05:00Z"));

        assertThat(incident("inc-1").retracted()).isTrue();
        assertThat(log.analytics.incidents()).extracting(IncidentDurations::incidentId).containsExactly("inc-1");
    }

    @Test
    void incidents_areListedByStart_whateverTheLogOrder() {
        log.declare("b", t("2024-05-02T10:00:00Z"), investigating, Impact.minor, Map.of());
        log.declareBackfilled("a", t("2024-04-01T10:00:00Z"), t("2024-04-01T11:00:00Z"), t("2024-05-02T11:00:00Z"),
                Impact.minor, Map.of());
        log.declare("c", t("2024-05-02T10:00:00Z"), IncidentStatus.investigating, Impact.minor, Map.of());

        assertThat(log.analytics.incidents()).extracting(IncidentDurations::incidentId)
                .containsExactly("a", "b", "c");
    }
}
