package org.incidentplatform.notification.channel;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.incidentplatform.notification.events.ComponentChange;
import org.incidentplatform.notification.events.Notice;
import org.incidentplatform.notification.events.NoticeUpdate;
import org.incidentplatform.schemas.Vocabulary.Impact;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook bodies in the shape of Atlassian Statuspage's outgoing webhooks, so receivers written for
 * Statuspage read ours, split as Statuspage splits them: every notice is an {@code incident} webhook
 * ({@code meta}, {@code page}, {@code incident} with its {@code incident_updates}, newest first), and
 * each component whose status the event changed is a {@code component_update} webhook of its own
 * ({@code meta}, {@code page}, {@code component_update}, {@code component}), so a receiver that
 * branches on which key is present reads each right. {@code meta.sequence} is the incident's event
 * sequence, increasing per incident, so receivers can order what they get.
 *
 * <p>The bodies are the same for every subscriber but for {@code meta.unsubscribe}: each is rendered
 * once per event as a {@link BodyTemplate} that takes the subscriber's unsubscribe link.
 */
final class StatuspagePayload {

    static final String DOCUMENTATION = "https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StatuspagePayload() {}

    /** Who the page is: its id as the Statuspage v2 API reports it, and its public URL. */
    record Page(String id, URI url) {}

    /**
     * What one event sends every webhook subscriber.
     *
     * @param components one body per changed component, by component id, in id order
     */
    record Webhooks(BodyTemplate incident, Map<String, BodyTemplate> components) {}

    static Webhooks render(Notice notice, String eventId, Page page, Instant generatedAt) {
        Map<String, BodyTemplate> components = new LinkedHashMap<>();
        for (ComponentChange change : notice.getChangedComponents()) {
            components.put(
                    change.getComponentId(),
                    BodyTemplate.of(
                            JSON.writeValueAsString(componentBody(notice, change, eventId, page, generatedAt))));
        }
        return new Webhooks(
                BodyTemplate.of(JSON.writeValueAsString(incidentBody(notice, page, generatedAt))), components);
    }

    /** The {@code incident} webhook, with {@code meta.unsubscribe} null: the template's open place. */
    static Map<String, Object> incidentBody(Notice notice, Page page, Instant generatedAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meta", meta(notice, generatedAt));
        body.put("page", page(notice, page));
        body.put("incident", incident(notice, page));
        return body;
    }

    /** One changed component's {@code component_update} webhook, with {@code meta.unsubscribe} null. */
    static Map<String, Object> componentBody(
            Notice notice, ComponentChange change, String eventId, Page page, Instant generatedAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meta", meta(notice, generatedAt));
        body.put("page", page(notice, page));
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("created_at", time(notice.getOccurredAt()));
        update.put("new_status", change.getNewStatus());
        update.put("old_status", change.getOldStatus());
        update.put("id", eventId + ":" + change.getComponentId());
        update.put("component_id", change.getComponentId());
        body.put("component_update", update);
        Map<String, Object> component = new LinkedHashMap<>();
        // The catalogue's creation time of the component is not in the notice; the incident's is the closest known.
        component.put("created_at", time(notice.getCreatedAt()));
        component.put("id", change.getComponentId());
        component.put("name", name(notice, change.getComponentId()));
        component.put("status", change.getNewStatus());
        body.put("component", component);
        return body;
    }

    private static Map<String, Object> meta(Notice notice, Instant generatedAt) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("unsubscribe", null);
        meta.put("documentation", DOCUMENTATION);
        meta.put("generated_at", time(generatedAt));
        meta.put("event_type", notice.getType().name());
        meta.put("sequence", notice.getSequence());
        return meta;
    }

    private static Map<String, Object> page(Notice notice, Page page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", page.id());
        String indicator = open(notice) ? indicator(notice.getImpact()) : "none";
        body.put("status_indicator", indicator);
        body.put("status_description", Impact.fromWireValue(indicator).indicatorDescription());
        return body;
    }

    /**
     * Atlassian's incident object with what a notice knows. {@code impact_override} is null: our impact is set
     * by a person, never calculated from component statuses, so there is nothing it overrides. Reminders,
     * Twitter and automatic transitions of incidents are not features of this platform: their flags are false.
     */
    private static Map<String, Object> incident(Notice notice, Page page) {
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("id", notice.getIncidentId());
        incident.put("name", notice.getTitle());
        incident.put("status", notice.getStatus());
        incident.put("impact", notice.getImpact());
        incident.put("impact_override", null);
        incident.put("backfilled", notice.getBackfilled());
        incident.put("created_at", time(notice.getCreatedAt()));
        incident.put("updated_at", time(notice.getOccurredAt()));
        incident.put("monitoring_at", time(monitoringAt(notice)));
        incident.put("resolved_at", time(notice.getResolvedAt()));
        incident.put("postmortem_body", notice.getPostmortemBody());
        incident.put("postmortem_body_last_updated_at", time(notice.getPostmortemPublishedAt()));
        incident.put("postmortem_published_at", time(notice.getPostmortemPublishedAt()));
        incident.put("postmortem_ignored", false);
        incident.put("postmortem_notified_subscribers", notice.getPostmortemBody() != null);
        incident.put("postmortem_notified_twitter", false);
        incident.put("scheduled_for", time(notice.getScheduledFor()));
        incident.put("scheduled_until", time(notice.getScheduledUntil()));
        incident.put("scheduled_remind_prior", false);
        incident.put("scheduled_reminded_at", null);
        // Maintenance may start and complete by itself; the notice does not say whether this one does.
        incident.put("scheduled_auto_transition", notice.getMaintenance() ? null : false);
        incident.put("shortlink", Links.incident(page.url(), notice.getIncidentId()));
        incident.put("page_id", page.id());
        incident.put("organization_id", page.id());
        List<Map<String, Object>> components = new ArrayList<>();
        notice.getComponents()
                .forEach((id, status) -> components.add(Map.of("id", id, "name", name(notice, id), "status", status)));
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
            entry.put("wants_twitter_update", false);
            entry.put("twitter_updated_at", null);
            updates.add(entry);
        });
        incident.put("incident_updates", updates);
        return incident;
    }

    /** When the incident last entered monitoring, from its timeline (newest first); null if it never did. */
    static Instant monitoringAt(Notice notice) {
        List<NoticeUpdate> updates = notice.getUpdates();
        Instant entered = null;
        String previous = null;
        for (int i = updates.size() - 1; i >= 0; i--) {
            NoticeUpdate update = updates.get(i);
            if ("monitoring".equals(update.getStatus()) && !"monitoring".equals(previous)) {
                entered = update.getAt();
            }
            previous = update.getStatus();
        }
        return entered;
    }

    /** The component's display name, or its id when the catalogue gave none. */
    static String name(Notice notice, String componentId) {
        return notice.getComponentNames().getOrDefault(componentId, componentId);
    }

    static boolean open(Notice notice) {
        return switch (notice.getType()) {
            case incident_resolved,
                    incident_retracted,
                    postmortem_published,
                    maintenance_completed,
                    maintenance_cancelled,
                    maintenance_scheduled -> false;
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

    static String time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
