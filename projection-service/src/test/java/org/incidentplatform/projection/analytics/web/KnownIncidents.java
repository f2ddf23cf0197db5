package org.incidentplatform.projection.analytics.web;

import static org.incidentplatform.events.ComponentStatus.degraded_performance;
import static org.incidentplatform.events.ComponentStatus.major_outage;
import static org.incidentplatform.events.ComponentStatus.operational;
import static org.incidentplatform.events.ComponentStatus.partial_outage;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.projection.live.LiveStatus;
import org.incidentplatform.schemas.given.GivenEvents;

/**
 * A small known log for the analytics API, each event at the time given.
 *
 * <ul>
 *   <li>{@code inc-outage} (major) on api: partial outage 2024-03-05 10:00Z, identified with major outage
 *       11:00Z, monitoring 11:15Z, resolved (api operational) 11:30Z: detect 0, identify 3600,
 *       mitigate 4500, resolve 5400 s; that day 60 partial and 30 major minutes, uptime 96.667 %.</li>
 *   <li>{@code inc-reopen} (minor, worked example 2 of ARCHITECTURE.md, Durations): investigating 2024-03-12 10:00Z,
 *       resolved 10:30Z, reopened 11:00Z, resolved 11:45Z: time to resolve 6300 s.</li>
 *   <li>{@code inc-oops} (critical, web-app major outage) 2024-03-07, retracted.</li>
 *   <li>{@code inc-open} (minor, web-app degraded) since 2024-04-02 10:00Z, still investigating.</li>
 * </ul>
 */
final class KnownIncidents {

    static final Instant NOW = Instant.parse("2024-04-03T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private KnownIncidents() {}

    static GivenEvents known() {
        GivenEvents given = new GivenEvents();
        given.at(Instant.parse("2024-03-01T00:00:00Z"))
                .catalogue()
                .componentAdded("api", "API", null, 0)
                .componentAdded("web-app", "Web Application", null, 1)
                .hiddenComponentAdded("probe", "Synthetic probe");

        given.at(Instant.parse("2024-03-05T10:00:00Z"))
                .declared(
                        "inc-outage",
                        "API down",
                        Impact.major,
                        "Investigating API down",
                        Map.of("api", partial_outage, "probe", major_outage))
                .at(Instant.parse("2024-03-05T11:00:00Z"))
                .updated("Found it", IncidentStatus.identified, Map.of("api", major_outage))
                .at(Instant.parse("2024-03-05T11:15:00Z"))
                .updated("Fix deployed", IncidentStatus.monitoring, Map.of())
                .at(Instant.parse("2024-03-05T11:30:00Z"))
                .resolved(Map.of("api", operational));

        given.at(Instant.parse("2024-03-07T08:00:00Z"))
                .declared(
                        "inc-oops",
                        "Not really",
                        Impact.critical,
                        "Investigating Not really",
                        Map.of("web-app", major_outage))
                .at(Instant.parse("2024-03-07T08:05:00Z"))
                .retracted();

        given.at(Instant.parse("2024-03-12T10:00:00Z"))
                .declared("inc-reopen", "Flaky logins", Impact.minor, "Investigating Flaky logins", Map.of())
                .at(Instant.parse("2024-03-12T10:30:00Z"))
                .resolved()
                .at(Instant.parse("2024-03-12T11:00:00Z"))
                .reopened(IncidentStatus.investigating, Map.of())
                .at(Instant.parse("2024-03-12T11:45:00Z"))
                .resolved();

        given.at(Instant.parse("2024-04-02T10:00:00Z"))
                .declared(
                        "inc-open",
                        "Slow pages",
                        Impact.minor,
                        "Investigating Slow pages",
                        Map.of("web-app", degraded_performance));
        return given;
    }

    static LiveStatus caughtUp(GivenEvents given) {
        return LiveStatus.of(CLOCK, given.events());
    }

    /** The same log applied, but never marked caught up: a projection still replaying. */
    static LiveStatus replaying(GivenEvents given) {
        LiveStatus status = new LiveStatus(CLOCK);
        given.events().forEach(status::apply);
        return status;
    }
}
