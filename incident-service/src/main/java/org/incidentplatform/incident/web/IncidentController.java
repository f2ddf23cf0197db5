package org.incidentplatform.incident.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.incidentplatform.incident.command.StreamKind;
import org.incidentplatform.incident.domain.IncidentCommand.AddActionItem;
import org.incidentplatform.incident.domain.IncidentCommand.CompleteActionItem;
import org.incidentplatform.incident.domain.IncidentCommand.DeclareIncident;
import org.incidentplatform.incident.domain.IncidentCommand.PostUpdate;
import org.incidentplatform.incident.domain.IncidentCommand.PublishPostmortem;
import org.incidentplatform.incident.domain.IncidentCommand.ReopenIncident;
import org.incidentplatform.incident.domain.IncidentCommand.ResolveIncident;
import org.incidentplatform.incident.domain.IncidentCommand.RetractIncident;
import org.incidentplatform.incident.domain.IncidentStatus;
import org.incidentplatform.incident.web.CommandExchange.Submitted;
import org.incidentplatform.incident.web.CommandExchange.Write;
import org.incidentplatform.schemas.Vocabulary.Impact;
import org.incidentplatform.service.web.JsonRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Incidents: declared, updated, resolved, reopened or retracted, then written up with a postmortem. */
@RestController
class IncidentController {

    private static final String INCIDENT = "incident";

    private final CommandExchange exchange;
    private final Streams streams;

    IncidentController(CommandExchange exchange, Streams streams) {
        this.exchange = exchange;
        this.streams = streams;
    }

    record DeclareIncidentRequest(
            String title,
            String impact,
            String status,
            String message,
            Map<String, String> components,
            String startedAt,
            String detectedAt,
            String detectedBy,
            String occurredAt)
            implements JsonRequest {}

    record PostUpdateRequest(
            String message, String status, String impact, Map<String, String> components, String occurredAt)
            implements JsonRequest {}

    record ResolveRequest(String message, Map<String, String> components, String occurredAt) implements JsonRequest {}

    record ReopenRequest(String message, String status, Map<String, String> components, String occurredAt)
            implements JsonRequest {}

    record RetractRequest(String reason, String occurredAt) implements JsonRequest {}

    record PostmortemRequest(String body, String rootCause, List<String> contributingFactors, String occurredAt)
            implements JsonRequest {}

    record AddActionItemRequest(String id, String title, String owner, String dueDate, String occurredAt)
            implements JsonRequest {}

    record CompleteActionItemRequest(String note, String occurredAt) implements JsonRequest {}

    /** @param actionItemId the item's id, given or assigned: the one to complete it by */
    record ActionItemWritten(String id, String actionItemId, long version) {}

    @PostMapping(path = "/api/v1/incidents", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Written> declare(
            @RequestBody DeclareIncidentRequest body, Principal principal, HttpServletRequest http) {
        Write write = exchange.open(http, principal, body);
        String id = StreamIds.assign(INCIDENT, write.actor(), write.idempotencyKey());
        var command = new DeclareIncident(
                id,
                Fields.required("title", body.title()),
                Fields.requiredWireValue("impact", body.impact(), Impact.class, Impact::fromWireValue),
                Fields.requiredWireValue("status", body.status(), IncidentStatus.class, IncidentStatus::fromWireValue),
                Fields.required("message", body.message()),
                Fields.required("components", Fields.components("components", body.components())),
                Fields.time("startedAt", body.startedAt()),
                Fields.time("detectedAt", body.detectedAt()),
                body.detectedBy(),
                Fields.occurredAt(body.occurredAt()));
        Submitted submitted = exchange.submit(write, id, command);
        return submitted.created("/api/v1/incidents/" + id, new Written(id, submitted.version()));
    }

    @PostMapping(path = "/api/v1/incidents/{id}/updates", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Written> postUpdate(
            @PathVariable String id,
            @RequestBody PostUpdateRequest body,
            Principal principal,
            HttpServletRequest http) {
        Fields.pathId(INCIDENT, id);
        Write write = exchange.open(http, principal, body);
        var command = new PostUpdate(
                Fields.required("message", body.message()),
                Fields.wireValue("status", body.status(), IncidentStatus.class, IncidentStatus::fromWireValue),
                Fields.wireValue("impact", body.impact(), Impact.class, Impact::fromWireValue),
                Fields.components("components", body.components()),
                Fields.occurredAt(body.occurredAt()));
        return appended(id, exchange.submit(write, id, command));
    }

    @PostMapping(path = "/api/v1/incidents/{id}/resolve", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Written> resolve(
            @PathVariable String id, @RequestBody ResolveRequest body, Principal principal, HttpServletRequest http) {
        Fields.pathId(INCIDENT, id);
        Write write = exchange.open(http, principal, body);
        var command = new ResolveIncident(
                Fields.required("message", body.message()),
                Fields.components("components", body.components()),
                Fields.occurredAt(body.occurredAt()));
        return appended(id, exchange.submit(write, id, command));
    }

    /** Without a status the incident goes back to investigating: it was resolved too soon, look again. */
    @PostMapping(path = "/api/v1/incidents/{id}/reopen", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Written> reopen(
            @PathVariable String id, @RequestBody ReopenRequest body, Principal principal, HttpServletRequest http) {
        Fields.pathId(INCIDENT, id);
        Write write = exchange.open(http, principal, body);
        IncidentStatus status =
                Fields.wireValue("status", body.status(), IncidentStatus.class, IncidentStatus::fromWireValue);
        var command = new ReopenIncident(
                Fields.required("message", body.message()),
                status != null ? status : IncidentStatus.INVESTIGATING,
                Fields.components("components", body.components()),
                Fields.occurredAt(body.occurredAt()));
        return appended(id, exchange.submit(write, id, command));
    }

    @PostMapping(path = "/api/v1/incidents/{id}/retract", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Written> retract(
            @PathVariable String id, @RequestBody RetractRequest body, Principal principal, HttpServletRequest http) {
        Fields.pathId(INCIDENT, id);
        Write write = exchange.open(http, principal, body);
        var command =
                new RetractIncident(Fields.required("reason", body.reason()), Fields.occurredAt(body.occurredAt()));
        return appended(id, exchange.submit(write, id, command));
    }

    @PostMapping(path = "/api/v1/incidents/{id}/postmortem", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Written> publishPostmortem(
            @PathVariable String id,
            @RequestBody PostmortemRequest body,
            Principal principal,
            HttpServletRequest http) {
        Fields.pathId(INCIDENT, id);
        Write write = exchange.open(http, principal, body);
        var command = new PublishPostmortem(
                Fields.required("body", body.body()),
                Fields.required("rootCause", body.rootCause()),
                body.contributingFactors(),
                Fields.occurredAt(body.occurredAt()));
        return appended(id, exchange.submit(write, id, command));
    }

    @PostMapping(path = "/api/v1/incidents/{id}/action-items", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ActionItemWritten> addActionItem(
            @PathVariable String id,
            @RequestBody AddActionItemRequest body,
            Principal principal,
            HttpServletRequest http) {
        Fields.pathId(INCIDENT, id);
        Write write = exchange.open(http, principal, body);
        String itemId = body.id() != null
                ? Fields.required("id", body.id())
                : StreamIds.assign("action-item", write.actor(), write.idempotencyKey(), id);
        var command = new AddActionItem(
                itemId,
                Fields.required("title", body.title()),
                body.owner(),
                Fields.date("dueDate", body.dueDate()),
                Fields.occurredAt(body.occurredAt()));
        Submitted submitted = exchange.submit(write, id, command, Map.of("actionItemId", "id"));
        return submitted.appended(new ActionItemWritten(id, itemId, submitted.version()));
    }

    @PostMapping("/api/v1/incidents/{id}/action-items/{itemId}/complete")
    ResponseEntity<Written> completeActionItem(
            @PathVariable String id,
            @PathVariable String itemId,
            @RequestBody(required = false) CompleteActionItemRequest body,
            Principal principal,
            HttpServletRequest http) {
        Fields.pathId(INCIDENT, id);
        Write write = exchange.open(http, principal, body);
        CompleteActionItemRequest given = body != null ? body : new CompleteActionItemRequest(null, null);
        var command = new CompleteActionItem(itemId, given.note(), Fields.occurredAt(given.occurredAt()));
        return appended(id, exchange.submit(write, id, command));
    }

    @GetMapping("/api/v1/incidents/{id}/events")
    ResponseEntity<?> events(
            @PathVariable String id,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) String limit,
            HttpServletRequest http) {
        Fields.pathId(INCIDENT, id);
        return streams.events(StreamKind.INCIDENT, INCIDENT, id, false, after, limit, http);
    }

    private static ResponseEntity<Written> appended(String id, Submitted submitted) {
        return submitted.appended(new Written(id, submitted.version()));
    }
}
