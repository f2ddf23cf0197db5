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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncidentTimelineTests {

    private final EventLog log = new EventLog();

    @BeforeEach
    void catalogue() {
        log.standardCatalogue();
    }

    private Incident incident(String id) {
        return log.snapshot().incident(id).orElseThrow();
    }

    @Test
    void incident_carriesItsTimesAndStatusThroughItsLife() {
        IncidentEvent declared = log.declare("inc-1", Impact.major, Map.of("web-app", partial_outage));
        IncidentEvent identified = log.update("inc-1", IncidentStatus.identified, null, Map.of());
        IncidentEvent monitoring = log.update("inc-1", IncidentStatus.monitoring, null, Map.of());
        Incident underWay = incident("inc-1");
        assertThat(underWay.status()).isEqualTo(IncidentStatus.monitoring);
        assertThat(underWay.resolvedAt()).isNull();
        assertThat(underWay.resolved()).isFalse();

        IncidentEvent resolved = log.resolve("inc-1", Map.of());

        Incident incident = incident("inc-1");
        assertThat(incident.name()).isEqualTo("Trouble inc-1");
        assertThat(incident.status()).isEqualTo(IncidentStatus.resolved);
        assertThat(incident.createdAt()).isEqualTo(declared.getOccurredAt());
        assertThat(incident.startedAt()).isEqualTo(declared.getOccurredAt());
        assertThat(incident.monitoringAt()).isEqualTo(monitoring.getOccurredAt()).isAfter(identified.getOccurredAt());
        assertThat(incident.resolvedAt()).isEqualTo(resolved.getOccurredAt());
        assertThat(incident.updatedAt()).isEqualTo(resolved.getOccurredAt());
        assertThat(incident.version()).isEqualTo(4);
        assertThat(incident.componentIds()).containsExactly("web-app");
    }

    @Test
    void updates_areNewestFirst_withStatusAfterEach_messageTimeAndVersion() {
        IncidentEvent declared = log.declare("inc-1", Impact.minor, Map.of());
        IncidentEvent noStatus = log.update("inc-1", null, null, Map.of());
        IncidentEvent identified = log.update("inc-1", IncidentStatus.identified, null, Map.of());

        assertThat(incident("inc-1").updates())
                .extracting(Update::id, Update::status, Update::body, Update::createdAt, Update::version)
                .containsExactly(
                        tuple(identified.getEventId().toString(), IncidentStatus.identified,
                                "Update 3 on inc-1", identified.getOccurredAt(), 3L),
                        tuple(noStatus.getEventId().toString(), IncidentStatus.investigating,
                                "Update 2 on inc-1", noStatus.getOccurredAt(), 2L),
                        tuple(declared.getEventId().toString(), IncidentStatus.investigating,
                                "We are investigating inc-1", declared.getOccurredAt(), 1L));
    }

    @Test
    void affectedComponents_showWhatThisIncidentHadSetBefore_andWhatItSetsNow() {
        log.declare("inc-other", Impact.major, Map.of("api", major_outage));
        log.declare("inc-1", Impact.minor, Map.of("web-app", degraded_performance));
        log.update("inc-1", null, Impact.major, Map.of("web-app", partial_outage, "api", degraded_performance));
        log.resolve("inc-1", Map.of("web-app", operational));

        var updates = incident("inc-1").updates();

        assertThat(updates.get(2).affectedComponents()).containsExactly(
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
        log.declare("inc-1", Impact.major, Map.of("web-app", major_outage));
        log.update("inc-1", IncidentStatus.monitoring, null, Map.of("web-app", degraded_performance));
        Instant monitoringAt = incident("inc-1").monitoringAt();
        log.resolve("inc-1", Map.of("web-app", operational));
        assertThat(log.snapshot().component("web-app").orElseThrow().status()).isEqualTo(operational);

        IncidentEvent reopened = log.reopen("inc-1", IncidentStatus.investigating, Map.of("web-app", partial_outage));

        Incident incident = incident("inc-1");
        assertThat(incident.resolvedAt()).isNull();
        assertThat(incident.resolved()).isFalse();
        assertThat(incident.status()).isEqualTo(IncidentStatus.investigating);
        assertThat(incident.monitoringAt()).as("the first time, kept").isEqualTo(monitoringAt);
        assertThat(incident.updates().get(0).affectedComponents()).containsExactly(
                new AffectedComponent("web-app", "Web Application", operational, partial_outage));
        assertThat(log.snapshot().component("web-app").orElseThrow().status()).isEqualTo(partial_outage);
        assertThat(log.snapshot().unresolvedIncidents()).extracting(Incident::id).containsExactly("inc-1");
        assertThat(log.snapshot().indicator()).isEqualTo(PageIndicator.major);

        IncidentEvent resolvedAgain = log.resolve("inc-1", Map.of());
        assertThat(incident("inc-1").resolvedAt()).isEqualTo(resolvedAgain.getOccurredAt())
                .isAfter(reopened.getOccurredAt());
    }

    @Test
    void reopen_reimposesWhatTheResolutionKept_plusWhatTheReopenNames() {
        log.declare("inc-1", Impact.major, Map.of("web-app", major_outage, "api", major_outage));
        log.resolve("inc-1", Map.of("web-app", degraded_performance));

        log.reopen("inc-1", IncidentStatus.identified, Map.of("docs", partial_outage));

        StatusSnapshot snapshot = log.snapshot();
        assertThat(snapshot.component("web-app").orElseThrow().status()).isEqualTo(degraded_performance);
        assertThat(snapshot.component("docs").orElseThrow().status()).isEqualTo(partial_outage);
        assertThat(snapshot.component("api").orElseThrow().status()).as("released by the resolution")
                .isEqualTo(operational);
    }

    @Test
    void retractedIncident_vanishesFromEveryPublicList_butStaysQueryable() {
        log.declare("inc-keep", Impact.minor, Map.of());
        log.declare("inc-1", Impact.critical, Map.of("web-app", major_outage, "api", partial_outage));

        log.retract("inc-1");

        StatusSnapshot snapshot = log.snapshot();
        assertThat(snapshot.incidents()).extracting(Incident::id).containsExactly("inc-keep");
        assertThat(snapshot.unresolvedIncidents()).extracting(Incident::id).containsExactly("inc-keep");
        assertThat(snapshot.resolvedIncidents()).isEmpty();
        assertThat(snapshot.pastIncidents(LocalDate.of(2026, 3, 2), 3))
                .flatExtracting(StatusSnapshot.IncidentDay::incidents).extracting(Incident::id)
                .containsExactly("inc-keep");
        assertThat(snapshot.components()).extracting(StatusSnapshot.Component::status).containsOnly(operational);
        assertThat(snapshot.indicator()).isEqualTo(PageIndicator.minor);
        Incident retracted = snapshot.incident("inc-1").orElseThrow();
        assertThat(retracted.retracted()).isTrue();
        assertThat(retracted.updates()).as("the retraction is no public update").hasSize(1);
    }

    @Test
    void backfilledIncident_isHistoryOnly_withItsDeclaredTimes() {
        Instant startedAt = Instant.parse("2026-02-20T14:00:00Z");
        Instant endedAt = Instant.parse("2026-02-20T15:30:00Z");
        log.declareBackfilled("inc-old", Impact.major, startedAt, endedAt, Map.of("web-app", major_outage));

        StatusSnapshot snapshot = log.snapshot();
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
                .extracting(Incident::id).containsExactly("inc-old");
    }

    @Test
    void postmortem_followsResolution_andKeepsItResolved() {
        log.declare("inc-1", Impact.major, Map.of());
        IncidentEvent resolved = log.resolve("inc-1", Map.of());

        IncidentEvent published = log.after(Duration.ofDays(2)).postmortem("inc-1");

        Incident incident = incident("inc-1");
        assertThat(incident.status()).isEqualTo(IncidentStatus.postmortem);
        assertThat(incident.resolved()).isTrue();
        assertThat(incident.resolvedAt()).isEqualTo(resolved.getOccurredAt());
        assertThat(incident.postmortem()).isEqualTo(new StatusSnapshot.Postmortem("## What happened",
                "A bad deploy", List.of("No canary"), published.getOccurredAt()));
        assertThat(log.snapshot().resolvedIncidents()).extracting(Incident::id).containsExactly("inc-1");
    }
}
