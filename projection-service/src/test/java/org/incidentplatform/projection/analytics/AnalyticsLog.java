package org.incidentplatform.projection.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.incidentplatform.events.ComponentAdded;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentDeclared;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentReopened;
import org.incidentplatform.events.IncidentResolved;
import org.incidentplatform.events.IncidentRetracted;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.events.IncidentUpdatePosted;
import org.incidentplatform.events.MaintenanceCompleted;
import org.incidentplatform.events.MaintenanceScheduled;
import org.incidentplatform.events.MaintenanceStarted;
import org.incidentplatform.events.PostmortemPublished;

/**
 * Given-events for analytics: each method appends one event to its stream at the time given, applies it
 * (asserting that it was applied) and returns it, so a test can deliver it again or replay the log.
 */
final class AnalyticsLog {

    static final String CATALOGUE = "catalogue";

    final Analytics analytics;
    final List<IncidentEvent> events = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();

    AnalyticsLog() {
        this(new Analytics());
    }

    AnalyticsLog(Analytics analytics) {
        this.analytics = analytics;
    }

    /** An instant as posted: ISO-8601 with {@code Z} or any offset. */
    static Instant t(String posted) {
        return OffsetDateTime.parse(posted).toInstant();
    }

    static IncidentEvent envelope(String streamId, long sequence, Instant occurredAt, Instant recordedAt,
                                  Object payload) {
        return IncidentEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes((streamId + "/" + sequence).getBytes(StandardCharsets.UTF_8)))
                .setIncidentId(streamId)
                .setSequence(sequence)
                .setOccurredAt(occurredAt)
                .setRecordedAt(recordedAt)
                .setActor("oncall@example.com")
                .setCorrelationId(null)
                .setPayload(payload)
                .build();
    }

    /** A fresh read model fed this log from the start. */
    Analytics replay() {
        Analytics fresh = new Analytics();
        events.forEach(fresh::apply);
        return fresh;
    }

    IncidentEvent append(String streamId, Instant occurredAt, Object payload) {
        return append(streamId, occurredAt, occurredAt.plusSeconds(3), payload);
    }

    IncidentEvent append(String streamId, Instant occurredAt, Instant recordedAt, Object payload) {
        long sequence = sequences.merge(streamId, 1L, Long::sum);
        IncidentEvent event = envelope(streamId, sequence, occurredAt, recordedAt, payload);
        assertThat(analytics.offer(event)).as("applying %s", payload).isEqualTo(Analytics.Outcome.APPLIED);
        events.add(event);
        return event;
    }

    // The catalogue

    IncidentEvent component(String componentId, String groupId, Instant at) {
        return append(CATALOGUE, at, ComponentAdded.newBuilder().setComponentId(componentId)
                .setName("Name of " + componentId).setDescription(null).setGroupId(groupId).setPosition(0)
                .setHidden(false).build());
    }

    // Incidents

    /** Declared live: impact started, and was detected, when it was declared. */
    IncidentEvent declare(String incidentId, Instant at, IncidentStatus status, Impact impact,
                          Map<String, ComponentStatus> components) {
        return declare(incidentId, at, at, at, status, impact, components);
    }

    IncidentEvent declare(String incidentId, Instant at, Instant startedAt, Instant detectedAt,
                          IncidentStatus status, Impact impact, Map<String, ComponentStatus> components) {
        return append(incidentId, at, declared(startedAt, detectedAt, status, impact, components, false));
    }

    /** Written up after the fact: declared already resolved at {@code resolvedAt}, appended at {@code recordedAt}. */
    IncidentEvent declareBackfilled(String incidentId, Instant startedAt, Instant resolvedAt, Instant recordedAt,
                                    Impact impact, Map<String, ComponentStatus> components) {
        return append(incidentId, resolvedAt, recordedAt,
                declared(startedAt, startedAt, IncidentStatus.resolved, impact, components, true));
    }

    static IncidentDeclared declared(Instant startedAt, Instant detectedAt, IncidentStatus status, Impact impact,
                                     Map<String, ComponentStatus> components, boolean backfilled) {
        return IncidentDeclared.newBuilder()
                .setTitle("Trouble")
                .setImpact(impact)
                .setStatus(status)
                .setMessage("We are looking into it")
                .setComponents(components)
                .setStartedAt(startedAt)
                .setDetectedAt(detectedAt)
                .setDetectedBy("synthetic monitor")
                .setBackfilled(backfilled)
                .build();
    }

    IncidentEvent update(String incidentId, Instant at, IncidentStatus status, Impact impact,
                         Map<String, ComponentStatus> components) {
        return append(incidentId, at, updated(status, impact, components));
    }

    IncidentEvent update(String incidentId, Instant at, IncidentStatus status) {
        return update(incidentId, at, status, null, Map.of());
    }

    static IncidentUpdatePosted updated(IncidentStatus status, Impact impact,
                                        Map<String, ComponentStatus> components) {
        return IncidentUpdatePosted.newBuilder().setMessage("Update").setStatus(status).setImpact(impact)
                .setComponents(components).build();
    }

    IncidentEvent resolve(String incidentId, Instant at, Map<String, ComponentStatus> components) {
        return append(incidentId, at, resolved(components));
    }

    IncidentEvent resolve(String incidentId, Instant at) {
        return resolve(incidentId, at, Map.of());
    }

    static IncidentResolved resolved(Map<String, ComponentStatus> components) {
        return IncidentResolved.newBuilder().setMessage("Resolved").setComponents(components).build();
    }

    IncidentEvent reopen(String incidentId, Instant at, IncidentStatus status,
                         Map<String, ComponentStatus> components) {
        return append(incidentId, at, reopened(status, components));
    }

    static IncidentReopened reopened(IncidentStatus status, Map<String, ComponentStatus> components) {
        return IncidentReopened.newBuilder().setMessage("Reopened").setStatus(status).setComponents(components)
                .build();
    }

    IncidentEvent retract(String incidentId, Instant at) {
        return append(incidentId, at, retracted());
    }

    static IncidentRetracted retracted() {
        return IncidentRetracted.newBuilder().setReason("Declared in error").build();
    }

    IncidentEvent postmortem(String incidentId, Instant at) {
        return append(incidentId, at, PostmortemPublished.newBuilder().setBody("## What happened")
                .setRootCause("A bad deploy").setContributingFactors(List.of()).build());
    }

    // Maintenances

    IncidentEvent schedule(String maintenanceId, Instant at, Map<String, ComponentStatus> components) {
        return append(maintenanceId, at, scheduled(at, components));
    }

    static MaintenanceScheduled scheduled(Instant at, Map<String, ComponentStatus> components) {
        return MaintenanceScheduled.newBuilder().setTitle("Works").setMessage("Planned works")
                .setComponents(components).setScheduledFor(at.plusSeconds(3600))
                .setScheduledUntil(at.plusSeconds(7200)).setAutoStart(false).setAutoComplete(false).build();
    }

    IncidentEvent start(String maintenanceId, Instant at) {
        return append(maintenanceId, at, started());
    }

    static MaintenanceStarted started() {
        return MaintenanceStarted.newBuilder().setMessage("Started").setAutomatic(false).build();
    }

    IncidentEvent complete(String maintenanceId, Instant at) {
        return append(maintenanceId, at, completed());
    }

    static MaintenanceCompleted completed() {
        return MaintenanceCompleted.newBuilder().setMessage("Done").setAutomatic(false).build();
    }
}
