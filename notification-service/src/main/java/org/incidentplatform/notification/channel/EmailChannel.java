package org.incidentplatform.notification.channel;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.incidentplatform.notification.events.Delivery;
import org.incidentplatform.notification.events.Notice;
import org.incidentplatform.notification.subscription.LinkSigner;
import org.incidentplatform.notification.subscription.Subscription;
import org.incidentplatform.schemas.Vocabulary.Words;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Incident mail and the double opt-in confirmation, each with an HTML and a plain-text body from
 * the templates under {@code mail/}. Every incident mail carries its signed unsubscribe link, also
 * as {@code List-Unsubscribe} (RFC 2369) with one-click unsubscribe (RFC 8058).
 */
public final class EmailChannel implements DeliveryChannel {

    private final MailTransport transport;
    private final ITemplateEngine html;
    private final ITemplateEngine text;
    private final String from;
    private final URI publicUrl;
    private final URI statusPageUrl;
    private final LinkSigner links;

    EmailChannel(MailTransport transport, ITemplateEngine html, ITemplateEngine text, String from, URI publicUrl,
                 URI statusPageUrl, LinkSigner links) {
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
        Notice notice = delivery.getNotice();
        String unsubscribe = Links.unsubscribe(publicUrl, links, subscription.id());
        Map<String, Object> model = Map.of(
                "notice", notice,
                "headline", Wording.headline(notice),
                "status", Words.of(notice.getStatus()).sentence(),
                "components", Wording.components(notice),
                "incidentUrl", Links.incident(statusPageUrl, notice.getIncidentId()),
                "unsubscribeUrl", unsubscribe);
        return send(subscription.target(), "[" + statusPageUrl.getHost() + "] " + Wording.headline(notice),
                "incident", model, unsubscribe, delivery.getDeliveryId().toString());
    }

    /** The double opt-in mail: nothing else is sent to the address until its link is followed. */
    public AttemptResult sendConfirmation(Subscription subscription) {
        Map<String, Object> model = Map.of(
                "confirmUrl", Links.confirm(publicUrl, links, subscription.id()),
                "statusPageUrl", statusPageUrl.toString(),
                "components", String.join(", ", subscription.components().stream().sorted().toList()),
                "minImpact", subscription.minImpact().wireValue());
        return send(subscription.target(), "Confirm your subscription to " + statusPageUrl.getHost(), "confirm",
                model, null, subscription.id());
    }

    private AttemptResult send(String to, String subject, String template, Map<String, Object> model,
                               String unsubscribeUrl, String messageKey) {
        long start = System.nanoTime();
        try {
            Context context = new Context(Locale.ENGLISH, model);
            MimeMessage message = transport.newMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(from);
            helper.setTo(to);
            helper.setSubject(subject);
            helper.setText(text.process("mail/" + template + ".txt", context),
                    html.process("mail/" + template + ".html", context));
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
}
