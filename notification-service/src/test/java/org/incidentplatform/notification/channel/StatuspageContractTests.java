package org.incidentplatform.notification.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.incidentplatform.notification.events.ComponentChange;
import org.incidentplatform.notification.events.Notice;
import org.incidentplatform.notification.events.NoticeType;
import org.incidentplatform.notification.events.NoticeUpdate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Our webhook bodies against the examples Atlassian publishes in "Enable webhook notifications"
 * (https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/, stored under
 * {@code statuspage/}): every key of an example, at every level, is in ours with the same JSON type, and
 * the incident and component webhooks are separate bodies, as Atlassian sends them.
 */
class StatuspageContractTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2026-03-02T09:15:00Z");
    private static final StatuspagePayload.Page PAGE =
            new StatuspagePayload.Page("incident-platform", URI.create("https://status.example.com"));
    private static final String UNSUBSCRIBE =
            "https://notify.example.com/api/v1/subscriptions/sub_1/unsubscribe?token=t";

    @Test
    void incidentWebhook_hasEveryKeyOfAtlassiansExample_withItsType_andNoComponentUpdate() {
        StatuspagePayload.Webhooks webhooks = StatuspagePayload.render(monitoring(), "event-3", PAGE, T0);

        JsonNode ours = JSON.readTree(webhooks.incident().forSubscriber(UNSUBSCRIBE));

        assertShape(example("incident-webhook.json"), ours, "$");
        assertThat(ours.has("component_update")).isFalse();
        assertThat(ours.has("component")).isFalse();
    }

    @Test
    void componentWebhook_hasEveryKeyOfAtlassiansExample_withItsType_andNoIncident() {
        StatuspagePayload.Webhooks webhooks = StatuspagePayload.render(monitoring(), "event-3", PAGE, T0);

        assertThat(webhooks.components()).containsOnlyKeys("checkout");
        JsonNode ours = JSON.readTree(webhooks.components().get("checkout").forSubscriber(UNSUBSCRIBE));

        assertShape(example("component-update-webhook.json"), ours, "$");
        assertThat(ours.has("incident")).isFalse();
        assertThat(ours.at("/component_update/old_status").asString()).isEqualTo("major_outage");
        assertThat(ours.at("/component_update/new_status").asString()).isEqualTo("degraded_performance");
        assertThat(ours.at("/component/name").asString()).isEqualTo("Checkout API");
    }

    @Test
    void incident_fillsWhatTheNoticeKnows_inAtlassiansFields() {
        JsonNode ours = JSON.readTree(StatuspagePayload.render(monitoring(), "event-3", PAGE, T0)
                .incident()
                .forSubscriber(UNSUBSCRIBE));

        assertThat(ours.at("/meta/unsubscribe").asString()).isEqualTo(UNSUBSCRIBE);
        assertThat(ours.at("/page/id").asString()).isEqualTo("incident-platform");
        assertThat(ours.at("/incident/organization_id").asString()).isEqualTo("incident-platform");
        // Entered monitoring twice; the second time is the one that stands.
        assertThat(ours.at("/incident/monitoring_at").asString())
                .isEqualTo(T0.plusSeconds(300).toString());
        assertThat(ours.at("/incident/postmortem_body").isNull()).isTrue();
        assertThat(ours.at("/incident/incident_updates/0/body").asString()).isEqualTo("Watching the fix.");
    }

    @Test
    void postmortemNotice_carriesTheBodyAndWhenItWasPublished() {
        Notice notice = monitoring();
        notice.setType(NoticeType.postmortem_published);
        notice.setStatus("postmortem");
        notice.setChangedComponents(List.of());
        notice.setPostmortemBody("The disk filled up.");
        notice.setPostmortemPublishedAt(T0.plusSeconds(900));

        StatuspagePayload.Webhooks webhooks = StatuspagePayload.render(notice, "event-4", PAGE, T0);

        JsonNode incident =
                JSON.readTree(webhooks.incident().forSubscriber(UNSUBSCRIBE)).get("incident");
        assertThat(incident.get("postmortem_body").asString()).isEqualTo("The disk filled up.");
        assertThat(incident.get("postmortem_published_at").asString())
                .isEqualTo(T0.plusSeconds(900).toString());
        assertThat(incident.get("postmortem_notified_subscribers").asBoolean()).isTrue();
        assertThat(webhooks.components()).isEmpty();
    }

    /**
     * Each key of the example is in ours with the same JSON type; a null in the example is a value Atlassian
     * leaves out when unknown, so ours may be null or a string there. An array's elements each have the shape
     * of the example's first.
     */
    private static void assertShape(JsonNode example, JsonNode ours, String path) {
        if (example.isNull()) {
            assertThat(ours.isNull() || ours.isString())
                    .as(path + " is null or a string, is " + ours)
                    .isTrue();
            return;
        }
        assertThat(ours.getNodeType()).as(path).isEqualTo(example.getNodeType());
        if (example.isObject()) {
            for (Map.Entry<String, JsonNode> field : example.properties()) {
                assertThat(ours.has(field.getKey()))
                        .as(path + " has " + field.getKey())
                        .isTrue();
                assertShape(field.getValue(), ours.get(field.getKey()), path + "." + field.getKey());
            }
        } else if (example.isArray() && !example.isEmpty()) {
            assertThat(ours).as(path + " is not empty").isNotEmpty();
            for (int i = 0; i < ours.size(); i++) {
                assertShape(example.get(0), ours.get(i), path + "[" + i + "]");
            }
        }
    }

    private static JsonNode example(String name) {
        try (InputStream in = StatuspageContractTests.class.getResourceAsStream("/statuspage/" + name)) {
            return JSON.readTree(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(name, e);
        }
    }

    /** An incident that went investigating, monitoring, identified, monitoring again; this event's update first. */
    static Notice monitoring() {
        return Notice.newBuilder()
                .setType(NoticeType.incident_updated)
                .setIncidentId("inc-1")
                .setSequence(4)
                .setMaintenance(false)
                .setTitle("Checkout errors")
                .setStatus("monitoring")
                .setImpact("major")
                .setMessage("Watching the fix.")
                .setComponents(Map.of("checkout", "degraded_performance"))
                .setComponentNames(Map.of("checkout", "Checkout API"))
                .setChangedComponents(List.of(new ComponentChange("checkout", "major_outage", "degraded_performance")))
                .setUpdates(List.of(
                        new NoticeUpdate("u4", "monitoring", "Watching the fix.", T0.plusSeconds(300)),
                        new NoticeUpdate("u3", "identified", "It came back.", T0.plusSeconds(200)),
                        new NoticeUpdate("u2", "monitoring", "A fix is out.", T0.plusSeconds(100)),
                        new NoticeUpdate("u1", "investigating", "Checkout fails.", T0)))
                .setCreatedAt(T0)
                .setOccurredAt(T0.plusSeconds(300))
                .build();
    }
}
