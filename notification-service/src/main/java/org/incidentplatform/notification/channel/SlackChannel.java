package org.incidentplatform.notification.channel;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.incidentplatform.notification.events.Delivery;
import org.incidentplatform.notification.events.Notice;
import org.incidentplatform.notification.subscription.Subscription;
import org.incidentplatform.schemas.Vocabulary.Words;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts to a Slack incoming webhook: a {@code text} fallback (notifications, old clients) and
 * Block Kit {@code blocks} with the title, status, message, components and a link to the incident.
 * Slack refuses a block over its limit with 400, so every text is cut to fit, with an ellipsis; the
 * link to the incident is kept whole. The incoming-webhook URL is itself the credential, so it is never logged.
 */
public final class SlackChannel implements DeliveryChannel {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Block Kit's limits: a header's plain_text, and any other text object (section, context element). */
    static final int MAX_HEADER = 150;

    static final int MAX_TEXT = 3000;
    static final String ELLIPSIS = "…";

    private final HttpPost http;
    private final URI statusPageUrl;
    /** The message is the same for every subscriber: rendered once per event. */
    final RenderedBodies<String> rendered = new RenderedBodies<>(WebhookChannel.RENDERED_EVENTS);

    SlackChannel(HttpPost http, URI statusPageUrl) {
        this.http = http;
        this.statusPageUrl = statusPageUrl;
    }

    @Override
    public AttemptResult deliver(Delivery delivery, Subscription subscription) {
        String message = rendered.of(
                delivery.getEventId(), () -> JSON.writeValueAsString(message(delivery.getNotice(), statusPageUrl)));
        return http.post(subscription.target(), message, Map.of());
    }

    static Map<String, Object> message(Notice notice, URI statusPageUrl) {
        String link = Links.incident(statusPageUrl, notice.getIncidentId());
        String headline = Wording.headline(notice);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", fit(headline + ": " + notice.getMessage(), MAX_TEXT - link.length() - 1) + " " + link);
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", fit(headline, MAX_HEADER))));
        blocks.add(Map.of(
                "type",
                "section",
                "text",
                Map.of(
                        "type",
                        "mrkdwn",
                        "text",
                        fit(
                                "*" + escape(notice.getTitle()) + "*\n*Status:* "
                                        + Words.of(notice.getStatus()).sentence()
                                        + (notice.getMaintenance() ? "" : "   *Impact:* " + notice.getImpact())
                                        + "\n" + escape(notice.getMessage()),
                                MAX_TEXT))));
        String components = Wording.components(notice);
        String linked = "<" + link + "|View on the status page>";
        blocks.add(Map.of(
                "type",
                "context",
                "elements",
                List.of(Map.of(
                        "type",
                        "mrkdwn",
                        "text",
                        (components.isEmpty()
                                        ? ""
                                        : fit("Affected: " + escape(components), MAX_TEXT - linked.length() - 3)
                                                + " · ")
                                + linked))));
        message.put("blocks", blocks);
        return message;
    }

    /**
     * The text cut to {@code limit} characters, ending with an ellipsis, if it is longer. The cut never
     * splits a surrogate pair, nor leaves half of an {@code &amp;}-style escape, which Slack would show raw.
     */
    static String fit(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int end = limit - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        int escape = text.lastIndexOf('&', end - 1);
        if (escape >= 0 && end - escape < "&amp;".length() && text.indexOf(';', escape) >= end) {
            end = escape;
        }
        return text.substring(0, end) + ELLIPSIS;
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
