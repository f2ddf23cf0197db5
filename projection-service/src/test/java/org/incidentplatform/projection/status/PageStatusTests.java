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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageStatusTests {

    private final EventLog log = new EventLog();

    @BeforeEach
    void catalogue() {
        log.standardCatalogue();
    }

    private PageIndicator indicator() {
        return log.snapshot().indicator();
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
            "critical, critical, Major System Outage"})
    void unresolvedIncident_setsIndicatorFromItsImpact(Impact impact, PageIndicator expected, String description) {
        log.declare("inc-1", impact, Map.of("web-app", degraded_performance));

        assertThat(indicator()).isEqualTo(expected);
        assertThat(indicator().description()).isEqualTo(description);
    }

    @Test
    void worstImpactOfUnresolvedIncidentsWins_andResolvingItStepsDown() {
        log.declare("inc-1", Impact.minor, Map.of());
        log.declare("inc-2", Impact.critical, Map.of());
        log.declare("inc-3", Impact.major, Map.of());
        assertThat(indicator()).isEqualTo(PageIndicator.critical);

        log.resolve("inc-2", Map.of());
        assertThat(indicator()).isEqualTo(PageIndicator.major);
    }

    @Test
    void updateChangingImpact_movesIndicator_andUpdateWithoutImpactKeepsIt() {
        log.declare("inc-1", Impact.minor, Map.of());
        log.update("inc-1", IncidentStatus.identified, Impact.critical, Map.of());
        assertThat(indicator()).isEqualTo(PageIndicator.critical);

        log.update("inc-1", IncidentStatus.monitoring, null, Map.of());
        assertThat(indicator()).isEqualTo(PageIndicator.critical);
        assertThat(log.snapshot().incident("inc-1").orElseThrow().impact()).isEqualTo(Impact.critical);
    }

    @Test
    void maintenanceInProgress_withoutIncidents_isServiceUnderMaintenance() {
        Instant from = log.now().plus(Duration.ofHours(1));
        log.schedule("mnt-1", from, from.plus(Duration.ofHours(1)), Map.of("api", under_maintenance));
        assertThat(indicator()).as("only scheduled").isEqualTo(PageIndicator.none);

        log.start("mnt-1");
        assertThat(indicator()).isEqualTo(PageIndicator.maintenance);
        assertThat(indicator().description()).isEqualTo("Service Under Maintenance");

        log.complete("mnt-1");
        assertThat(indicator()).isEqualTo(PageIndicator.none);
    }

    @Test
    void incidentDuringMaintenance_outranksTheMaintenance_unlessItHasNoImpact() {
        Instant from = log.now();
        log.schedule("mnt-1", from, from.plus(Duration.ofHours(1)), Map.of("api", under_maintenance));
        log.start("mnt-1");
        log.declare("inc-1", Impact.none, Map.of());
        assertThat(indicator()).isEqualTo(PageIndicator.maintenance);

        log.declare("inc-2", Impact.minor, Map.of("web-app", degraded_performance));
        assertThat(indicator()).isEqualTo(PageIndicator.minor);
    }

    @Test
    void retraction_dropsTheIndicator() {
        log.declare("inc-1", Impact.critical, Map.of("web-app", major_outage));

        log.retract("inc-1");

        assertThat(indicator()).isEqualTo(PageIndicator.none);
    }

    @Test
    void backfilledIncident_leavesIndicatorAlone() {
        Instant now = log.now();
        log.declareBackfilled("inc-old", Impact.critical, now.minus(Duration.ofDays(2)),
                now.minus(Duration.ofDays(2)).plus(Duration.ofHours(1)), Map.of("web-app", major_outage));

        assertThat(indicator()).isEqualTo(PageIndicator.none);
    }
}
