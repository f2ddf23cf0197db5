package org.incidentplatform.projection.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentplatform.events.ComponentStatus.degraded_performance;
import static org.incidentplatform.events.ComponentStatus.major_outage;
import static org.incidentplatform.events.ComponentStatus.under_maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageStatusTests {

    private final StatusProjection projection = new StatusProjection();
    private final GivenEvents given = AppliedEvents.to(projection);

    @BeforeEach
    void catalogue() {
        given.standardCatalogue();
    }

    private PageIndicator indicator() {
        return projection.publish().indicator();
    }

    @Test
    void quietPage_isAllSystemsOperational() {
        assertThat(indicator()).isEqualTo(PageIndicator.none);
        assertThat(indicator().description()).isEqualTo("All Systems Operational");
    }

    @ParameterizedTest
    @CsvSource({
        "none, none, All Systems Operational",
        "minor, minor, Minor Service Outage",
        "major, major, Partial System Outage",
        "critical, critical, Major System Outage"
    })
    void unresolvedIncident_setsIndicatorFromItsImpact(Impact impact, PageIndicator expected, String description) {
        given.declared("inc-1", impact, Map.of("web-app", degraded_performance));

        assertThat(indicator()).isEqualTo(expected);
        assertThat(indicator().description()).isEqualTo(description);
    }

    @Test
    void worstImpactOfUnresolvedIncidentsWins_andResolvingItStepsDown() {
        given.declared("inc-1", Impact.minor, Map.of());
        given.declared("inc-2", Impact.critical, Map.of());
        given.declared("inc-3", Impact.major, Map.of());
        assertThat(indicator()).isEqualTo(PageIndicator.critical);

        given.incident("inc-2").resolved();
        assertThat(indicator()).isEqualTo(PageIndicator.major);
    }

    @Test
    void updateChangingImpact_movesIndicator_andUpdateWithoutImpactKeepsIt() {
        given.declared("inc-1", Impact.minor, Map.of()).updated(IncidentStatus.identified, Impact.critical, Map.of());
        assertThat(indicator()).isEqualTo(PageIndicator.critical);

        given.incident("inc-1").updated(IncidentStatus.monitoring);
        assertThat(indicator()).isEqualTo(PageIndicator.critical);
        assertThat(projection.publish().incident("inc-1").orElseThrow().impact())
                .isEqualTo(Impact.critical);
    }

    @Test
    void maintenanceInProgress_withoutIncidents_isServiceUnderMaintenance() {
        Instant from = given.now().plus(Duration.ofHours(1));
        given.scheduled("mnt-1", from, from.plus(Duration.ofHours(1)), Map.of("api", under_maintenance));
        assertThat(indicator()).as("only scheduled").isEqualTo(PageIndicator.none);

        given.maintenance("mnt-1").started();
        assertThat(indicator()).isEqualTo(PageIndicator.maintenance);
        assertThat(indicator().description()).isEqualTo("Service Under Maintenance");

        given.maintenance("mnt-1").completed();
        assertThat(indicator()).isEqualTo(PageIndicator.none);
    }

    @Test
    void incidentDuringMaintenance_outranksTheMaintenance_unlessItHasNoImpact() {
        Instant from = given.now();
        given.scheduled("mnt-1", from, from.plus(Duration.ofHours(1)), Map.of("api", under_maintenance))
                .started();
        given.declared("inc-1", Impact.none, Map.of());
        assertThat(indicator()).isEqualTo(PageIndicator.maintenance);

        given.declared("inc-2", Impact.minor, Map.of("web-app", degraded_performance));
        assertThat(indicator()).isEqualTo(PageIndicator.minor);
    }

    @Test
    void retraction_dropsTheIndicator() {
        given.declared("inc-1", Impact.critical, Map.of("web-app", major_outage));

        given.incident("inc-1").retracted();

        assertThat(indicator()).isEqualTo(PageIndicator.none);
    }

    @Test
    void backfilledIncident_leavesIndicatorAlone() {
        Instant now = given.now();
        given.backfilled(
                "inc-old",
                Impact.critical,
                now.minus(Duration.ofDays(2)),
                now.minus(Duration.ofDays(2)).plus(Duration.ofHours(1)),
                Map.of("web-app", major_outage));

        assertThat(indicator()).isEqualTo(PageIndicator.none);
    }
}
