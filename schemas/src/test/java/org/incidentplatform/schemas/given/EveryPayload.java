package org.incidentplatform.schemas.given;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.incidentplatform.events.ActionItemAdded;
import org.incidentplatform.events.ActionItemCompleted;
import org.incidentplatform.events.ComponentAdded;
import org.incidentplatform.events.ComponentDescribed;
import org.incidentplatform.events.ComponentGroupAdded;
import org.incidentplatform.events.ComponentGroupRemoved;
import org.incidentplatform.events.ComponentGroupRenamed;
import org.incidentplatform.events.ComponentMovedToGroup;
import org.incidentplatform.events.ComponentRemoved;
import org.incidentplatform.events.ComponentRenamed;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Heartbeat;
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
import org.incidentplatform.schemas.Topics;

/**
 * One event of every payload type of the {@link IncidentEvent} union, in union order, so that a round trip
 * over them covers the whole event model (serde unit tests in schemas; over-HTTP round trips in other
 * modules' integration tests). Each is the next event of its stream (incident, maintenance, catalogue,
 * heartbeat) in a {@link GivenEvents} log; every other one carries a correlation id, so both branches of
 * that union go round too.
 */
public final class EveryPayload {

    public static final String INCIDENT_ID = "inc-2026-0001";
    public static final String MAINTENANCE_ID = "mnt-2026-0001";
    /** Payload times are whole milliseconds, the precision of timestamp-millis, so round trips compare equal. */
    private static final Instant START = Instant.parse("2026-03-02T09:15:00Z");

    private EveryPayload() {}

    /** One event per payload type, sequenced per stream. */
    public static List<IncidentEvent> events() {
        GivenEvents given = new GivenEvents();
        List<IncidentEvent> events = new ArrayList<>();
        for (Object payload : payloads()) {
            IncidentEvent event = given.append(streamOf(payload), payload);
            if (events.size() % 2 == 0) {
                event.setCorrelationId("req-" + event.getIncidentId() + "-" + event.getSequence());
            }
            events.add(event);
        }
        return List.copyOf(events);
    }

    /** One payload of each type of the union, in the union's order. */
    public static List<Object> payloads() {
        Instant start = START;
        return List.of(
                IncidentDeclared.newBuilder()
                        .setTitle("Elevated error rates on the web app")
                        .setImpact(Impact.major)
                        .setStatus(IncidentStatus.investigating)
                        .setMessage("We are investigating elevated error rates — some requests fail.")
                        .setComponents(Map.of(
                                "web-app", ComponentStatus.partial_outage, "api", ComponentStatus.degraded_performance))
                        .setStartedAt(start.minus(Duration.ofMinutes(7)))
                        .setDetectedAt(start.minus(Duration.ofMinutes(2)))
                        .setDetectedBy("synthetic monitor")
                        .setBackfilled(false)
                        .build(),
                IncidentUpdatePosted.newBuilder()
                        .setMessage("The cause is a bad deploy of the session store; rolling back.")
                        .setStatus(IncidentStatus.identified)
                        .setImpact(Impact.critical)
                        .setComponents(Map.of("web-app", ComponentStatus.major_outage))
                        .build(),
                IncidentResolved.newBuilder()
                        .setMessage("Rolled back; error rates are back to normal.")
                        .setComponents(
                                Map.of("web-app", ComponentStatus.operational, "api", ComponentStatus.operational))
                        .build(),
                IncidentReopened.newBuilder()
                        .setMessage("Errors returned for users in eu-west.")
                        .setStatus(IncidentStatus.monitoring)
                        .setComponents(Map.of("web-app", ComponentStatus.degraded_performance))
                        .build(),
                IncidentRetracted.newBuilder()
                        .setReason("Declared in error: the monitor itself was failing.")
                        .build(),
                PostmortemPublished.newBuilder()
                        .setBody("## Summary\n\nA deploy broke session storage for 42 minutes.\n")
                        .setRootCause("A schema migration locked the sessions table.")
                        .setContributingFactors(List.of("No canary for migrations", "Alert fired late"))
                        .build(),
                ActionItemAdded.newBuilder()
                        .setActionItemId("ai-1")
                        .setTitle("Add a canary stage for database migrations")
                        .setOwner("platform-team")
                        .setDueDate(LocalDate.of(2026, 3, 31))
                        .build(),
                ActionItemCompleted.newBuilder()
                        .setActionItemId("ai-1")
                        .setNote(null)
                        .build(),
                MaintenanceScheduled.newBuilder()
                        .setTitle("Database upgrade")
                        .setMessage("We will upgrade the primary database to a new major version.")
                        .setComponents(Map.of("api", ComponentStatus.under_maintenance))
                        .setScheduledFor(start.plus(Duration.ofDays(3)))
                        .setScheduledUntil(start.plus(Duration.ofDays(3)).plus(Duration.ofHours(2)))
                        .setAutoStart(true)
                        .setAutoComplete(false)
                        .build(),
                MaintenanceStarted.newBuilder()
                        .setMessage("The upgrade has started.")
                        .setAutomatic(true)
                        .build(),
                MaintenanceUpdatePosted.newBuilder()
                        .setMessage("Replicas are upgraded; switching over the primary.")
                        .build(),
                MaintenanceVerifying.newBuilder()
                        .setMessage("The upgrade is done; we are verifying.")
                        .build(),
                MaintenanceCompleted.newBuilder()
                        .setMessage("The upgrade is complete.")
                        .setAutomatic(false)
                        .build(),
                MaintenanceCancelled.newBuilder()
                        .setMessage("Cancelled: the vendor postponed the release.")
                        .build(),
                ComponentAdded.newBuilder()
                        .setComponentId("web-app")
                        .setName("Web Application")
                        .setDescription("The customer-facing web application")
                        .setGroupId("core")
                        .setPosition(1)
                        .setHidden(false)
                        .build(),
                ComponentRenamed.newBuilder()
                        .setComponentId("web-app")
                        .setName("Web App")
                        .build(),
                ComponentDescribed.newBuilder()
                        .setComponentId("web-app")
                        .setDescription(null)
                        .build(),
                ComponentMovedToGroup.newBuilder()
                        .setComponentId("web-app")
                        .setGroupId(null)
                        .setPosition(3)
                        .build(),
                ComponentRemoved.newBuilder().setComponentId("web-app").build(),
                ComponentGroupAdded.newBuilder()
                        .setGroupId("core")
                        .setName("Core")
                        .setDescription(null)
                        .setPosition(0)
                        .build(),
                ComponentGroupRenamed.newBuilder()
                        .setGroupId("core")
                        .setName("Core services")
                        .build(),
                ComponentGroupRemoved.newBuilder().setGroupId("core").build(),
                Heartbeat.newBuilder()
                        .setInstance("incident-service@host-1:4242")
                        .setIntervalMillis(10_000)
                        .build());
    }

    private static String streamOf(Object payload) {
        String type = payload.getClass().getSimpleName();
        if (type.startsWith("Maintenance")) {
            return MAINTENANCE_ID;
        }
        if (type.startsWith("Component")) {
            return GivenEvents.CATALOGUE;
        }
        if (type.equals("Heartbeat")) {
            return Topics.HEARTBEAT_KEY;
        }
        return INCIDENT_ID;
    }
}
