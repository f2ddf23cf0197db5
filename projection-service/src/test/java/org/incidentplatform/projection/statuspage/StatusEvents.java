package org.incidentplatform.projection.statuspage;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.incidentplatform.projection.live.LiveStatus;

/**
 * Given-events for the Statuspage API: a log written one event a minute, each method appending the
 * next event of its stream and returning it, so a test can also build an event now and apply it later.
 */
final class StatusEvents {

    static final String CATALOGUE = "catalogue";
    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    /** When the instance under test last confirmed it had the whole log: its X-Data-As-Of. */
    static final Instant CONFIRMED_CURRENT_AT = Instant.parse("2026-03-02T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(CONFIRMED_CURRENT_AT, ZoneOffset.UTC);

    private final List<IncidentEvent> log = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private Instant clock = START;

    /**
     * The representative page: group Core (Web Application, API), Documentation on its own and a hidden
     * Internal Database; inc-live (major, monitoring; API partial outage, Web Application degraded, the
     * hidden component down), inc-old (minor, resolved), inc-oops (critical, retracted); mnt-next
     * scheduled for API in two days, mnt-now in progress on Documentation.
     */
    static StatusEvents representative() {
        StatusEvents events = new StatusEvents();
        events.group("core", "Core", 1);
        events.component("web-app", "Web Application", "core", 1);
        events.component("api", "API", "core", 2);
        events.component("docs", "Documentation", null, 2);
        events.hiddenComponent("internal-db", "Internal Database");
        events.declare("inc-old", Impact.minor, Map.of("docs", ComponentStatus.degraded_performance));
        events.resolve("inc-old");
        events.declare("inc-live", Impact.major, Map.of("api", ComponentStatus.partial_outage,
                "internal-db", ComponentStatus.major_outage));
        events.update("inc-live", IncidentStatus.identified, Map.of("web-app", ComponentStatus.degraded_performance));
        events.update("inc-live", IncidentStatus.monitoring, Map.of());
        events.declare("inc-oops", Impact.critical, Map.of("web-app", ComponentStatus.major_outage));
        events.retract("inc-oops");
        Instant inTwoDays = events.now().plus(Duration.ofDays(2));
        events.schedule("mnt-next", inTwoDays, inTwoDays.plus(Duration.ofHours(1)),
                Map.of("api", ComponentStatus.under_maintenance));
        events.schedule("mnt-now", events.now().plus(Duration.ofMinutes(10)), events.now().plus(Duration.ofHours(2)),
                Map.of("docs", ComponentStatus.under_maintenance));
        events.start("mnt-now");
        return events;
    }

    /** The log so far. */
    List<IncidentEvent> log() {
        return List.copyOf(log);
    }

    /** The status after the log so far, caught up, as of {@link #CONFIRMED_CURRENT_AT}. */
    LiveStatus caughtUp() {
        return LiveStatus.of(CLOCK, log());
    }

    Instant now() {
        return clock;
    }

    /** Version of the stream's latest event. */
    long version(String streamId) {
        return sequences.getOrDefault(streamId, 0L);
    }

    IncidentEvent append(String streamId, Object payload) {
        return append(streamId, clock.plus(Duration.ofMinutes(1)), payload);
    }

    /** The next event, recorded a minute after the latest as any other, that happened at {@code occurredAt}. */
    IncidentEvent append(String streamId, Instant occurredAt, Object payload) {
        clock = clock.plus(Duration.ofMinutes(1));
        long sequence = sequences.merge(streamId, 1L, Long::sum);
        IncidentEvent event = IncidentEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes((streamId + "/" + sequence).getBytes(StandardCharsets.UTF_8)))
                .setIncidentId(streamId)
                .setSequence(sequence)
                .setOccurredAt(occurredAt)
                .setRecordedAt(clock.plusSeconds(2))
                .setActor("oncall@example.com")
                .setCorrelationId(null)
                .setPayload(payload)
                .build();
        log.add(event);
        return event;
    }

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

    IncidentEvent declare(String incidentId, Impact impact, Map<String, ComponentStatus> components) {
        Instant at = clock.plus(Duration.ofMinutes(1));
        return append(incidentId, IncidentDeclared.newBuilder()
                .setTitle("Trouble " + incidentId)
                .setImpact(impact)
                .setStatus(IncidentStatus.investigating)
                .setMessage("We are investigating " + incidentId)
                .setComponents(components)
                .setStartedAt(at)
                .setDetectedAt(at)
                .setDetectedBy("synthetic monitor")
                .setBackfilled(false)
                .build());
    }

    /**
     * An incident written up after the fact, already resolved: it happened from {@code startedAt} to
     * {@code endedAt} (its occurredAt), and is recorded a minute after the log's latest event.
     */
    IncidentEvent declareBackfilled(String incidentId, Instant startedAt, Instant endedAt,
                                    Map<String, ComponentStatus> components) {
        return append(incidentId, endedAt, IncidentDeclared.newBuilder()
                .setTitle("Trouble " + incidentId)
                .setImpact(Impact.major)
                .setStatus(IncidentStatus.resolved)
                .setMessage("Written up after the fact")
                .setComponents(components)
                .setStartedAt(startedAt)
                .setDetectedAt(startedAt)
                .setDetectedBy("customer report")
                .setBackfilled(true)
                .build());
    }

    IncidentEvent update(String incidentId, IncidentStatus status, Map<String, ComponentStatus> components) {
        return append(incidentId, IncidentUpdatePosted.newBuilder()
                .setMessage("Update " + (version(incidentId) + 1) + " on " + incidentId)
                .setStatus(status)
                .setImpact(null)
                .setComponents(components)
                .build());
    }

    IncidentEvent resolve(String incidentId) {
        return append(incidentId, IncidentResolved.newBuilder().setMessage("Resolved " + incidentId)
                .setComponents(Map.of()).build());
    }

    IncidentEvent retract(String incidentId) {
        return append(incidentId, IncidentRetracted.newBuilder().setReason("Declared in error").build());
    }

    IncidentEvent schedule(String maintenanceId, Instant from, Instant until, Map<String, ComponentStatus> components) {
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
}
