package org.incidentplatform.projection.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.projection.status.StatusSnapshot;
import org.incidentplatform.projection.statuspage.StatuspageV2.Incident;
import org.incidentplatform.projection.statuspage.StatuspageV2.ScheduledMaintenance;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.Test;

/** Mapping rules that need logs other than the representative one. */
class StatuspageDocumentsTests {

    private final StatuspageDocuments documents = new StatuspageDocuments(
            new StatusPageProperties("acme-page", "Acme", URI.create("https://status.acme.test"), "Etc/UTC"));

    @Test
    void pageWithoutEvents_isUpdatedAtAFixedTime_allOperational_andEmpty() {
        StatusSnapshot empty = StatuspageLog.caughtUp(new GivenEvents()).current();

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
        GivenEvents given = new GivenEvents();
        given.catalogue().componentAdded("api", "API", null, 1);
        IntStream.rangeClosed(1, 55).forEach(i -> {
            given.declared("inc-" + i, Impact.minor, Map.of("api", ComponentStatus.degraded_performance))
                    .resolved();
            Instant from = GivenEvents.START.plus(Duration.ofDays(i));
            given.scheduled("mnt-" + i, from, from.plus(Duration.ofHours(1)), Map.of());
        });
        StatusSnapshot snapshot = StatuspageLog.caughtUp(given).current();

        List<Incident> incidents = documents.incidents(snapshot).incidents();
        List<ScheduledMaintenance> maintenances =
                documents.scheduledMaintenances(snapshot).scheduledMaintenances();

        assertThat(incidents).hasSize(50);
        assertThat(incidents.get(0).id()).isEqualTo("inc-55");
        assertThat(incidents.get(49).id()).isEqualTo("inc-6");
        assertThat(maintenances).hasSize(50);
        assertThat(maintenances.get(0).id()).isEqualTo("mnt-55");
        assertThat(maintenances.get(49).id()).isEqualTo("mnt-6");
        assertThat(documents.upcomingMaintenances(snapshot).scheduledMaintenances())
                .as("upcoming: all of them, soonest first")
                .hasSize(55)
                .first()
                .extracting(ScheduledMaintenance::id)
                .isEqualTo("mnt-1");
    }

    /**
     * Clients poll {@code page.updated_at} to learn that something changed: a back-filled incident of 2023
     * is a change made now, so the page's time moves forward to when it was recorded, never back to 2023.
     */
    @Test
    void pageUpdatedAt_isTheNewestChange_andABackfilledIncidentMovesItForwardNotBack() {
        GivenEvents given = new GivenEvents();
        given.catalogue().componentAdded("api", "API", null, 1);
        IncidentEvent declared =
                given.declared("inc-now", Impact.minor, Map.of()).event();
        String before =
                documents.status(StatuspageLog.caughtUp(given).current()).page().updatedAt();

        IncidentEvent backfilled = given.backfilled(
                        "inc-2023",
                        Impact.major,
                        Instant.parse("2023-06-01T10:00:00Z"),
                        Instant.parse("2023-06-01T12:00:00Z"),
                        Map.of("api", ComponentStatus.major_outage))
                .event();
        String after =
                documents.status(StatuspageLog.caughtUp(given).current()).page().updatedAt();

        assertThat(before).isEqualTo(StatuspageDocuments.time(declared.getRecordedAt()));
        assertThat(after)
                .isEqualTo(StatuspageDocuments.time(backfilled.getRecordedAt()))
                .isGreaterThan(before);
    }

    /**
     * Statuspage numbers {@code position} from 1 in display order, at the top level (groups and lone
     * components together) and within each group; catalogue events usually carry 0 for every component.
     */
    @Test
    void positions_countFromOneInDisplayOrder_atTheTopLevelAndWithinEachGroup() {
        GivenEvents given = new GivenEvents();
        given.catalogue()
                .groupAdded("core", "Core", 0)
                .componentAdded("web-app", "Web Application", "core", 0)
                .componentAdded("api", "API", "core", 0)
                .componentAdded("docs", "Documentation", null, 0)
                .componentAdded("blog", "Blog", null, 0);

        List<StatuspageV2.Component> components =
                documents.components(StatuspageLog.caughtUp(given).current()).components();

        assertThat(components)
                .extracting(StatuspageV2.Component::id, StatuspageV2.Component::position)
                .containsExactly(
                        tuple("blog", 1), tuple("core", 2), tuple("api", 1), tuple("web-app", 2), tuple("docs", 3));
    }

    @Test
    void timesAreUtc_withMilliseconds_whateverThePrecisionOfTheInstant() {
        assertThat(StatuspageDocuments.time(Instant.parse("2026-03-02T09:00:00Z")))
                .isEqualTo("2026-03-02T09:00:00.000Z");
        assertThat(StatuspageDocuments.time(Instant.parse("2026-03-02T09:00:00.123456Z")))
                .isEqualTo("2026-03-02T09:00:00.123Z");
        assertThat(StatuspageDocuments.time(null)).isNull();
    }
}
