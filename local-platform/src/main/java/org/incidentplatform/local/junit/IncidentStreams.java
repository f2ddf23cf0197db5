package org.incidentplatform.local.junit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.schemas.given.GivenEvents;

/**
 * Valid incident streams over a catalogue of {@value #COMPONENTS} components ({@code component-0} ...) in
 * {@value #GROUPS} groups, for appending straight to {@code incident-events} when a benchmark or a fault case
 * needs many events faster than incident-service's API takes them.
 */
public final class IncidentStreams {

    public static final int GROUPS = 3;
    public static final int COMPONENTS = 10;
    /** A typical stream: declared, eight updates, resolved. */
    public static final int EVENTS_PER_INCIDENT = 10;
    private static final IncidentStatus[] PROGRESS = {IncidentStatus.identified, IncidentStatus.monitoring};
    /** How far apart a stream's events happen. */
    private static final Duration STEP = Duration.ofMinutes(3);

    private IncidentStreams() {
    }

    public static String component(int i) {
        return "component-" + (i % COMPONENTS);
    }

    /** The catalogue: groups {@code group-0} ..., then components {@code component-0} ... spread over them. */
    public static List<IncidentEvent> catalogue() {
        GivenEvents given = new GivenEvents();
        GivenEvents.Catalogue catalogue = given.catalogue();
        for (int g = 0; g < GROUPS; g++) {
            catalogue.groupAdded("group-" + g, "Group " + g, g);
        }
        for (int c = 0; c < COMPONENTS; c++) {
            catalogue.componentAdded(component(c), "Component " + c, "group-" + (c % GROUPS), c);
        }
        return given.events();
    }

    /**
     * Incident number {@code index}'s stream of {@code length} (≥ 2) events: declared, updates, and resolved
     * unless {@code open}. It is declared at {@code first} plus {@code index} times {@code apart}, and its
     * events follow three minutes apart, so pages and analytics have history.
     */
    public static List<IncidentEvent> incident(String id, int index, int length, boolean open, Instant first,
                                               Duration apart) {
        Instant base = first.plus(apart.multipliedBy(index));
        String a = component(index);
        String b = component(index + 3);
        GivenEvents given = new GivenEvents();
        GivenEvents.Incident incident = given.at(base.plus(STEP)).declared(id, GivenEvents.declaration(
                        index % 3 == 0 ? Impact.major : Impact.minor,
                        Map.of(a, ComponentStatus.partial_outage, b, ComponentStatus.degraded_performance))
                .titled("Elevated error rates on " + a + " (" + id + ")")
                .saying("We are investigating elevated error rates; some requests fail.")
                .startedAt(base.minus(Duration.ofMinutes(7)))
                .detectedAt(base.minus(Duration.ofMinutes(2))));
        int updates = open ? length - 1 : length - 2;
        for (int u = 0; u < updates; u++) {
            incident.after(STEP.minusMinutes(1)).updated(
                    "Update " + (u + 1) + ": the cause is a bad deploy of the session store; rolling back.",
                    PROGRESS[Math.min(u, PROGRESS.length - 1)], Map.of(a, ComponentStatus.major_outage));
        }
        if (!open) {
            incident.after(STEP.minusMinutes(1)).resolved("Rolled back; error rates are back to normal.",
                    Map.of(a, ComponentStatus.operational, b, ComponentStatus.operational));
        }
        return given.events();
    }
}
