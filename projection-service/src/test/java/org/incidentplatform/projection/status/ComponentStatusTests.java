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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ComponentStatusTests {

    private final EventLog log = new EventLog();

    @BeforeEach
    void catalogue() {
        log.standardCatalogue();
    }

    private ComponentStatus statusOf(String componentId) {
        return log.snapshot().component(componentId).orElseThrow().status();
    }

    @Test
    void component_isOperational_whenNothingSaysOtherwise() {
        assertThat(log.snapshot().components()).extracting(StatusSnapshot.Component::status)
                .containsOnly(operational);
    }

    @Test
    void overlappingIncidents_worstStatusWins_whicheverCameFirst() {
        log.declare("inc-1", Impact.major, Map.of("web-app", major_outage));
        log.declare("inc-2", Impact.minor, Map.of("web-app", degraded_performance, "api", partial_outage));

        assertThat(statusOf("web-app")).isEqualTo(major_outage);
        assertThat(statusOf("api")).isEqualTo(partial_outage);
        assertThat(statusOf("docs")).isEqualTo(operational);
    }

    @Test
    void resolvingOneOfTwoIncidents_returnsComponentToTheOthersStatus() {
        log.declare("inc-1", Impact.major, Map.of("web-app", major_outage));
        log.declare("inc-2", Impact.minor, Map.of("web-app", degraded_performance));

        log.resolve("inc-1", Map.of("web-app", operational));
        assertThat(statusOf("web-app")).isEqualTo(degraded_performance);

        log.resolve("inc-2", Map.of());
        assertThat(statusOf("web-app")).isEqualTo(operational);
    }

    @Test
    void incidentImprovingItsComponent_letsAnotherIncidentsWorseStatusShow() {
        log.declare("inc-1", Impact.major, Map.of("web-app", major_outage));
        log.declare("inc-2", Impact.minor, Map.of("web-app", partial_outage));

        log.update("inc-1", IncidentStatus.monitoring, null, Map.of("web-app", degraded_performance));

        assertThat(statusOf("web-app")).isEqualTo(partial_outage);
    }

    @Test
    void resolution_returnsComponentsItDoesNotName_too() {
        log.declare("inc-1", Impact.major, Map.of("web-app", major_outage, "api", degraded_performance));

        log.resolve("inc-1", Map.of("web-app", operational));

        assertThat(statusOf("web-app")).isEqualTo(operational);
        assertThat(statusOf("api")).isEqualTo(operational);
    }

    @Test
    void resolvedIncident_imposesNothing_evenIfItsResolutionNamesAProblemStatus() {
        log.declare("inc-1", Impact.major, Map.of("web-app", major_outage));

        log.resolve("inc-1", Map.of("web-app", degraded_performance));

        assertThat(statusOf("web-app")).isEqualTo(operational);
    }

    @Test
    void maintenance_putsComponentsUnderMaintenance_onlyWhileInProgressOrVerifying() {
        Instant from = log.now().plus(Duration.ofHours(1));
        log.schedule("mnt-1", from, from.plus(Duration.ofHours(2)), Map.of("api", under_maintenance));
        assertThat(statusOf("api")).as("scheduled").isEqualTo(operational);

        log.start("mnt-1");
        assertThat(statusOf("api")).as("in progress").isEqualTo(under_maintenance);

        log.verify("mnt-1");
        assertThat(statusOf("api")).as("verifying").isEqualTo(under_maintenance);

        log.complete("mnt-1");
        assertThat(statusOf("api")).as("completed").isEqualTo(operational);
    }

    @Test
    void outageDuringMaintenance_showsTheOutage() {
        Instant from = log.now();
        log.schedule("mnt-1", from, from.plus(Duration.ofHours(2)), Map.of("api", under_maintenance));
        log.start("mnt-1");

        log.declare("inc-1", Impact.minor, Map.of("api", degraded_performance));

        assertThat(statusOf("api")).isEqualTo(degraded_performance);
    }

    @Test
    void maintenanceStartingDuringAnOutage_doesNotHideTheOutage() {
        log.declare("inc-1", Impact.major, Map.of("api", partial_outage));
        Instant from = log.now();
        log.schedule("mnt-1", from, from.plus(Duration.ofHours(2)), Map.of("api", under_maintenance));

        log.start("mnt-1");

        assertThat(statusOf("api")).isEqualTo(partial_outage);
    }

    @Test
    void completingMaintenance_leavesTheIncidentsStatus() {
        Instant from = log.now();
        log.schedule("mnt-1", from, from.plus(Duration.ofHours(2)),
                Map.of("api", under_maintenance, "web-app", under_maintenance));
        log.start("mnt-1");
        log.declare("inc-1", Impact.minor, Map.of("api", degraded_performance));

        log.complete("mnt-1");

        assertThat(statusOf("api")).isEqualTo(degraded_performance);
        assertThat(statusOf("web-app")).isEqualTo(operational);
    }

    @Test
    void resolvingAnIncidentDuringMaintenance_returnsComponentToUnderMaintenance() {
        Instant from = log.now();
        log.schedule("mnt-1", from, from.plus(Duration.ofHours(2)), Map.of("api", under_maintenance));
        log.start("mnt-1");
        log.declare("inc-1", Impact.minor, Map.of("api", major_outage));

        log.resolve("inc-1", Map.of("api", operational));

        assertThat(statusOf("api")).isEqualTo(under_maintenance);
    }

    @Test
    void cancellingMaintenanceInProgress_releasesItsComponents() {
        Instant from = log.now();
        log.schedule("mnt-1", from, from.plus(Duration.ofHours(2)), Map.of("api", under_maintenance));
        log.start("mnt-1");

        log.cancel("mnt-1");

        assertThat(statusOf("api")).isEqualTo(operational);
    }

    @Test
    void group_takesTheWorstStatusOfItsComponents() {
        log.declare("inc-1", Impact.minor, Map.of("web-app", degraded_performance));
        log.declare("inc-2", Impact.major, Map.of("api", partial_outage, "docs", major_outage));

        StatusSnapshot.Group core = log.snapshot().groups().get(0);

        assertThat(core.id()).isEqualTo("core");
        assertThat(core.status()).as("docs is not in core").isEqualTo(partial_outage);
    }

    @Test
    void componentUpdatedAt_isTheTimeItsStatusLastChanged() {
        Instant added = log.snapshot().component("web-app").orElseThrow().updatedAt();
        IncidentEvent declared = log.declare("inc-1", Impact.minor, Map.of("web-app", degraded_performance));
        log.update("inc-1", IncidentStatus.identified, null, Map.of());

        StatusSnapshot.Component webApp = log.snapshot().component("web-app").orElseThrow();

        assertThat(webApp.updatedAt()).isEqualTo(declared.getOccurredAt()).isAfter(added);
        assertThat(webApp.createdAt()).isEqualTo(added);
        assertThat(log.snapshot().component("api").orElseThrow().updatedAt()).isEqualTo(
                log.snapshot().component("api").orElseThrow().createdAt());
    }

    @Test
    void maintenance_ranksBelowEveryRealProblem() {
        assertThat(ComponentStatuses.worst(List.of(under_maintenance, degraded_performance)))
                .isEqualTo(degraded_performance);
        assertThat(ComponentStatuses.worst(List.of(major_outage, under_maintenance))).isEqualTo(major_outage);
        assertThat(ComponentStatuses.worst(List.of(operational, under_maintenance))).isEqualTo(under_maintenance);
        assertThat(ComponentStatuses.worst(List.of(partial_outage, degraded_performance)))
                .isEqualTo(partial_outage);
    }
}
