package org.incidentplatform.projection.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.projection.status.StatusSnapshot;
import org.incidentplatform.projection.statuspage.StatuspageV2.Incident;
import org.incidentplatform.projection.statuspage.StatuspageV2.ScheduledMaintenance;
import org.junit.jupiter.api.Test;

/** Mapping rules that need logs other than the representative one. */
class StatuspageDocumentsTests {

    private final StatuspageDocuments documents = new StatuspageDocuments(new StatusPageProperties("acme-page",
            "Acme", URI.create("https://status.acme.test"), "Etc/UTC"));

    @Test
    void pageWithoutEvents_isUpdatedAtAFixedTime_allOperational_andEmpty() {
        StatusSnapshot empty = new StatusEvents().caughtUp().current();

        StatuspageV2.Summary summary = documents.summary(empty);

        assertThat(summary.page().updatedAt()).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(summary.status().indicator()).isEqualTo("none");
        assertThat(summary.status().description()).isEqualTo("All Systems Operational");
        assertThat(summary.components()).isEmpty();
        assertThat(summary.incidents()).isEmpty();
        assertThat(summary.scheduledMaintenances()).isEmpty();
    }

    @Test
    void incidentsAndMaintenances_areTheFiftyMostRecent() {
        StatusEvents events = new StatusEvents();
        events.component("api", "API", null, 1);
        IntStream.rangeClosed(1, 55).forEach(i -> {
            events.declare("inc-" + i, Impact.minor, Map.of("api", ComponentStatus.degraded_performance));
            events.resolve("inc-" + i);
            Instant from = StatusEvents.START.plus(Duration.ofDays(i));
            events.schedule("mnt-" + i, from, from.plus(Duration.ofHours(1)), Map.of());
        });
        StatusSnapshot snapshot = events.caughtUp().current();

        List<Incident> incidents = documents.incidents(snapshot).incidents();
        List<ScheduledMaintenance> maintenances = documents.scheduledMaintenances(snapshot).scheduledMaintenances();

        assertThat(incidents).hasSize(50);
        assertThat(incidents.get(0).id()).isEqualTo("inc-55");
        assertThat(incidents.get(49).id()).isEqualTo("inc-6");
        assertThat(maintenances).hasSize(50);
        assertThat(maintenances.get(0).id()).isEqualTo("mnt-55");
        assertThat(maintenances.get(49).id()).isEqualTo("mnt-6");
        assertThat(documents.upcomingMaintenances(snapshot).scheduledMaintenances())
                .as("upcoming: all of them, soonest first").hasSize(55)
                .first().extracting(ScheduledMaintenance::id).isEqualTo("mnt-1");
    }

    @Test
    void timesAreUtc_withMilliseconds_whateverThePrecisionOfTheInstant() {
        assertThat(StatuspageDocuments.time(Instant.parse("2026-03-02T09:00:00Z"))).isEqualTo("2026-03-02T09:00:00.000Z");
        assertThat(StatuspageDocuments.time(Instant.parse("2026-03-02T09:00:00.123456Z")))
                .isEqualTo("2026-03-02T09:00:00.123Z");
        assertThat(StatuspageDocuments.time(null)).isNull();
    }
}
