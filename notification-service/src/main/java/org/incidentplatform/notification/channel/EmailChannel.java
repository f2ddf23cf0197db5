package org.incidentplatform.notification.channel;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.incidentplatform.notification.events.Delivery;
import org.incidentplatform.notification.events.Notice;
import org.incidentplatform.notification.subscription.LinkSigner;
import org.incidentplatform.notification.subscription.Subscription;
import org.incidentplatform.schemas.Vocabulary.Words;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.unbescape.html.HtmlEscape;

/**
 * Incident mail and the double opt-in confirmation, each with an HTML and a plain-text body from
 * the templates under {@code mail/}. Every incident mail carries its signed unsubscribe link, also
 * as {@code List-Unsubscribe} (RFC 2369) with one-click unsubscribe (RFC 8058). An incident mail's bodies are
 * rendered once per event, with a placeholder where the unsubscribe link goes; each subscriber's mail fills in its
 * own link (HTML-escaped in the HTML body, as the template would), so ten thousand subscribers cost one render.
 */
public final class EmailChannel implements DeliveryChannel {

    /** Stands for a subscriber's unsubscribe link in a body rendered for all of them; no real link looks like it. */
    static final String UNSUBSCRIBE_PLACEHOLDER = "https://unsubscribe.invalid/each-subscriber-s-own-link";

    private final MailTransport transport;
    private final ITemplateEngine html;
    private final ITemplateEngine text;
    private final String from;
    private final URI publicUrl;
    private final URI statusPageUrl;
    private final LinkSigner links;
    final RenderedBodies<Bodies> rendered = new RenderedBodies<>(WebhookChannel.RENDERED_EVENTS);

    EmailChannel(
            MailTransport transport,
            ITemplateEngine html,
            ITemplateEngine text,
            String from,
            URI publicUrl,
            URI statusPageUrl,
            LinkSigner links) {
        this.transport = transport;
        this.html = html;
        this.text = text;
        this.from = from;
        this.publicUrl = publicUrl;
        this.statusPageUrl = statusPageUrl;
        this.links = links;
    }

    @Override
    public AttemptResult deliver(Delivery delivery, Subscription subscription) {
        long start = System.nanoTime();
        Notice notice = delivery.getNotice();
        String unsubscribe = Links.unsubscribe(publicUrl, links, subscription.id());
        Bodies bodies;
        try {
            bodies = rendered.of(
                    delivery.getEventId(), () -> render("incident", incidentModel(notice, UNSUBSCRIBE_PLACEHOLDER)));
        } catch (RuntimeException e) {
            return new AttemptResult(false, null, "mail not sent: " + e.getMessage(), elapsed(start));
        }
        return send(
                subscription.target(),
                "[" + statusPageUrl.getHost() + "] " + Wording.headline(notice),
                bodies.forSubscriber(unsubscribe),
                unsubscribe,
                delivery.getDeliveryId().toString(),
                start);
    }

    /** What the incident templates show; {@code unsubscribeUrl} is a subscriber's link or the placeholder. */
    Map<String, Object> incidentModel(Notice notice, String unsubscribeUrl) {
        return Map.of(
                "notice", notice,
                "headline", Wording.headline(notice),
                "status", Words.of(notice.getStatus()).sentence(),
                "components", Wording.components(notice),
                "incidentUrl", Links.incident(statusPageUrl, notice.getIncidentId()),
                "unsubscribeUrl", unsubscribeUrl);
    }

    /** The double opt-in mail: nothing else is sent to the address until its link is followed. */
    public AttemptResult sendConfirmation(Subscription subscription) {
        long start = System.nanoTime();
        Map<String, Object> model = Map.of(
                "confirmUrl", Links.confirm(publicUrl, links, subscription.id()),
                "statusPageUrl", statusPageUrl.toString(),
                "components",
                        String.join(
                                ", ",
                                subscription.components().stream().sorted().toList()),
                "minImpact", subscription.minImpact().wireValue());
        try {
            return send(
                    subscription.target(),
                    "Confirm your subscription to " + statusPageUrl.getHost(),
                    render("confirm", model),
                    null,
                    subscription.id(),
                    start);
        } catch (RuntimeException e) {
            return new AttemptResult(false, null, "mail not sent: " + e.getMessage(), elapsed(start));
        }
    }

    Bodies render(String template, Map<String, Object> model) {
        Context context = new Context(Locale.ENGLISH, model);
        return new Bodies(
                text.process("mail/" + template + ".txt", context),
                html.process("mail/" + template + ".html", context));
    }

    private AttemptResult send(
            String to, String subject, Bodies bodies, String unsubscribeUrl, String messageKey, long start) {
        try {
            MimeMessage message = transport.newMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(from);
            helper.setTo(to);
            helper.setSubject(subject);
            helper.setText(bodies.text(), bodies.html());
            if (unsubscribeUrl != null) {
                message.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
                message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            message.setHeader("X-Notification-Id", messageKey);
            String reply = transport.send(message);
            return new AttemptResult(true, null, reply, elapsed(start));
        } catch (MessagingException | IOException | RuntimeException e) {
            return new AttemptResult(false, null, "mail not sent: " + e.getMessage(), elapsed(start));
        }
    }

    @Override
    public String lane(Subscription subscription) {
        return transport.lane();
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** A mail's plain-text and HTML bodies. */
    record Bodies(String text, String html) {

        /** These bodies with the placeholder replaced by the subscriber's link, escaped in HTML as Thymeleaf does. */
        Bodies forSubscriber(String unsubscribeUrl) {
            return new Bodies(
                    text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribeUrl),
                    html.replace(UNSUBSCRIBE_PLACEHOLDER, HtmlEscape.escapeHtml4Xml(unsubscribeUrl)));
        }
    }
}
