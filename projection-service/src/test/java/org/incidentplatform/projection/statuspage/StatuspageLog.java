package org.incidentplatform.projection.statuspage;

import static org.incidentplatform.events.ComponentStatus.degraded_performance;
import static org.incidentplatform.events.ComponentStatus.major_outage;
import static org.incidentplatform.events.ComponentStatus.partial_outage;
import static org.incidentplatform.events.ComponentStatus.under_maintenance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.projection.live.LiveStatus;
import org.incidentplatform.schemas.given.GivenEvents;

/** The logs the Statuspage API tests read, and the instance under test that has read them. */
final class StatuspageLog {

    /** When the instance under test last confirmed it had the whole log: its X-Data-As-Of. */
    static final Instant CONFIRMED_CURRENT_AT = Instant.parse("2026-03-02T12:00:00Z");

    static final Clock CLOCK = Clock.fixed(CONFIRMED_CURRENT_AT, ZoneOffset.UTC);

    private StatuspageLog() {}

    /**
     * The representative page, one event a minute from 09:01: group Core (Web Application, API),
     * Documentation on its own and a hidden Internal Database; inc-live (major, monitoring; API partial
     * outage, Web Application degraded, the hidden component down), inc-old (minor, resolved), inc-oops
     * (critical, retracted); mnt-next scheduled for API in two days, mnt-now in progress on Documentation.
     */
    static GivenEvents representative() {
        GivenEvents given = new GivenEvents().standardCatalogue();
        given.catalogue().hiddenComponentAdded("internal-db", "Internal Database");
        given.declared("inc-old", Impact.minor, Map.of("docs", degraded_performance))
                .resolved();
        given.declared("inc-live", Impact.major, Map.of("api", partial_outage, "internal-db", major_outage))
                .updated(IncidentStatus.identified, Map.of("web-app", degraded_performance))
                .updated(IncidentStatus.monitoring);
        given.declared("inc-oops", Impact.critical, Map.of("web-app", major_outage))
                .retracted();
        Instant inTwoDays = given.now().plus(Duration.ofDays(2));
        given.scheduled("mnt-next", inTwoDays, inTwoDays.plus(Duration.ofHours(1)), Map.of("api", under_maintenance));
        given.scheduled(
                        "mnt-now",
                        given.now().plus(Duration.ofMinutes(10)),
                        given.now().plus(Duration.ofHours(2)),
                        Map.of("docs", under_maintenance))
                .started();
        return given;
    }

    /** The status after the log, caught up, as of {@link #CONFIRMED_CURRENT_AT}. */
    static LiveStatus caughtUp(GivenEvents given) {
        return LiveStatus.of(CLOCK, given.events());
    }
}
