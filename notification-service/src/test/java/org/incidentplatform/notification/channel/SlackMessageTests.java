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
        JsonNode message = JsonMapper.builder()
                .build()
                .valueToTree(SlackChannel.message(
                        notice(NoticeType.incident_declared, "Checkout <errors> & timeouts"),
                        URI.create("https://status.example.com/")));

        assertThat(message.get("text").asText())
                .startsWith("New incident: Checkout <errors> & timeouts")
                .endsWith("https://status.example.com/incidents/inc-1");
        assertThat(message.get("blocks").get(0).get("type").asText()).isEqualTo("header");
        String section = message.get("blocks").get(1).get("text").get("text").asText();
        assertThat(section)
                .contains(
                        "*Checkout &lt;errors&gt; &amp; timeouts*",
                        "*Status:* Investigating",
                        "*Impact:* major",
                        "Payments fail for some users.");
        String context =
                message.get("blocks").get(2).get("elements").get(0).get("text").asText();
        assertThat(context)
                .contains(
                        "Affected: checkout (partial outage)",
                        "<https://status.example.com/incidents/inc-1|View on the status page>");
    }

    @Test
    void resolution_saysSoInTheHeader() {
        JsonNode message = JsonMapper.builder()
                .build()
                .valueToTree(SlackChannel.message(
                        notice(NoticeType.incident_resolved, "Checkout errors"),
                        URI.create("https://status.example.com")));

        assertThat(message.get("blocks").get(0).get("text").get("text").asText())
                .isEqualTo("Resolved: Checkout errors");
    }

    @Test
    void longTitleMessageAndComponentList_areCutToSlacksLimits_withAnEllipsis_keepingTheLink() {
        Notice notice = notice(NoticeType.incident_updated, "T".repeat(200));
        notice.setMessage("m & <x> ".repeat(1_250));
        Map<String, String> components = new java.util.TreeMap<>();
        for (int i = 0; i < 200; i++) {
            components.put("component-with-a-rather-long-identifier-" + i, "major_outage");
        }
        notice.setComponents(components);

        JsonNode message = JsonMapper.builder()
                .build()
                .valueToTree(SlackChannel.message(notice, URI.create("https://status.example.com")));

        assertThat(notice.getMessage()).hasSize(10_000);
        String header = message.get("blocks").get(0).get("text").get("text").asText();
        assertThat(header)
                .hasSizeLessThanOrEqualTo(150)
                .startsWith("Incident update: TTT")
                .endsWith("…");
        String section = message.get("blocks").get(1).get("text").get("text").asText();
        assertThat(section)
                .hasSizeLessThanOrEqualTo(3000)
                .contains("*Status:* Investigating")
                .endsWith("…")
                // Never half an escape, which Slack would show as raw text.
                .doesNotContainPattern("&(a|am|amp|l|lt|g|gt)?…$");
        String context =
                message.get("blocks").get(2).get("elements").get(0).get("text").asText();
        assertThat(context)
                .hasSizeLessThanOrEqualTo(3000)
                .startsWith("Affected: ")
                .endsWith("… · <https://status.example.com/incidents/inc-1|View on the status page>");
        assertThat(message.get("text").asText())
                .hasSizeLessThanOrEqualTo(3000)
                .endsWith("… https://status.example.com/incidents/inc-1");
    }

    @Test
    void fit_leavesShortTextAlone_andNeverSplitsACharacterOrAnEscape() {
        assertThat(SlackChannel.fit("short", 150)).isEqualTo("short");
        assertThat(SlackChannel.fit("x".repeat(150), 150)).hasSize(150).doesNotContain("…");
        assertThat(SlackChannel.fit("abc😀def", 5)).isEqualTo("abc…");
        assertThat(SlackChannel.fit("ab&amp;cdef", 6)).isEqualTo("ab…");
        assertThat(SlackChannel.fit("ab&amp;cdef", 8)).isEqualTo("ab&amp;…");
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
