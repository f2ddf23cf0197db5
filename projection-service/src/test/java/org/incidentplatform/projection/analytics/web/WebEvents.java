package org.incidentplatform.projection.analytics.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.incidentplatform.projection.live.LiveStatus;

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
final class WebEvents {

    static final Instant NOW = Instant.parse("2024-04-03T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final List<IncidentEvent> log = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();

    static WebEvents known() {
        WebEvents e = new WebEvents();
        e.component("api", "API", "2024-03-01T00:00:00Z");
        e.component("web-app", "Web Application", "2024-03-01T00:01:00Z");
        e.hiddenComponent("probe", "Synthetic probe", "2024-03-01T00:02:00Z");

        e.declare("inc-outage", "API down", Impact.major, IncidentStatus.investigating,
                Map.of("api", ComponentStatus.partial_outage, "probe", ComponentStatus.major_outage),
                "2024-03-05T10:00:00Z");
        e.update("inc-outage", IncidentStatus.identified, Map.of("api", ComponentStatus.major_outage),
                "Found it", "2024-03-05T11:00:00Z");
        e.update("inc-outage", IncidentStatus.monitoring, Map.of(), "Fix deployed", "2024-03-05T11:15:00Z");
        e.resolve("inc-outage", Map.of("api", ComponentStatus.operational), "2024-03-05T11:30:00Z");

        e.declare("inc-oops", "Not really", Impact.critical, IncidentStatus.investigating,
                Map.of("web-app", ComponentStatus.major_outage), "2024-03-07T08:00:00Z");
        e.append("inc-oops", "2024-03-07T08:05:00Z",
                IncidentRetracted.newBuilder().setReason("Declared in error").build());

        e.declare("inc-reopen", "Flaky logins", Impact.minor, IncidentStatus.investigating, Map.of(),
                "2024-03-12T10:00:00Z");
        e.resolve("inc-reopen", Map.of(), "2024-03-12T10:30:00Z");
        e.append("inc-reopen", "2024-03-12T11:00:00Z", IncidentReopened.newBuilder().setMessage("Back again")
                .setStatus(IncidentStatus.investigating).setComponents(Map.of()).build());
        e.resolve("inc-reopen", Map.of(), "2024-03-12T11:45:00Z");

        e.declare("inc-open", "Slow pages", Impact.minor, IncidentStatus.investigating,
                Map.of("web-app", ComponentStatus.degraded_performance), "2024-04-02T10:00:00Z");
        return e;
    }

    LiveStatus caughtUp() {
        return LiveStatus.of(CLOCK, List.copyOf(log));
    }

    /** The same log applied, but never marked caught up: a projection still replaying. */
    LiveStatus replaying() {
        LiveStatus status = new LiveStatus(CLOCK);
        log.forEach(status::apply);
        return status;
    }

    void component(String id, String name, String at) {
        append("catalogue", at, ComponentAdded.newBuilder().setComponentId(id).setName(name)
                .setDescription(null).setGroupId(null).setPosition(sequences.getOrDefault("catalogue", 0L).intValue())
                .setHidden(false).build());
    }

    /** Kept off the public page: its id must show nowhere public, not even inside an incident. */
    void hiddenComponent(String id, String name, String at) {
        append("catalogue", at, ComponentAdded.newBuilder().setComponentId(id).setName(name)
                .setDescription(null).setGroupId(null).setPosition(0).setHidden(true).build());
    }

    void declare(String id, String title, Impact impact, IncidentStatus status,
                 Map<String, ComponentStatus> components, String at) {
        Instant when = Instant.parse(at);
        append(id, at, IncidentDeclared.newBuilder().setTitle(title).setImpact(impact).setStatus(status)
                .setMessage("Investigating " + title).setComponents(components).setStartedAt(when)
                .setDetectedAt(when).setDetectedBy("monitor").setBackfilled(false).build());
    }

    void update(String id, IncidentStatus status, Map<String, ComponentStatus> components, String message,
                String at) {
        append(id, at, IncidentUpdatePosted.newBuilder().setMessage(message).setStatus(status).setImpact(null)
                .setComponents(components).build());
    }

    void resolve(String id, Map<String, ComponentStatus> components, String at) {
        append(id, at, IncidentResolved.newBuilder().setMessage("Resolved").setComponents(components).build());
    }

    void append(String streamId, String at, Object payload) {
        Instant when = Instant.parse(at);
        long sequence = sequences.merge(streamId, 1L, Long::sum);
        log.add(IncidentEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes((streamId + "/" + sequence).getBytes(StandardCharsets.UTF_8)))
                .setIncidentId(streamId)
                .setSequence(sequence)
                .setOccurredAt(when)
                .setRecordedAt(when.plusSeconds(2))
                .setActor("oncall@example.com")
                .setCorrelationId(null)
                .setPayload(payload)
                .build());
    }
}
