package org.incidentplatform.notification.channel;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.incidentplatform.notification.events.ComponentChange;
import org.incidentplatform.notification.events.Delivery;
import org.incidentplatform.notification.events.Notice;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook body in the shape of Atlassian Statuspage's outgoing webhooks, so receivers written
 * for Statuspage read ours: {@code meta}, {@code page}, and {@code incident} with its
 * {@code incident_updates} (newest first); when the event changed component statuses, also
 * {@code component_update} and {@code component} for the first changed component (by id), as
 * Statuspage sends one component per webhook, with all affected components in
 * {@code incident.components}. {@code meta.sequence} is the incident's event sequence, increasing
 * per incident, so receivers can order what they get.
 */
final class StatuspagePayload {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StatuspagePayload() {
    }

    static String json(Delivery delivery, URI statusPageUrl, Instant now) {
        return JSON.writeValueAsString(body(delivery, statusPageUrl, now));
    }

    static Map<String, Object> body(Delivery delivery, URI statusPageUrl, Instant now) {
        Notice notice = delivery.getNotice();
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("unsubscribe", null);
        meta.put("documentation", "https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/");
        meta.put("generated_at", time(now));
        meta.put("event_type", notice.getType().name());
        meta.put("sequence", notice.getSequence());
        body.put("meta", meta);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("id", statusPageUrl.getHost());
        String indicator = open(notice) ? indicator(notice.getImpact()) : "none";
        page.put("status_indicator", indicator);
        page.put("status_description", description(indicator));
        body.put("page", page);
        if (!notice.getChangedComponents().isEmpty()) {
            ComponentChange change = notice.getChangedComponents().get(0);
            body.put("component_update", Map.of(
                    "created_at", time(notice.getOccurredAt()),
                    "new_status", change.getNewStatus(),
                    "old_status", change.getOldStatus(),
                    "id", delivery.getEventId() + ":" + change.getComponentId(),
                    "component_id", change.getComponentId()));
            body.put("component", Map.of(
                    "created_at", time(notice.getCreatedAt()),
                    "id", change.getComponentId(),
                    "name", name(notice, change.getComponentId()),
                    "status", change.getNewStatus()));
        }
        body.put("incident", incident(notice, statusPageUrl));
        return body;
    }

    private static Map<String, Object> incident(Notice notice, URI statusPageUrl) {
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("id", notice.getIncidentId());
        incident.put("name", notice.getTitle());
        incident.put("status", notice.getStatus());
        incident.put("impact", notice.getImpact());
        incident.put("created_at", time(notice.getCreatedAt()));
        incident.put("updated_at", time(notice.getOccurredAt()));
        incident.put("resolved_at", notice.getResolvedAt() == null ? null : time(notice.getResolvedAt()));
        incident.put("scheduled_for", notice.getScheduledFor() == null ? null : time(notice.getScheduledFor()));
        incident.put("scheduled_until", notice.getScheduledUntil() == null ? null : time(notice.getScheduledUntil()));
        incident.put("shortlink", Links.incident(statusPageUrl, notice.getIncidentId()));
        List<Map<String, Object>> components = new ArrayList<>();
        notice.getComponents().forEach((id, status) -> components.add(Map.of("id", id, "name", name(notice, id),
                "status", status)));
        incident.put("components", components);
        List<Map<String, Object>> updates = new ArrayList<>();
        notice.getUpdates().forEach(update -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", update.getId());
            entry.put("incident_id", notice.getIncidentId());
            entry.put("status", update.getStatus());
            entry.put("body", update.getBody());
            entry.put("created_at", time(update.getAt()));
            entry.put("updated_at", time(update.getAt()));
            entry.put("display_at", time(update.getAt()));
            updates.add(entry);
        });
        incident.put("incident_updates", updates);
        return incident;
    }

    /** The component's display name, or its id when the catalogue gave none. */
    static String name(Notice notice, String componentId) {
        return notice.getComponentNames().getOrDefault(componentId, componentId);
    }

    static boolean open(Notice notice) {
        return switch (notice.getType()) {
            case incident_resolved, incident_retracted, postmortem_published, maintenance_completed,
                    maintenance_cancelled, maintenance_scheduled -> false;
            default -> true;
        };
    }

    private static String indicator(String impact) {
        return switch (impact) {
            case "minor", "major", "critical" -> impact;
            case "maintenance" -> "maintenance";
            default -> "none";
        };
    }

    private static String description(String indicator) {
        return switch (indicator) {
            case "minor" -> "Minor Service Outage";
            case "major" -> "Partial System Outage";
            case "critical" -> "Major System Outage";
            case "maintenance" -> "Service Under Maintenance";
            default -> "All Systems Operational";
        };
    }

    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
