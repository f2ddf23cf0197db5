package org.incidentplatform.projection.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.incidentplatform.events.ComponentAdded;
import org.incidentplatform.events.ComponentDescribed;
import org.incidentplatform.events.ComponentGroupAdded;
import org.incidentplatform.events.ComponentGroupRemoved;
import org.incidentplatform.events.ComponentGroupRenamed;
import org.incidentplatform.events.ComponentMovedToGroup;
import org.incidentplatform.events.ComponentRemoved;
import org.incidentplatform.events.ComponentRenamed;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentDeclared;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentReopened;
import org.incidentplatform.events.IncidentResolved;
import org.incidentplatform.events.IncidentRetracted;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.events.IncidentUpdatePosted;
import org.incidentplatform.events.MaintenanceCancelled;
import org.incidentplatform.events.MaintenanceCompleted;
import org.incidentplatform.events.MaintenanceScheduled;
import org.incidentplatform.events.MaintenanceStarted;
import org.incidentplatform.events.MaintenanceUpdatePosted;
import org.incidentplatform.events.MaintenanceVerifying;
import org.incidentplatform.events.PostmortemPublished;

/**
 * Given-events for the status projection: each method appends one event to its stream, one minute
 * after the previous event of the whole log, applies it (asserting that it was applied) and returns
 * it, so a test can deliver it again.
 */
final class EventLog {

    static final String CATALOGUE = "catalogue";
    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    final StatusProjection projection = new StatusProjection();
    private final Map<String, Long> sequences = new HashMap<>();
    private Instant clock = START;

    StatusSnapshot snapshot() {
        return projection.publish();
    }

    /** Time of the latest event. */
    Instant now() {
        return clock;
    }

    /** The next event happens at {@code time} (then one minute apart again). */
    EventLog at(Instant time) {
        clock = time.minus(Duration.ofMinutes(1));
        return this;
    }

    EventLog after(Duration pause) {
        clock = clock.plus(pause);
        return this;
    }

    /** An envelope that is not applied, for redelivery and gap cases. */
    static IncidentEvent envelope(String streamId, long sequence, Instant occurredAt, Object payload) {
        return IncidentEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes((streamId + "/" + sequence).getBytes(StandardCharsets.UTF_8)))
                .setIncidentId(streamId)
                .setSequence(sequence)
                .setOccurredAt(occurredAt)
                .setRecordedAt(occurredAt.plusSeconds(3))
                .setActor("oncall@example.com")
                .setCorrelationId(null)
                .setPayload(payload)
                .build();
    }

    IncidentEvent append(String streamId, Object payload) {
        clock = clock.plus(Duration.ofMinutes(1));
        long sequence = sequences.merge(streamId, 1L, Long::sum);
        IncidentEvent event = envelope(streamId, sequence, clock, payload);
        assertThat(projection.offer(event)).as("applying %s", payload).isEqualTo(StatusProjection.Outcome.APPLIED);
        return event;
    }

    // The catalogue

    IncidentEvent group(String groupId, String name, int position) {
        return append(CATALOGUE, ComponentGroupAdded.newBuilder().setGroupId(groupId).setName(name)
                .setDescription(name + " services").setPosition(position).build());
    }

    IncidentEvent component(String componentId, String name, String groupId, int position) {
        return append(CATALOGUE, ComponentAdded.newBuilder().setComponentId(componentId).setName(name)
                .setDescription("The " + name).setGroupId(groupId).setPosition(position).setHidden(false).build());
    }

    IncidentEvent hiddenComponent(String componentId, String name) {
        return append(CATALOGUE, ComponentAdded.newBuilder().setComponentId(componentId).setName(name)
                .setDescription(null).setGroupId(null).setPosition(0).setHidden(true).build());
    }

    IncidentEvent rename(String componentId, String name) {
        return append(CATALOGUE, ComponentRenamed.newBuilder().setComponentId(componentId).setName(name).build());
    }

    IncidentEvent describe(String componentId, String description) {
        return append(CATALOGUE, ComponentDescribed.newBuilder().setComponentId(componentId)
                .setDescription(description).build());
    }

    IncidentEvent move(String componentId, String groupId, int position) {
        return append(CATALOGUE, ComponentMovedToGroup.newBuilder().setComponentId(componentId).setGroupId(groupId)
                .setPosition(position).build());
    }

    IncidentEvent remove(String componentId) {
        return append(CATALOGUE, ComponentRemoved.newBuilder().setComponentId(componentId).build());
    }

    IncidentEvent renameGroup(String groupId, String name) {
        return append(CATALOGUE, ComponentGroupRenamed.newBuilder().setGroupId(groupId).setName(name).build());
    }

    IncidentEvent removeGroup(String groupId) {
        return append(CATALOGUE, ComponentGroupRemoved.newBuilder().setGroupId(groupId).build());
    }

    /** Core (web-app, api), then docs on its own. */
    EventLog standardCatalogue() {
        group("core", "Core", 1);
        component("web-app", "Web Application", "core", 1);
        component("api", "API", "core", 2);
        component("docs", "Documentation", null, 2);
        return this;
    }

    // Incidents

    IncidentEvent declare(String incidentId, Impact impact, Map<String, ComponentStatus> components) {
        return declare(incidentId, impact, IncidentStatus.investigating, components);
    }

    IncidentEvent declare(String incidentId, Impact impact, IncidentStatus status,
                          Map<String, ComponentStatus> components) {
        Instant at = clock.plus(Duration.ofMinutes(1));
        return append(incidentId, IncidentDeclared.newBuilder()
                .setTitle("Trouble " + incidentId)
                .setImpact(impact)
                .setStatus(status)
                .setMessage("We are investigating " + incidentId)
                .setComponents(components)
                .setStartedAt(at)
                .setDetectedAt(at)
                .setDetectedBy("synthetic monitor")
                .setBackfilled(false)
                .build());
    }

    /** An incident written up after the fact: declared already resolved, at {@code endedAt}. */
    IncidentEvent declareBackfilled(String incidentId, Impact impact, Instant startedAt, Instant endedAt,
                                    Map<String, ComponentStatus> components) {
        at(endedAt);
        return append(incidentId, IncidentDeclared.newBuilder()
                .setTitle("Trouble " + incidentId)
                .setImpact(impact)
                .setStatus(IncidentStatus.resolved)
                .setMessage("Written up after the fact")
                .setComponents(components)
                .setStartedAt(startedAt)
                .setDetectedAt(startedAt)
                .setDetectedBy(null)
                .setBackfilled(true)
                .build());
    }

    IncidentEvent update(String incidentId, IncidentStatus status, Impact impact,
                         Map<String, ComponentStatus> components) {
        return append(incidentId, IncidentUpdatePosted.newBuilder()
                .setMessage("Update " + (sequences.getOrDefault(incidentId, 0L) + 1) + " on " + incidentId)
                .setStatus(status)
                .setImpact(impact)
                .setComponents(components)
                .build());
    }

    IncidentEvent resolve(String incidentId, Map<String, ComponentStatus> components) {
        return append(incidentId, IncidentResolved.newBuilder().setMessage("Resolved " + incidentId)
                .setComponents(components).build());
    }

    IncidentEvent reopen(String incidentId, IncidentStatus status, Map<String, ComponentStatus> components) {
        return append(incidentId, IncidentReopened.newBuilder().setMessage("Reopened " + incidentId)
                .setStatus(status).setComponents(components).build());
    }

    IncidentEvent retract(String incidentId) {
        return append(incidentId, IncidentRetracted.newBuilder().setReason("Declared in error").build());
    }

    IncidentEvent postmortem(String incidentId) {
        return append(incidentId, PostmortemPublished.newBuilder().setBody("## What happened")
                .setRootCause("A bad deploy").setContributingFactors(List.of("No canary")).build());
    }

    // Maintenances

    IncidentEvent schedule(String maintenanceId, Instant from, Instant until,
                           Map<String, ComponentStatus> components) {
        return append(maintenanceId, MaintenanceScheduled.newBuilder()
                .setTitle("Works " + maintenanceId)
                .setMessage("Planned works")
                .setComponents(components)
                .setScheduledFor(from)
                .setScheduledUntil(until)
                .setAutoStart(false)
                .setAutoComplete(false)
                .build());
    }

    IncidentEvent start(String maintenanceId) {
        return append(maintenanceId, MaintenanceStarted.newBuilder().setMessage("Started").setAutomatic(false)
                .build());
    }

    IncidentEvent postMaintenanceUpdate(String maintenanceId) {
        return append(maintenanceId, MaintenanceUpdatePosted.newBuilder().setMessage("Half way").build());
    }

    IncidentEvent verify(String maintenanceId) {
        return append(maintenanceId, MaintenanceVerifying.newBuilder().setMessage("Verifying").build());
    }

    IncidentEvent complete(String maintenanceId) {
        return append(maintenanceId, MaintenanceCompleted.newBuilder().setMessage("Done").setAutomatic(false)
                .build());
    }

    IncidentEvent cancel(String maintenanceId) {
        return append(maintenanceId, MaintenanceCancelled.newBuilder().setMessage("Cancelled").build());
    }
}
