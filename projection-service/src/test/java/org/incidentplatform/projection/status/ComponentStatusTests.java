package org.incidentplatform.projection.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentplatform.events.ComponentStatus.degraded_performance;
import static org.incidentplatform.events.ComponentStatus.major_outage;
import static org.incidentplatform.events.ComponentStatus.operational;
import static org.incidentplatform.events.ComponentStatus.partial_outage;
import static org.incidentplatform.events.ComponentStatus.under_maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ComponentStatusTests {

    private final StatusProjection projection = new StatusProjection();
    private final GivenEvents given = AppliedEvents.to(projection);

    @BeforeEach
    void catalogue() {
        given.standardCatalogue();
    }

    private ComponentStatus statusOf(String componentId) {
        return projection.publish().component(componentId).orElseThrow().status();
    }

    @Test
    void component_isOperational_whenNothingSaysOtherwise() {
        assertThat(projection.publish().components())
                .extracting(StatusSnapshot.Component::status)
                .containsOnly(operational);
    }

    @Test
    void overlappingIncidents_worstStatusWins_whicheverCameFirst() {
        given.declared("inc-1", Impact.major, Map.of("web-app", major_outage));
        given.declared("inc-2", Impact.minor, Map.of("web-app", degraded_performance, "api", partial_outage));

        assertThat(statusOf("web-app")).isEqualTo(major_outage);
        assertThat(statusOf("api")).isEqualTo(partial_outage);
        assertThat(statusOf("docs")).isEqualTo(operational);
    }

    @Test
    void resolvingOneOfTwoIncidents_returnsComponentToTheOthersStatus() {
        given.declared("inc-1", Impact.major, Map.of("web-app", major_outage));
        given.declared("inc-2", Impact.minor, Map.of("web-app", degraded_performance));

        given.incident("inc-1").resolved(Map.of("web-app", operational));
        assertThat(statusOf("web-app")).isEqualTo(degraded_performance);

        given.incident("inc-2").resolved();
        assertThat(statusOf("web-app")).isEqualTo(operational);
    }

    @Test
    void incidentImprovingItsComponent_letsAnotherIncidentsWorseStatusShow() {
        given.declared("inc-1", Impact.major, Map.of("web-app", major_outage));
        given.declared("inc-2", Impact.minor, Map.of("web-app", partial_outage));

        given.incident("inc-1").updated(IncidentStatus.monitoring, Map.of("web-app", degraded_performance));

        assertThat(statusOf("web-app")).isEqualTo(partial_outage);
    }

    @Test
    void resolution_returnsComponentsItDoesNotName_too() {
        given.declared("inc-1", Impact.major, Map.of("web-app", major_outage, "api", degraded_performance));

        given.incident("inc-1").resolved(Map.of("web-app", operational));

        assertThat(statusOf("web-app")).isEqualTo(operational);
        assertThat(statusOf("api")).isEqualTo(operational);
    }

    @Test
    void resolvedIncident_imposesNothing_evenIfItsResolutionNamesAProblemStatus() {
        given.declared("inc-1", Impact.major, Map.of("web-app", major_outage));

        given.incident("inc-1").resolved(Map.of("web-app", degraded_performance));

        assertThat(statusOf("web-app")).isEqualTo(operational);
    }

    @Test
    void maintenance_putsComponentsUnderMaintenance_onlyWhileInProgressOrVerifying() {
        Instant from = given.now().plus(Duration.ofHours(1));
        given.scheduled("mnt-1", from, from.plus(Duration.ofHours(2)), Map.of("api", under_maintenance));
        assertThat(statusOf("api")).as("scheduled").isEqualTo(operational);

        given.maintenance("mnt-1").started();
        assertThat(statusOf("api")).as("in progress").isEqualTo(under_maintenance);

        given.maintenance("mnt-1").verifying();
        assertThat(statusOf("api")).as("verifying").isEqualTo(under_maintenance);

        given.maintenance("mnt-1").completed();
        assertThat(statusOf("api")).as("completed").isEqualTo(operational);
    }

    @Test
    void outageDuringMaintenance_showsTheOutage() {
        Instant from = given.now();
        given.scheduled("mnt-1", from, from.plus(Duration.ofHours(2)), Map.of("api", under_maintenance))
                .started();

        given.declared("inc-1", Impact.minor, Map.of("api", degraded_performance));

        assertThat(statusOf("api")).isEqualTo(degraded_performance);
    }

    @Test
    void maintenanceStartingDuringAnOutage_doesNotHideTheOutage() {
        given.declared("inc-1", Impact.major, Map.of("api", partial_outage));
        Instant from = given.now();
        given.scheduled("mnt-1", from, from.plus(Duration.ofHours(2)), Map.of("api", under_maintenance));

        given.maintenance("mnt-1").started();

        assertThat(statusOf("api")).isEqualTo(partial_outage);
    }

    @Test
    void completingMaintenance_leavesTheIncidentsStatus() {
        Instant from = given.now();
        given.scheduled(
                "mnt-1",
                from,
                from.plus(Duration.ofHours(2)),
                Map.of("api", under_maintenance, "web-app", under_maintenance));
        given.maintenance("mnt-1").started();
        given.declared("inc-1", Impact.minor, Map.of("api", degraded_performance));

        given.maintenance("mnt-1").completed();

        assertThat(statusOf("api")).isEqualTo(degraded_performance);
        assertThat(statusOf("web-app")).isEqualTo(operational);
    }

    @Test
    void resolvingAnIncidentDuringMaintenance_returnsComponentToUnderMaintenance() {
        Instant from = given.now();
        given.scheduled("mnt-1", from, from.plus(Duration.ofHours(2)), Map.of("api", under_maintenance))
                .started();
        given.declared("inc-1", Impact.minor, Map.of("api", major_outage));

        given.incident("inc-1").resolved(Map.of("api", operational));

        assertThat(statusOf("api")).isEqualTo(under_maintenance);
    }

    @Test
    void cancellingMaintenanceInProgress_releasesItsComponents() {
        Instant from = given.now();
        given.scheduled("mnt-1", from, from.plus(Duration.ofHours(2)), Map.of("api", under_maintenance))
                .started();

        given.maintenance("mnt-1").cancelled();

        assertThat(statusOf("api")).isEqualTo(operational);
    }

    @Test
    void group_takesTheWorstStatusOfItsComponents() {
        given.declared("inc-1", Impact.minor, Map.of("web-app", degraded_performance));
        given.declared("inc-2", Impact.major, Map.of("api", partial_outage, "docs", major_outage));

        StatusSnapshot.Group core = projection.publish().groups().get(0);

        assertThat(core.id()).isEqualTo("core");
        assertThat(core.status()).as("docs is not in core").isEqualTo(partial_outage);
    }

    @Test
    void componentUpdatedAt_isTheTimeItsStatusLastChanged() {
        Instant added = projection.publish().component("web-app").orElseThrow().updatedAt();
        IncidentEvent declared = given.declared("inc-1", Impact.minor, Map.of("web-app", degraded_performance))
                .event();
        given.incident("inc-1").updated(IncidentStatus.identified);

        StatusSnapshot.Component webApp =
                projection.publish().component("web-app").orElseThrow();

        assertThat(webApp.updatedAt()).isEqualTo(declared.getOccurredAt()).isAfter(added);
        assertThat(webApp.createdAt()).isEqualTo(added);
        assertThat(projection.publish().component("api").orElseThrow().updatedAt())
                .isEqualTo(projection.publish().component("api").orElseThrow().createdAt());
    }

    @Test
    void maintenance_ranksBelowEveryRealProblem() {
        assertThat(ComponentStatuses.worst(List.of(under_maintenance, degraded_performance)))
                .isEqualTo(degraded_performance);
        assertThat(ComponentStatuses.worst(List.of(major_outage, under_maintenance)))
                .isEqualTo(major_outage);
        assertThat(ComponentStatuses.worst(List.of(operational, under_maintenance)))
                .isEqualTo(under_maintenance);
        assertThat(ComponentStatuses.worst(List.of(partial_outage, degraded_performance)))
                .isEqualTo(partial_outage);
    }
}
