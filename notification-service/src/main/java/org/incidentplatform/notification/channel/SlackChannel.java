package org.incidentplatform.notification.channel;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.incidentplatform.notification.events.Delivery;
import org.incidentplatform.notification.events.Notice;
import org.incidentplatform.notification.subscription.Subscription;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts to a Slack incoming webhook: a {@code text} fallback (notifications, old clients) and
 * Block Kit {@code blocks} with the title, status, message, components and a link to the incident.
 * The incoming-webhook URL is itself the credential, so it is never logged.
 */
public final class SlackChannel implements DeliveryChannel {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpPost http;
    private final URI statusPageUrl;

    SlackChannel(HttpPost http, URI statusPageUrl) {
        this.http = http;
        this.statusPageUrl = statusPageUrl;
    }

    @Override
    public AttemptResult deliver(Delivery delivery, Subscription subscription) {
        return http.post(subscription.target(), JSON.writeValueAsString(message(delivery.getNotice(), statusPageUrl)),
                Map.of());
    }

    static Map<String, Object> message(Notice notice, URI statusPageUrl) {
        String link = Links.incident(statusPageUrl, notice.getIncidentId());
        String headline = Wording.headline(notice);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", headline + ": " + notice.getMessage() + " " + link);
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", headline)));
        blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text",
                "*" + escape(notice.getTitle()) + "*\n*Status:* " + Wording.status(notice.getStatus())
                        + (notice.getMaintenance() ? "" : "   *Impact:* " + notice.getImpact())
                        + "\n" + escape(notice.getMessage()))));
        String components = Wording.components(notice);
        blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text",
                (components.isEmpty() ? "" : "Affected: " + escape(components) + " · ") + "<" + link
                        + "|View on the status page>"))));
        message.put("blocks", blocks);
        return message;
    }

    /** Slack's mrkdwn treats these three as control characters. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public String lane(Subscription subscription) {
        return HttpPost.lane(subscription.target());
    }
}
