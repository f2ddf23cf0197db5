package org.incidentplatform.incident.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Map;
import org.incidentplatform.incident.command.StreamKind;
import org.incidentplatform.incident.domain.Catalogue;
import org.incidentplatform.incident.domain.CatalogueCommand;
import org.incidentplatform.incident.domain.CatalogueCommand.AddComponent;
import org.incidentplatform.incident.domain.CatalogueCommand.AddGroup;
import org.incidentplatform.incident.domain.CatalogueCommand.RemoveComponent;
import org.incidentplatform.incident.domain.CatalogueCommand.RemoveGroup;
import org.incidentplatform.incident.domain.CatalogueCommand.RenameGroup;
import org.incidentplatform.incident.domain.CatalogueCommand.ReviseComponent;
import org.incidentplatform.incident.domain.CatalogueDecider;
import org.incidentplatform.incident.web.CommandExchange.Submitted;
import org.incidentplatform.incident.web.CommandExchange.Write;
import org.incidentplatform.service.web.JsonRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The component catalogue: one stream, {@value Catalogue#STREAM_ID}, of components and their groups. */
@RestController
class CatalogueController {

    /** The decider names catalogue fields by what they are; the component API by where they are. */
    private static final Map<String, String> COMPONENT_FIELDS = Map.of("componentId", "id", "groupId", "group");

    private static final Map<String, String> GROUP_FIELDS = Map.of("groupId", "id");

    private final CommandExchange exchange;
    private final Streams streams;

    CatalogueController(CommandExchange exchange, Streams streams) {
        this.exchange = exchange;
        this.streams = streams;
    }

    record AddComponentRequest(
            String id, String name, String group, String description, Integer position, Boolean hidden)
            implements JsonRequest {}

    record ReviseComponentRequest(String name, String group, String description, Integer position)
            implements JsonRequest {}

    record AddGroupRequest(String id, String name, String description, Integer position) implements JsonRequest {}

    record RenameGroupRequest(String name) implements JsonRequest {}

    @PostMapping(path = "/api/v1/components", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Written> addComponent(
            @RequestBody AddComponentRequest body, Principal principal, HttpServletRequest http) {
        Write write = exchange.open(http, principal, body);
        String id = catalogueId("id", body.id());
        var command = new AddComponent(
                id,
                Fields.required("name", body.name()),
                body.description(),
                groupId(body.group()),
                position(body.position()),
                Fields.flag(body.hidden()),
                Fields.STAMPED_ON_DECISION);
        Submitted submitted = submit(write, command, COMPONENT_FIELDS);
        return submitted.created("/api/v1/components/" + id, new Written(id, submitted.version()));
    }

    @PutMapping(path = "/api/v1/components/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Written> reviseComponent(
            @PathVariable String id,
            @RequestBody ReviseComponentRequest body,
            Principal principal,
            HttpServletRequest http) {
        Fields.pathId("component", id);
        Write write = exchange.open(http, principal, body);
        var command = new ReviseComponent(
                id,
                Fields.required("name", body.name()),
                body.description(),
                groupId(body.group()),
                body.position(),
                Fields.STAMPED_ON_DECISION);
        Submitted submitted = submit(write, command, COMPONENT_FIELDS);
        return submitted.ok(new Written(id, submitted.version()));
    }

    @DeleteMapping("/api/v1/components/{id}")
    ResponseEntity<Written> removeComponent(@PathVariable String id, Principal principal, HttpServletRequest http) {
        Fields.pathId("component", id);
        Write write = exchange.open(http, principal, null);
        Submitted submitted = submit(write, new RemoveComponent(id, Fields.STAMPED_ON_DECISION), COMPONENT_FIELDS);
        return submitted.ok(new Written(id, submitted.version()));
    }

    @PostMapping(path = "/api/v1/component-groups", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Written> addGroup(@RequestBody AddGroupRequest body, Principal principal, HttpServletRequest http) {
        Write write = exchange.open(http, principal, body);
        String id = catalogueId("id", body.id());
        var command = new AddGroup(
                id,
                Fields.required("name", body.name()),
                body.description(),
                position(body.position()),
                Fields.STAMPED_ON_DECISION);
        Submitted submitted = submit(write, command, GROUP_FIELDS);
        return submitted.created("/api/v1/component-groups/" + id, new Written(id, submitted.version()));
    }

    @PutMapping(path = "/api/v1/component-groups/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Written> renameGroup(
            @PathVariable String id,
            @RequestBody RenameGroupRequest body,
            Principal principal,
            HttpServletRequest http) {
        Fields.pathId("component group", id);
        Write write = exchange.open(http, principal, body);
        var command = new RenameGroup(id, Fields.required("name", body.name()), Fields.STAMPED_ON_DECISION);
        Submitted submitted = submit(write, command, GROUP_FIELDS);
        return submitted.ok(new Written(id, submitted.version()));
    }

    @DeleteMapping("/api/v1/component-groups/{id}")
    ResponseEntity<Written> removeGroup(@PathVariable String id, Principal principal, HttpServletRequest http) {
        Fields.pathId("component group", id);
        Write write = exchange.open(http, principal, null);
        Submitted submitted = submit(write, new RemoveGroup(id, Fields.STAMPED_ON_DECISION), GROUP_FIELDS);
        return submitted.ok(new Written(id, submitted.version()));
    }

    /** The catalogue's raw events, for audit. An empty catalogue has no events yet, which is no error. */
    @GetMapping("/api/v1/components/events")
    ResponseEntity<?> events(
            @RequestParam(required = false) String after,
            @RequestParam(required = false) String limit,
            HttpServletRequest http) {
        return streams.events(StreamKind.CATALOGUE, "catalogue", Catalogue.STREAM_ID, true, after, limit, http);
    }

    private Submitted submit(Write write, CatalogueCommand command, Map<String, String> fields) {
        return exchange.submit(write, Catalogue.STREAM_ID, command, fields);
    }

    private static String catalogueId(String field, String id) {
        Fields.required(field, id);
        if (!CatalogueDecider.ID.matcher(id).matches()) {
            throw new InvalidFieldException(
                    field,
                    field + " must be 1 to 63 lower-case letters, digits and dashes,"
                            + " not starting with a dash, e.g. web-app; was '" + id + "'");
        }
        return id;
    }

    /** A group id: absent or blank means no group. */
    private static String groupId(String group) {
        return group == null || group.isBlank() ? null : catalogueId("group", group);
    }

    private static int position(Integer position) {
        return position == null ? 0 : position;
    }
}
