package org.incidentplatform.notification.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.incidentplatform.notification.events.Notice;
import org.incidentplatform.notification.events.NoticeType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SlackMessageTests {

    private static final Instant AT = Instant.parse("2026-03-02T09:15:00Z");

    @Test
    void incident_becomesAFallbackTextAndBlocks_withStatusImpactComponentsAndLink() {
        JsonNode message = JsonMapper.builder().build().valueToTree(SlackChannel.message(
                notice(NoticeType.incident_declared, "Checkout <errors> & timeouts"), URI.create("https://status.example.com/")));

        assertThat(message.get("text").asText()).startsWith("New incident: Checkout <errors> & timeouts")
                .endsWith("https://status.example.com/incidents/inc-1");
        assertThat(message.get("blocks").get(0).get("type").asText()).isEqualTo("header");
        String section = message.get("blocks").get(1).get("text").get("text").asText();
        assertThat(section).contains("*Checkout &lt;errors&gt; &amp; timeouts*", "*Status:* Investigating",
                "*Impact:* major", "Payments fail for some users.");
        String context = message.get("blocks").get(2).get("elements").get(0).get("text").asText();
        assertThat(context).contains("Affected: checkout (partial outage)",
                "<https://status.example.com/incidents/inc-1|View on the status page>");
    }

    @Test
    void resolution_saysSoInTheHeader() {
        JsonNode message = JsonMapper.builder().build().valueToTree(SlackChannel.message(
                notice(NoticeType.incident_resolved, "Checkout errors"), URI.create("https://status.example.com")));

        assertThat(message.get("blocks").get(0).get("text").get("text").asText())
                .isEqualTo("Resolved: Checkout errors");
    }

    private static Notice notice(NoticeType type, String title) {
        return Notice.newBuilder()
                .setType(type)
                .setIncidentId("inc-1")
                .setSequence(1)
                .setMaintenance(false)
                .setTitle(title)
                .setStatus("investigating")
                .setImpact("major")
                .setMessage("Payments fail for some users.")
                .setComponents(Map.of("checkout", "partial_outage"))
                .setChangedComponents(List.of())
                .setUpdates(List.of())
                .setCreatedAt(AT)
                .setOccurredAt(AT)
                .build();
    }
}
