package org.incidentplatform.projection.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.projection.analytics.UptimeReport;
import org.incidentplatform.projection.live.LiveStatus;
import org.incidentplatform.projection.statuspage.StatuspageV2.Component;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.Test;

/**
 * Where a component's uptime starts (README, "uptime"): the earlier of its creation and the first incident
 * that names it, so a back-filled outage from before the component was added still counts; the bars (the
 * analytics' uptime) and Statuspage's {@code start_date} start on the same day.
 */
class UptimeStartTests {

    /** The log starts on 2 March 2026 at 09:00; api is added at 09:01 and the page is read at 12:00. */
    static final LocalDate CREATED = LocalDate.parse("2026-03-02");

    static final Instant NOW = StatuspageLog.CONFIRMED_CURRENT_AT;

    private final StatuspageDocuments documents = new StatuspageDocuments(
            new StatusPageProperties("acme-page", "Acme", URI.create("https://status.acme.test"), "Etc/UTC"));
    private final GivenEvents given = new GivenEvents();

    @Test
    void nothingNamingItEarlier_countsFromItsCreation() {
        given.catalogue().componentAdded("api", "API", null, 1);
        given.declared("inc-1", Impact.minor, Map.of("api", ComponentStatus.partial_outage));

        LiveStatus live = StatuspageLog.caughtUp(given);

        assertThat(startDate(live, "api")).isEqualTo("2026-03-02");
        UptimeReport uptime = uptime(live, CREATED.minusDays(3));
        assertThat(uptime.days().subList(0, 3))
                .as("before api existed: no data, not green")
                .allMatch(day -> day.observedMinutes() == 0 && day.worstStatus() == null);
        assertThat(uptime.days().get(3).observedMinutes()).as("09:01 to 12:00").isEqualTo(179.0);
    }

    /** The end-to-end case: api added today, an outage of api written up after the fact from ten days ago. */
    @Test
    void aBackfilledIncidentNamingItBeforeItsCreation_startsItWhenThatIncidentsImpactBegan() {
        given.catalogue().componentAdded("api", "API", null, 1);
        given.backfilled(
                "inc-old",
                Impact.major,
                Instant.parse("2026-02-20T10:00:00Z"),
                Instant.parse("2026-02-20T12:00:00Z"),
                Map.of("api", ComponentStatus.major_outage));

        LiveStatus live = StatuspageLog.caughtUp(given);

        assertThat(startDate(live, "api")).isEqualTo("2026-02-20");
        assertThat(component(live, "api").createdAt())
                .as("created_at stays the creation")
                .isEqualTo("2026-03-02T09:01:00.000Z");
        UptimeReport uptime = uptime(live, LocalDate.parse("2026-02-19"));
        assertThat(uptime.days().get(0).observedMinutes()).isZero();
        UptimeReport.Day outage = uptime.days().get(1);
        assertThat(outage.observedMinutes()).as("from 10:00").isEqualTo(840.0);
        assertThat(outage.majorMinutes()).isEqualTo(120.0);
        assertThat(outage.incidents()).containsExactly("inc-old");
        assertThat(uptime.days().get(2).worstStatus())
                .as("the day after: up, not unknown")
                .isEqualTo(ComponentStatus.operational);
        assertStartsWhereStartDateSays(live, "api");
    }

    @Test
    void anIncidentNamingItOperational_countsFromThenToo() {
        given.catalogue().componentAdded("api", "API", null, 1);
        given.backfilled(
                "inc-checked",
                Impact.major,
                Instant.parse("2026-02-25T18:00:00Z"),
                Instant.parse("2026-02-25T19:00:00Z"),
                Map.of("api", ComponentStatus.operational));

        LiveStatus live = StatuspageLog.caughtUp(given);

        assertThat(startDate(live, "api")).isEqualTo("2026-02-25");
        assertThat(uptime(live, LocalDate.parse("2026-02-25")).days().get(0).observedMinutes())
                .isEqualTo(360.0);
        assertStartsWhereStartDateSays(live, "api");
    }

    @Test
    void laterIncidents_andOtherComponentsIncidents_doNotMoveItsStart() {
        given.catalogue().componentAdded("api", "API", null, 1).componentAdded("docs", "Docs", null, 2);
        given.backfilled(
                "inc-docs",
                Impact.major,
                Instant.parse("2026-02-10T10:00:00Z"),
                Instant.parse("2026-02-10T11:00:00Z"),
                Map.of("docs", ComponentStatus.major_outage));
        given.declared("inc-api", Impact.major, Map.of("api", ComponentStatus.major_outage));

        LiveStatus live = StatuspageLog.caughtUp(given);

        assertThat(startDate(live, "api")).isEqualTo("2026-03-02");
        assertThat(startDate(live, "docs")).isEqualTo("2026-02-10");
        assertStartsWhereStartDateSays(live, "api");
        assertStartsWhereStartDateSays(live, "docs");
    }

    private Component component(LiveStatus live, String id) {
        return documents.components(live.current()).components().stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private String startDate(LiveStatus live, String id) {
        return component(live, id).startDate();
    }

    /** api's uptime from {@code from} to its creation day. */
    private static UptimeReport uptime(LiveStatus live, LocalDate from) {
        return live.analytics().uptime("api", from, CREATED, NOW);
    }

    /** The first day the bars observe anything is start_date's day, over the 90 days the page shows. */
    private void assertStartsWhereStartDateSays(LiveStatus live, String id) {
        UptimeReport bars = live.analytics().uptime(id, CREATED.minusDays(89), CREATED, NOW);
        LocalDate firstObserved = bars.days().stream()
                .filter(day -> day.observedMinutes() > 0)
                .findFirst()
                .orElseThrow()
                .date();
        assertThat(firstObserved.toString()).as(id).isEqualTo(startDate(live, id));
        assertThat(LocalDate.ofInstant(
                        live.current().component(id).orElseThrow().uptimeFrom(), ZoneOffset.UTC))
                .isEqualTo(firstObserved);
    }
}
