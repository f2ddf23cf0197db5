package org.incidentplatform.incident.domain;

import static org.incidentplatform.schemas.Vocabulary.ComponentStatus.PARTIAL_OUTAGE;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.incidentplatform.incident.domain.IncidentCommand.DeclareIncident;
import org.incidentplatform.incident.domain.IncidentCommand.PostUpdate;
import org.incidentplatform.incident.domain.IncidentEvent.IncidentDeclared;
import org.incidentplatform.incident.domain.IncidentEvent.IncidentReopened;
import org.incidentplatform.incident.domain.IncidentEvent.IncidentResolved;
import org.incidentplatform.incident.domain.IncidentEvent.IncidentRetracted;
import org.incidentplatform.incident.domain.IncidentEvent.IncidentUpdatePosted;
import org.incidentplatform.incident.domain.IncidentEvent.PostmortemPublished;
import org.incidentplatform.schemas.Vocabulary.Impact;

/** Given-events / when-command fixture for the incident decider: minute 0 is the declaration. */
final class Incidents {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    static final Set<String> CATALOGUE = Set.of("web-app", "api", "db");

    private Incidents() {}

    static Instant at(long minutes) {
        return T0.plus(minutes, ChronoUnit.MINUTES);
    }

    static Decision<IncidentEvent> decide(IncidentCommand command, IncidentEvent... given) {
        return IncidentDecider.decide(command, IncidentDecider.replay(List.of(given)), CATALOGUE);
    }

    static DeclareIncident declare(IncidentStatus status) {
        return new DeclareIncident(
                "inc-1",
                "Checkout errors",
                Impact.MAJOR,
                status,
                "We are investigating.",
                Map.of("web-app", PARTIAL_OUTAGE),
                null,
                null,
                null,
                T0);
    }

    static IncidentDeclared declared() {
        return new IncidentDeclared(
                "inc-1",
                "Checkout errors",
                Impact.MAJOR,
                IncidentStatus.INVESTIGATING,
                "We are investigating.",
                Map.of("web-app", PARTIAL_OUTAGE),
                T0,
                T0,
                null,
                false,
                T0);
    }

    static PostUpdate update(IncidentStatus status, long minute) {
        return new PostUpdate("Progress.", status, null, Map.of(), at(minute));
    }

    static IncidentUpdatePosted updated(IncidentStatus status, long minute) {
        return new IncidentUpdatePosted("Progress.", status, null, Map.of(), at(minute));
    }

    static IncidentResolved resolved(long minute) {
        return new IncidentResolved("Fixed.", Map.of(), at(minute));
    }

    static IncidentReopened reopened(long minute) {
        return new IncidentReopened("Back again.", IncidentStatus.INVESTIGATING, Map.of(), at(minute));
    }

    static IncidentRetracted retracted(long minute) {
        return new IncidentRetracted("Declared in error.", at(minute));
    }

    static PostmortemPublished postmortem(long minute) {
        return new PostmortemPublished("# What happened", "A bad deploy.", List.of("no canary"), at(minute));
    }

    static String repeat(int length) {
        return "x".repeat(length);
    }
}
