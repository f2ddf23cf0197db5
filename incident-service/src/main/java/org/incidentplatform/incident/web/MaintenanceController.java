package org.incidentplatform.incident.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiFunction;
import org.incidentplatform.incident.command.StreamKind;
import org.incidentplatform.incident.domain.MaintenanceCommand;
import org.incidentplatform.incident.domain.MaintenanceCommand.CancelMaintenance;
import org.incidentplatform.incident.domain.MaintenanceCommand.CompleteMaintenance;
import org.incidentplatform.incident.domain.MaintenanceCommand.PostMaintenanceUpdate;
import org.incidentplatform.incident.domain.MaintenanceCommand.ScheduleMaintenance;
import org.incidentplatform.incident.domain.MaintenanceCommand.StartMaintenance;
import org.incidentplatform.incident.domain.MaintenanceCommand.VerifyMaintenance;
import org.incidentplatform.incident.web.CommandExchange.Submitted;
import org.incidentplatform.incident.web.CommandExchange.Write;
import org.incidentplatform.service.web.JsonRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Scheduled maintenance: announced ahead, then started, verified, completed, or cancelled. */
@RestController
class MaintenanceController {

    private static final String MAINTENANCE = "maintenance";

    private final CommandExchange exchange;
    private final Streams streams;

    MaintenanceController(CommandExchange exchange, Streams streams) {
        this.exchange = exchange;
        this.streams = streams;
    }

    record ScheduleMaintenanceRequest(
            String title,
            String message,
            Map<String, String> components,
            String scheduledFor,
            String scheduledUntil,
            Boolean autoStart,
            Boolean autoComplete,
            String occurredAt)
            implements JsonRequest {}

    record MaintenanceNoteRequest(String message, String occurredAt) implements JsonRequest {}

    @PostMapping(path = "/api/v1/maintenances", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Written> schedule(
            @RequestBody ScheduleMaintenanceRequest body, Principal principal, HttpServletRequest http) {
        Write write = exchange.open(http, principal, body);
        String id = StreamIds.assign(MAINTENANCE, write.actor(), write.idempotencyKey());
        var command = new ScheduleMaintenance(
                id,
                Fields.required("title", body.title()),
                Fields.required("message", body.message()),
                Fields.required("components", Fields.components("components", body.components())),
                Fields.plannedTime("scheduledFor", body.scheduledFor()),
                Fields.plannedTime("scheduledUntil", body.scheduledUntil()),
                Fields.flag(body.autoStart()),
                Fields.flag(body.autoComplete()),
                Fields.occurredAt(body.occurredAt()));
        Submitted submitted = exchange.submit(write, id, command);
        return submitted.created("/api/v1/maintenances/" + id, new Written(id, submitted.version()));
    }

    @PostMapping(path = "/api/v1/maintenances/{id}/updates", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Written> postUpdate(
            @PathVariable String id,
            @RequestBody MaintenanceNoteRequest body,
            Principal principal,
            HttpServletRequest http) {
        return note(id, body, principal, http, PostMaintenanceUpdate::new);
    }

    @PostMapping(path = "/api/v1/maintenances/{id}/start", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Written> start(
            @PathVariable String id,
            @RequestBody MaintenanceNoteRequest body,
            Principal principal,
            HttpServletRequest http) {
        return note(id, body, principal, http, (message, at) -> new StartMaintenance(message, false, at));
    }

    @PostMapping(path = "/api/v1/maintenances/{id}/verify", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Written> verify(
            @PathVariable String id,
            @RequestBody MaintenanceNoteRequest body,
            Principal principal,
            HttpServletRequest http) {
        return note(id, body, principal, http, VerifyMaintenance::new);
    }

    @PostMapping(path = "/api/v1/maintenances/{id}/complete", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Written> complete(
            @PathVariable String id,
            @RequestBody MaintenanceNoteRequest body,
            Principal principal,
            HttpServletRequest http) {
        return note(id, body, principal, http, (message, at) -> new CompleteMaintenance(message, false, at));
    }

    @PostMapping(path = "/api/v1/maintenances/{id}/cancel", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Written> cancel(
            @PathVariable String id,
            @RequestBody MaintenanceNoteRequest body,
            Principal principal,
            HttpServletRequest http) {
        return note(id, body, principal, http, CancelMaintenance::new);
    }

    @GetMapping("/api/v1/maintenances/{id}/events")
    ResponseEntity<?> events(
            @PathVariable String id,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) String limit,
            HttpServletRequest http) {
        Fields.pathId(MAINTENANCE, id);
        return streams.events(StreamKind.MAINTENANCE, MAINTENANCE, id, false, after, limit, http);
    }

    /** The steps after scheduling all take a public message and when it happened. */
    private ResponseEntity<Written> note(
            String id,
            MaintenanceNoteRequest body,
            Principal principal,
            HttpServletRequest http,
            BiFunction<String, Instant, MaintenanceCommand> step) {
        Fields.pathId(MAINTENANCE, id);
        Write write = exchange.open(http, principal, body);
        var command = step.apply(Fields.required("message", body.message()), Fields.occurredAt(body.occurredAt()));
        Submitted submitted = exchange.submit(write, id, command);
        return submitted.appended(new Written(id, submitted.version()));
    }
}
