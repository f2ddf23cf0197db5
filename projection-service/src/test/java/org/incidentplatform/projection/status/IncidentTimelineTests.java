package org.incidentplatform.projection.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.incidentplatform.events.ComponentStatus.degraded_performance;
import static org.incidentplatform.events.ComponentStatus.major_outage;
import static org.incidentplatform.events.ComponentStatus.operational;
import static org.incidentplatform.events.ComponentStatus.partial_outage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.projection.status.StatusSnapshot.AffectedComponent;
import org.incidentplatform.projection.status.StatusSnapshot.Incident;
import org.incidentplatform.projection.status.StatusSnapshot.Update;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncidentTimelineTests {

    private final StatusProjection projection = new StatusProjection();
    private final GivenEvents given = AppliedEvents.to(projection);

    @BeforeEach
    void catalogue() {
        given.standardCatalogue();
    }

    private Incident incident(String id) {
        return projection.publish().incident(id).orElseThrow();
    }

    @Test
    void incident_carriesItsTimesAndStatusThroughItsLife() {
        IncidentEvent declared = given.declared("inc-1", Impact.major, Map.of("web-app", partial_outage))
                .event();
        IncidentEvent identified =
                given.incident("inc-1").updated(IncidentStatus.identified).event();
        IncidentEvent monitoring =
                given.incident("inc-1").updated(IncidentStatus.monitoring).event();
        Incident underWay = incident("inc-1");
        assertThat(underWay.status()).isEqualTo(IncidentStatus.monitoring);
        assertThat(underWay.resolvedAt()).isNull();
        assertThat(underWay.resolved()).isFalse();

        IncidentEvent resolved = given.incident("inc-1").resolved().event();

        Incident incident = incident("inc-1");
        assertThat(incident.name()).isEqualTo("Trouble inc-1");
        assertThat(incident.status()).isEqualTo(IncidentStatus.resolved);
        assertThat(incident.createdAt()).isEqualTo(declared.getOccurredAt());
        assertThat(incident.startedAt()).isEqualTo(declared.getOccurredAt());
        assertThat(incident.monitoringAt())
                .isEqualTo(monitoring.getOccurredAt())
                .isAfter(identified.getOccurredAt());
        assertThat(incident.resolvedAt()).isEqualTo(resolved.getOccurredAt());
        assertThat(incident.updatedAt()).isEqualTo(resolved.getOccurredAt());
        assertThat(incident.version()).isEqualTo(4);
        assertThat(incident.componentIds()).containsExactly("web-app");
    }

    @Test
    void updates_areNewestFirst_withStatusAfterEach_messageTimeAndVersion() {
        IncidentEvent declared = given.declared("inc-1", Impact.minor, Map.of()).event();
        IncidentEvent noStatus = given.incident("inc-1").updated(null).event();
        IncidentEvent identified =
                given.incident("inc-1").updated(IncidentStatus.identified).event();

        assertThat(incident("inc-1").updates())
                .extracting(Update::id, Update::status, Update::body, Update::createdAt, Update::version)
                .containsExactly(
                        tuple(
                                identified.getEventId().toString(),
                                IncidentStatus.identified,
                                "Update 3 on inc-1",
                                identified.getOccurredAt(),
                                3L),
                        tuple(
                                noStatus.getEventId().toString(),
                                IncidentStatus.investigating,
                                "Update 2 on inc-1",
                                noStatus.getOccurredAt(),
                                2L),
                        tuple(
                                declared.getEventId().toString(),
                                IncidentStatus.investigating,
                                "We are investigating inc-1",
                                declared.getOccurredAt(),
                                1L));
    }

    @Test
    void affectedComponents_showWhatThisIncidentHadSetBefore_andWhatItSetsNow() {
        given.declared("inc-other", Impact.major, Map.of("api", major_outage));
        given.declared("inc-1", Impact.minor, Map.of("web-app", degraded_performance))
                .updated(null, Impact.major, Map.of("web-app", partial_outage, "api", degraded_performance))
                .resolved(Map.of("web-app", operational));

        var updates = incident("inc-1").updates();

        assertThat(updates.get(2).affectedComponents())
                .containsExactly(
                        new AffectedComponent("web-app", "Web Application", operational, degraded_performance));
        assertThat(updates.get(1).affectedComponents())
                .as("old status is this incident's, not the other incident's major outage on api")
                .containsExactlyInAnyOrder(
                        new AffectedComponent("web-app", "Web Application", degraded_performance, partial_outage),
                        new AffectedComponent("api", "API", operational, degraded_performance));
        assertThat(updates.get(0).affectedComponents())
                .as("the resolution lets go of api without naming it")
                .containsExactlyInAnyOrder(
                        new AffectedComponent("web-app", "Web Application", partial_outage, operational),
                        new AffectedComponent("api", "API", degraded_performance, operational));
    }

    @Test
    void reopen_clearsResolvedAt_bringsStatusBack_andReimposesComponents() {
        given.declared("inc-1", Impact.major, Map.of("web-app", major_outage))
                .updated(IncidentStatus.monitoring, Map.of("web-app", degraded_performance));
        Instant monitoringAt = incident("inc-1").monitoringAt();
        given.incident("inc-1").resolved(Map.of("web-app", operational));
        assertThat(projection.publish().component("web-app").orElseThrow().status())
                .isEqualTo(operational);

        IncidentEvent reopened = given.incident("inc-1")
                .reopened(IncidentStatus.investigating, Map.of("web-app", partial_outage))
                .event();

        Incident incident = incident("inc-1");
        assertThat(incident.resolvedAt()).isNull();
        assertThat(incident.resolved()).isFalse();
        assertThat(incident.status()).isEqualTo(IncidentStatus.investigating);
        assertThat(incident.monitoringAt()).as("the first time, kept").isEqualTo(monitoringAt);
        assertThat(incident.updates().get(0).affectedComponents())
                .containsExactly(new AffectedComponent("web-app", "Web Application", operational, partial_outage));
        assertThat(projection.publish().component("web-app").orElseThrow().status())
                .isEqualTo(partial_outage);
        assertThat(projection.publish().unresolvedIncidents())
                .extracting(Incident::id)
                .containsExactly("inc-1");
        assertThat(projection.publish().indicator()).isEqualTo(PageIndicator.major);

        IncidentEvent resolvedAgain = given.incident("inc-1").resolved().event();
        assertThat(incident("inc-1").resolvedAt())
                .isEqualTo(resolvedAgain.getOccurredAt())
                .isAfter(reopened.getOccurredAt());
    }

    @Test
    void reopen_reimposesWhatTheResolutionKept_plusWhatTheReopenNames() {
        given.declared("inc-1", Impact.major, Map.of("web-app", major_outage, "api", major_outage))
                .resolved(Map.of("web-app", degraded_performance));

        given.incident("inc-1").reopened(IncidentStatus.identified, Map.of("docs", partial_outage));

        StatusSnapshot snapshot = projection.publish();
        assertThat(snapshot.component("web-app").orElseThrow().status()).isEqualTo(degraded_performance);
        assertThat(snapshot.component("docs").orElseThrow().status()).isEqualTo(partial_outage);
        assertThat(snapshot.component("api").orElseThrow().status())
                .as("released by the resolution")
                .isEqualTo(operational);
    }

    @Test
    void retractedIncident_vanishesFromEveryPublicList_butStaysQueryable() {
        given.declared("inc-keep", Impact.minor, Map.of());
        given.declared("inc-1", Impact.critical, Map.of("web-app", major_outage, "api", partial_outage));

        given.incident("inc-1").retracted();

        StatusSnapshot snapshot = projection.publish();
        assertThat(snapshot.incidents()).extracting(Incident::id).containsExactly("inc-keep");
        assertThat(snapshot.unresolvedIncidents()).extracting(Incident::id).containsExactly("inc-keep");
        assertThat(snapshot.resolvedIncidents()).isEmpty();
        assertThat(snapshot.pastIncidents(LocalDate.of(2026, 3, 2), 3))
                .flatExtracting(StatusSnapshot.IncidentDay::incidents)
                .extracting(Incident::id)
                .containsExactly("inc-keep");
        assertThat(snapshot.components())
                .extracting(StatusSnapshot.Component::status)
                .containsOnly(operational);
        assertThat(snapshot.indicator()).isEqualTo(PageIndicator.minor);
        Incident retracted = snapshot.incident("inc-1").orElseThrow();
        assertThat(retracted.retracted()).isTrue();
        assertThat(retracted.updates()).as("the retraction is no public update").hasSize(1);
    }

    @Test
    void backfilledIncident_isHistoryOnly_withItsDeclaredTimes() {
        Instant startedAt = Instant.parse("2026-02-20T14:00:00Z");
        Instant endedAt = Instant.parse("2026-02-20T15:30:00Z");
        given.backfilled("inc-old", Impact.major, startedAt, endedAt, Map.of("web-app", major_outage));

        StatusSnapshot snapshot = projection.publish();
        Incident incident = snapshot.incident("inc-old").orElseThrow();
        assertThat(incident.backfilled()).isTrue();
        assertThat(incident.status()).isEqualTo(IncidentStatus.resolved);
        assertThat(incident.startedAt()).isEqualTo(startedAt);
        assertThat(incident.resolvedAt()).isEqualTo(endedAt);
        assertThat(incident.componentIds()).containsExactly("web-app");
        assertThat(snapshot.unresolvedIncidents()).isEmpty();
        assertThat(snapshot.resolvedIncidents()).extracting(Incident::id).containsExactly("inc-old");
        assertThat(snapshot.component("web-app").orElseThrow().status()).isEqualTo(operational);
        assertThat(snapshot.pastIncidents(LocalDate.of(2026, 2, 20), 1).get(0).incidents())
                .extracting(Incident::id)
                .containsExactly("inc-old");
    }

    @Test
    void postmortem_followsResolution_andKeepsItResolved() {
        given.declared("inc-1", Impact.major, Map.of());
        IncidentEvent resolved = given.incident("inc-1").resolved().event();

        IncidentEvent published = given.after(Duration.ofDays(2))
                .incident("inc-1")
                .postmortemPublished()
                .event();

        Incident incident = incident("inc-1");
        assertThat(incident.status()).isEqualTo(IncidentStatus.postmortem);
        assertThat(incident.resolved()).isTrue();
        assertThat(incident.resolvedAt()).isEqualTo(resolved.getOccurredAt());
        assertThat(incident.postmortem())
                .isEqualTo(new StatusSnapshot.Postmortem(
                        "## What happened", "A bad deploy", List.of("No canary"), published.getOccurredAt()));
        assertThat(projection.publish().resolvedIncidents())
                .extracting(Incident::id)
                .containsExactly("inc-1");
    }
}
