package org.incidentplatform.notification.channel;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.incidentplatform.notification.events.Notice;
import org.incidentplatform.notification.subscription.Channel;
import org.incidentplatform.notification.subscription.LinkSigner;
import org.incidentplatform.notification.subscription.Subscription;
import org.incidentplatform.schemas.Vocabulary.Impact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymeleaf.templatemode.TemplateMode;

/** Incident mail is rendered once per event; each subscriber's mail differs only by its own unsubscribe link. */
class EmailChannelTests {

    private static final Instant NOW = Instant.parse("2026-03-02T09:20:00Z");
    private static final URI PUBLIC_URL = URI.create("https://notify.example.com");

    @TempDir
    Path outbox;

    private final LinkSigner links = new LinkSigner("test-link-secret-of-at-least-32-characters");

    private EmailChannel channel() {
        return new EmailChannel(
                new MailTransport.Outbox(outbox),
                Channels.engine(TemplateMode.HTML),
                Channels.engine(TemplateMode.TEXT),
                "status@example.com",
                PUBLIC_URL,
                URI.create("https://status.example.com"),
                links);
    }

    @Test
    void twoSubscribers_getMailRenderedOnce_identicalButForTheirUnsubscribeLink() throws Exception {
        EmailChannel channel = channel();
        Subscription first = subscription();
        Subscription second = subscription();

        assertThat(channel.deliver(Deliveries.firstAttempt("event-1", first, NOW), first)
                        .delivered())
                .isTrue();
        assertThat(channel.deliver(Deliveries.firstAttempt("event-1", second, NOW), second)
                        .delivered())
                .isTrue();

        assertThat(channel.rendered.renders()).isEqualTo(1);
        MimeMessage toFirst = mailTo(first.target());
        MimeMessage toSecond = mailTo(second.target());
        String firstLink = Links.unsubscribe(PUBLIC_URL, links, first.id());
        String secondLink = Links.unsubscribe(PUBLIC_URL, links, second.id());
        assertThat(toFirst.getHeader("List-Unsubscribe")[0]).isEqualTo("<" + firstLink + ">");
        assertThat(EmailTests.plain(toFirst))
                .contains("Unsubscribe: " + firstLink)
                .doesNotContain(EmailChannel.UNSUBSCRIBE_PLACEHOLDER);
        assertThat(EmailTests.html(toFirst)).contains("href=\"" + firstLink + "\"");
        assertThat(EmailTests.plain(toFirst).replace(firstLink, secondLink)).isEqualTo(EmailTests.plain(toSecond));
        assertThat(EmailTests.html(toFirst).replace(firstLink, secondLink)).isEqualTo(EmailTests.html(toSecond));
    }

    /** Whatever the link holds, filling in the placeholder gives the bytes a render with the link would. */
    @Test
    void aBodyRenderedOnce_isTheBodyRenderedForTheSubscriber_evenForALinkThatNeedsEscaping() {
        EmailChannel channel = channel();
        Notice notice = StatuspageContractTests.monitoring();
        for (String link : List.of(
                Links.unsubscribe(PUBLIC_URL, links, "sub_1"),
                "https://notify.example.com/a?x=1&y=<2>&z='3'&w=\"4\"")) {
            EmailChannel.Bodies direct = channel.render("incident", channel.incidentModel(notice, link));
            EmailChannel.Bodies filledIn = channel.render(
                            "incident", channel.incidentModel(notice, EmailChannel.UNSUBSCRIBE_PLACEHOLDER))
                    .forSubscriber(link);
            assertThat(filledIn).as(link).isEqualTo(direct);
        }
    }

    private MimeMessage mailTo(String address) throws Exception {
        try (Stream<Path> files = Files.list(outbox)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
                    if (message.getAllRecipients()[0].toString().equals(address)) {
                        return message;
                    }
                }
            }
        }
        throw new AssertionError("no mail to " + address);
    }

    private static Subscription subscription() {
        String id = "sub_" + UUID.randomUUID().toString().replace("-", "");
        return new Subscription(
                id,
                Channel.EMAIL,
                id + "@example.com",
                Set.of(),
                Impact.NONE,
                true,
                Subscription.Status.ACTIVE,
                null,
                NOW,
                NOW);
    }
}
