package org.incidentplatform.projection.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentplatform.events.ComponentStatus.major_outage;
import static org.incidentplatform.events.ComponentStatus.operational;
import static org.incidentplatform.events.ComponentStatus.partial_outage;
import static org.incidentplatform.events.IncidentStatus.identified;
import static org.incidentplatform.events.IncidentStatus.investigating;
import static org.incidentplatform.events.IncidentStatus.monitoring;
import static org.incidentplatform.projection.analytics.Times.t;
import static org.incidentplatform.schemas.given.GivenEvents.declaration;

import java.util.Map;
import org.incidentplatform.events.Impact;
import org.incidentplatform.projection.analytics.MttrQuery.GroupBy;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.Test;

class IncidentDurationsTests {

    private final Analytics analytics = new Analytics();
    private final GivenEvents given = AppliedEvents.to(analytics);

    private IncidentDurations incident(String id) {
        return analytics.incident(id).orElseThrow();
    }

    @Test
    void timesPostedWithOffsetsAcrossTheDstChange_giveExactSeconds() {
        given.at(t("2024-03-10T01:50:00-05:00"))
                .declared("inc-1", declaration(Impact.major, Map.of()).startedAt(t("2024-03-10T01:40:00-05:00")))
                .at(t("2024-03-10T03:05:00-04:00"))
                .updated(identified)
                .at(t("2024-03-10T03:30:00-04:00"))
                .updated(monitoring)
                .at(t("2024-03-10T04:10:00-04:00"))
                .resolved();

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
        given.at(t("2024-05-02T10:00:00Z"))
                .declared("inc-1", Impact.minor, Map.of())
                .at(t("2024-05-02T10:30:00Z"))
                .resolved();
        assertThat(incident("inc-1").timeToResolve()).isEqualTo(1800);

        given.at(t("2024-05-02T11:00:00Z")).incident("inc-1").reopened(investigating, Map.of());
        assertThat(incident("inc-1").open()).isTrue();
        assertThat(incident("inc-1").timeToResolve()).isNull();
        assertThat(incident("inc-1").lastResolvedAt()).isNull();

        given.at(t("2024-05-02T11:45:00Z")).incident("inc-1").resolved();
        assertThat(incident("inc-1").open()).isFalse();
        assertThat(incident("inc-1").timeToResolve()).isEqualTo(6300);
    }

    @Test
    void statusReachedAtDeclaration_countsAtTheDeclaration() {
        given.at(t("2024-05-02T12:00:00Z"))
                .declared("inc-1", declaration(Impact.minor, Map.of()).in(identified))
                .at(t("2024-05-02T12:20:00Z"))
                .resolved();

        IncidentDurations incident = incident("inc-1");

        assertThat(incident.timeToIdentify()).isZero();
        assertThat(incident.timeToMitigate()).isEqualTo(1200);
        assertThat(incident.timeToResolve()).isEqualTo(1200);
    }

    @Test
    void backfilledIncidentAppendedAMonthLater_resolvesInTwoHours_andCountsInTheMonthItStarted() {
        given.at(t("2024-02-10T09:00:00Z"))
                .declared("live", Impact.minor, Map.of())
                .at(t("2024-02-10T09:10:00Z"))
                .resolved();
        given.at(t("2024-03-01T09:00:00Z"))
                .backfilled(
                        "late",
                        Impact.major,
                        t("2024-01-31T23:30:00Z"),
                        t("2024-02-01T01:30:00Z"),
                        Map.of("api", major_outage));

        IncidentDurations late = incident("late");
        assertThat(late.timeToResolve()).isEqualTo(7200);
        assertThat(late.backfilled()).isTrue();
        assertThat(late.open()).isFalse();

        MttrReport byMonth = analytics.mttr(MttrQuery.all().groupedBy(GroupBy.MONTH));
        assertThat(byMonth.groups()).extracting(MttrReport.Group::key).containsExactly("2024-01", "2024-02");
        assertThat(byMonth.groups().get(0).resolve().max()).isEqualTo(7200.0);
        assertThat(byMonth.groups().get(1).resolve().max()).isEqualTo(600.0);
    }

    @Test
    void milestonesNeverReached_areNull_andTheIncidentIsOpen() {
        given.at(t("2024-05-02T10:00:00Z"))
                .declared(
                        "inc-1",
                        declaration(Impact.minor, Map.of())
                                .startedAt(t("2024-05-02T09:45:00Z"))
                                .detectedAt(t("2024-05-02T09:55:00Z")));

        IncidentDurations incident = incident("inc-1");

        assertThat(incident.timeToDetect()).isEqualTo(600);
        assertThat(incident.timeToIdentify()).isNull();
        assertThat(incident.timeToMitigate()).isNull();
        assertThat(incident.timeToResolve()).isNull();
        assertThat(incident.open()).isTrue();
    }

    @Test
    void skippingStraightToMonitoring_identifiesAtTheSameMoment() {
        given.at(t("2024-05-02T10:00:00Z"))
                .declared("inc-1", Impact.minor, Map.of())
                .at(t("2024-05-02T10:40:00Z"))
                .updated(monitoring)
                .at(t("2024-05-02T10:50:00Z"))
                .updated(identified);

        IncidentDurations incident = incident("inc-1");

        assertThat(incident.timeToIdentify()).isEqualTo(2400);
        assertThat(incident.timeToMitigate()).isEqualTo(2400);
    }

    @Test
    void updateWithoutStatus_changesNoMilestone() {
        given.at(t("2024-05-02T10:00:00Z"))
                .declared("inc-1", Impact.minor, Map.of())
                .at(t("2024-05-02T10:20:00Z"))
                .updated(null, Impact.major, Map.of())
                .at(t("2024-05-02T10:30:00Z"))
                .resolved()
                .at(t("2024-05-02T10:40:00Z"))
                .updated(null)
                .at(t("2024-05-03T10:00:00Z"))
                .postmortemPublished();

        IncidentDurations incident = incident("inc-1");

        assertThat(incident.firstIdentifiedAt()).isEqualTo(t("2024-05-02T10:30:00Z"));
        assertThat(incident.timeToResolve()).isEqualTo(1800);
    }

    @Test
    void timesGoingBackwards_firstMilestoneIsTheEarliest_soIdentifyNeverExceedsMitigate() {
        given.at(t("2024-05-02T10:00:00Z"))
                .declared("inc-1", Impact.minor, Map.of())
                .at(t("2024-05-02T10:30:00Z"))
                .updated(identified)
                .at(t("2024-05-02T10:10:00Z"))
                .updated(monitoring);

        IncidentDurations incident = incident("inc-1");

        assertThat(incident.timeToIdentify()).isEqualTo(600);
        assertThat(incident.timeToMitigate()).isEqualTo(600);
    }

    @Test
    void detectionBeforeTheStart_isReportedAsGiven_negative() {
        given.at(t("2024-05-02T10:00:00Z"))
                .declared("inc-1", declaration(Impact.minor, Map.of()).detectedAt(t("2024-05-02T09:50:00Z")));

        assertThat(incident("inc-1").timeToDetect()).isEqualTo(-600);
    }

    @Test
    void detectionAfterIdentification_isReportedAsGiven_notReordered() {
        given.at(t("2024-05-02T10:00:00Z"))
                .declared(
                        "inc-1",
                        declaration(Impact.minor, Map.of())
                                .detectedAt(t("2024-05-02T10:20:00Z"))
                                .in(identified));

        IncidentDurations incident = incident("inc-1");

        assertThat(incident.timeToDetect()).isEqualTo(1200);
        assertThat(incident.timeToIdentify()).isZero();
    }

    @Test
    void durations_dropTheSubSecondPart() {
        given.at(t("2024-05-02T10:00:01.999Z"))
                .declared("inc-1", declaration(Impact.minor, Map.of()).startedAt(t("2024-05-02T10:00:00Z")));

        assertThat(incident("inc-1").timeToDetect()).isEqualTo(1);
    }

    @Test
    void impact_isTheHighestEverForFiltering_besideTheLatest() {
        given.at(t("2024-05-02T10:00:00Z"))
                .declared("inc-1", Impact.minor, Map.of())
                .at(t("2024-05-02T10:10:00Z"))
                .updated(null, Impact.critical, Map.of())
                .at(t("2024-05-02T10:20:00Z"))
                .updated(null, Impact.major, Map.of());

        IncidentDurations incident = incident("inc-1");

        assertThat(incident.impact()).isEqualTo(Impact.critical);
        assertThat(incident.latestImpact()).isEqualTo(Impact.major);
    }

    @Test
    void components_areEveryComponentEverNamed_sorted() {
        given.at(t("2024-05-02T10:00:00Z"))
                .declared("inc-1", Impact.minor, Map.of("web", partial_outage))
                .at(t("2024-05-02T10:10:00Z"))
                .updated(null, Map.of("api", major_outage))
                .at(t("2024-05-02T10:20:00Z"))
                .resolved(Map.of("db", operational));

        assertThat(incident("inc-1").components()).containsExactly("api", "db", "web");
    }

    @Test
    void retractedIncident_isKept_andMarked() {
        given.at(t("2024-05-02T10:00:00Z"))
                .declared("inc-1", Impact.minor, Map.of())
                .at(t("2024-05-02T10:05:00Z"))
                .retracted();

        assertThat(incident("inc-1").retracted()).isTrue();
        assertThat(analytics.incidents())
                .extracting(IncidentDurations::incidentId)
                .containsExactly("inc-1");
    }

    @Test
    void incidents_areListedByStart_whateverTheLogOrder() {
        given.at(t("2024-05-02T10:00:00Z")).declared("b", Impact.minor, Map.of());
        given.at(t("2024-05-02T11:00:00Z"))
                .backfilled("a", Impact.minor, t("2024-04-01T10:00:00Z"), t("2024-04-01T11:00:00Z"), Map.of());
        given.at(t("2024-05-02T10:00:00Z")).declared("c", Impact.minor, Map.of());

        assertThat(analytics.incidents())
                .extracting(IncidentDurations::incidentId)
                .containsExactly("a", "b", "c");
    }
}
