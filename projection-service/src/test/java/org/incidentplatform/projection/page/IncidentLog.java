package org.incidentplatform.projection.page;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.incidentplatform.events.ComponentAdded;
import org.incidentplatform.events.ComponentGroupAdded;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentDeclared;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentResolved;
import org.incidentplatform.events.IncidentRetracted;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.events.IncidentUpdatePosted;
import org.incidentplatform.events.MaintenanceScheduled;
import org.incidentplatform.events.MaintenanceStarted;
import org.incidentplatform.events.PostmortemPublished;
import org.incidentplatform.projection.live.LiveStatus;

/**
 * Given-events for the page: each method appends one event to its stream, one minute after the
 * previous event of the whole log, and the log can be handed to a {@link LiveStatus} at once
 * ({@link #liveStatus}) or event by event ({@link #applyTo}). Adapted from the status package's EventLog.
 */
final class IncidentLog {

    static final String CATALOGUE = "catalogue";
    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private final List<IncidentEvent> events = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private Instant clock = START;
    private int applied;

    List<IncidentEvent> events() {
        return List.copyOf(events);
    }

    /** Time of the latest event. */
    Instant now() {
        return clock;
    }

    /** The next event happens at {@code time}. */
    IncidentLog at(Instant time) {
        clock = time.minus(Duration.ofMinutes(1));
        return this;
    }

    IncidentLog after(Duration pause) {
        clock = clock.plus(pause);
        return this;
    }

    LiveStatus liveStatus(Clock readerClock) {
        return LiveStatus.of(readerClock, events());
    }

    /** Applies the events appended since the last call, as the log follower would. */
    void applyTo(LiveStatus live) {
        events.subList(applied, events.size()).forEach(live::apply);
        applied = events.size();
    }

    IncidentEvent append(String streamId, Object payload) {
        clock = clock.plus(Duration.ofMinutes(1));
        long sequence = sequences.merge(streamId, 1L, Long::sum);
        IncidentEvent event = IncidentEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes((streamId + "/" + sequence).getBytes(StandardCharsets.UTF_8)))
                .setIncidentId(streamId)
                .setSequence(sequence)
                .setOccurredAt(clock)
                .setRecordedAt(clock.plusSeconds(3))
                .setActor("oncall@example.com")
                .setCorrelationId(null)
                .setPayload(payload)
                .build();
        events.add(event);
        return event;
    }

    IncidentLog group(String groupId, String name, int position) {
        append(CATALOGUE, ComponentGroupAdded.newBuilder().setGroupId(groupId).setName(name)
                .setDescription(name + " services").setPosition(position).build());
        return this;
    }

    IncidentLog component(String componentId, String name, String groupId, int position) {
        append(CATALOGUE, ComponentAdded.newBuilder().setComponentId(componentId).setName(name)
                .setDescription("The " + name).setGroupId(groupId).setPosition(position).setHidden(false).build());
        return this;
    }

    /** Core (Web Application, API), then Documentation on its own. */
    IncidentLog standardCatalogue() {
        group("core", "Core", 1);
        component("web-app", "Web Application", "core", 1);
        component("api", "API", "core", 2);
        component("docs", "Documentation", null, 2);
        return this;
    }

    /** A component the catalogue keeps off the public page. */
    IncidentLog hiddenComponent(String componentId, String name) {
        append(CATALOGUE, ComponentAdded.newBuilder().setComponentId(componentId).setName(name)
                .setDescription(null).setGroupId(null).setPosition(0).setHidden(true).build());
        return this;
    }

    IncidentEvent declare(String incidentId, String title, Impact impact, String message,
                          Map<String, ComponentStatus> components) {
        Instant at = clock.plus(Duration.ofMinutes(1));
        return append(incidentId, IncidentDeclared.newBuilder()
                .setTitle(title)
                .setImpact(impact)
                .setStatus(IncidentStatus.investigating)
                .setMessage(message)
                .setComponents(components)
                .setStartedAt(at)
                .setDetectedAt(at)
                .setDetectedBy("synthetic monitor")
                .setBackfilled(false)
                .build());
    }

    IncidentEvent update(String incidentId, IncidentStatus status, String message,
                         Map<String, ComponentStatus> components) {
        return append(incidentId, IncidentUpdatePosted.newBuilder()
                .setMessage(message)
                .setStatus(status)
                .setImpact(null)
                .setComponents(components)
                .build());
    }

    IncidentEvent resolve(String incidentId, String message) {
        return append(incidentId, IncidentResolved.newBuilder().setMessage(message).setComponents(Map.of()).build());
    }

    IncidentEvent retract(String incidentId) {
        return append(incidentId, IncidentRetracted.newBuilder().setReason("Declared in error").build());
    }

    IncidentEvent postmortem(String incidentId, String body) {
        return append(incidentId, PostmortemPublished.newBuilder().setBody(body)
                .setRootCause("A bad deploy").setContributingFactors(List.of("No canary")).build());
    }

    IncidentEvent schedule(String maintenanceId, String title, Instant from, Instant until,
                           Map<String, ComponentStatus> components) {
        return append(maintenanceId, MaintenanceScheduled.newBuilder()
                .setTitle(title)
                .setMessage("Planned works on " + title)
                .setComponents(components)
                .setScheduledFor(from)
                .setScheduledUntil(until)
                .setAutoStart(false)
                .setAutoComplete(false)
                .build());
    }

    IncidentEvent start(String maintenanceId) {
        return append(maintenanceId, MaintenanceStarted.newBuilder().setMessage("Works have started")
                .setAutomatic(false).build());
    }
}
