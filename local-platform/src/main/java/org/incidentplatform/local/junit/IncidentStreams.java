package org.incidentplatform.local.junit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentDeclared;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentResolved;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.events.IncidentUpdatePosted;

/**
 * Valid incident streams over a catalogue of {@value #COMPONENTS} components ({@code component-0} ...) in
 * {@value #GROUPS} groups, for appending straight to {@code incident-events} when a benchmark or a fault case
 * needs many events faster than incident-service's API takes them. Main code, for the benchmark harness; tests
 * write their events with the schemas test-jar's {@code GivenEvents}, which this class does not depend on, so that
 * this module compiles without that jar.
 */
public final class IncidentStreams {

    public static final int GROUPS = 3;
    public static final int COMPONENTS = 10;
    /** A typical stream: declared, eight updates, resolved. */
    public static final int EVENTS_PER_INCIDENT = 10;

    private static final IncidentStatus[] PROGRESS = {IncidentStatus.identified, IncidentStatus.monitoring};

    private IncidentStreams() {}

    public static String component(int i) {
        return "component-" + (i % COMPONENTS);
    }

    /**
     * Incident number {@code index}'s stream of {@code length} (≥ 2) events: declared, updates, and resolved
     * unless {@code open}. It is declared at {@code first} plus {@code index} times {@code apart}, and its
     * events follow three minutes apart, so pages and analytics have history.
     */
    public static List<IncidentEvent> incident(
            String id, int index, int length, boolean open, Instant first, Duration apart) {
        Instant base = first.plus(apart.multipliedBy(index));
        String a = component(index);
        String b = component(index + 3);
        List<IncidentEvent> events = new ArrayList<>(length);
        events.add(at(
                id,
                1,
                base,
                IncidentDeclared.newBuilder()
                        .setTitle("Elevated error rates on " + a + " (" + id + ")")
                        .setImpact(index % 3 == 0 ? Impact.major : Impact.minor)
                        .setStatus(IncidentStatus.investigating)
                        .setMessage("We are investigating elevated error rates; some requests fail.")
                        .setComponents(
                                Map.of(a, ComponentStatus.partial_outage, b, ComponentStatus.degraded_performance))
                        .setStartedAt(base.minus(Duration.ofMinutes(7)))
                        .setDetectedAt(base.minus(Duration.ofMinutes(2)))
                        .setDetectedBy("synthetic monitor")
                        .setBackfilled(false)
                        .build()));
        int updates = open ? length - 1 : length - 2;
        for (int u = 0; u < updates; u++) {
            events.add(at(
                    id,
                    2 + u,
                    base,
                    IncidentUpdatePosted.newBuilder()
                            .setMessage("Update " + (u + 1)
                                    + ": the cause is a bad deploy of the session store; rolling back.")
                            .setStatus(PROGRESS[Math.min(u, PROGRESS.length - 1)])
                            .setImpact(null)
                            .setComponents(Map.of(a, ComponentStatus.major_outage))
                            .build()));
        }
        if (!open) {
            events.add(at(
                    id,
                    length,
                    base,
                    IncidentResolved.newBuilder()
                            .setMessage("Rolled back; error rates are back to normal.")
                            .setComponents(Map.of(a, ComponentStatus.operational, b, ComponentStatus.operational))
                            .build()));
        }
        return events;
    }

    /** The stream's event {@code sequence}, three minutes apart from {@code base} on, recorded two seconds later. */
    private static IncidentEvent at(String id, long sequence, Instant base, Object payload) {
        Instant occurred = base.plus(Duration.ofMinutes(3 * sequence));
        return IncidentEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes((id + "/" + sequence).getBytes(StandardCharsets.UTF_8)))
                .setIncidentId(id)
                .setSequence(sequence)
                .setOccurredAt(occurred)
                .setRecordedAt(occurred.plusSeconds(2))
                .setActor("oncall@example.com")
                .setPayload(payload)
                .build();
    }
}
