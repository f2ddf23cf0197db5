package org.incidentplatform.notification.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.incidentplatform.events.ComponentStatus.partial_outage;
import static org.incidentplatform.events.IncidentStatus.identified;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.incidentplatform.events.Impact;
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.incidentplatform.notification.IncidentLog;
import org.incidentplatform.notification.NotificationInstance;
import org.incidentplatform.notification.WebhookSink;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Email through a real SMTP server (GreenMail on loopback): double opt-in, incident mail, unsubscribe. */
@ExtendWith(LocalPlatformExtension.class)
class EmailTests {

    private static GreenMail smtp;
    private static NotificationInstance service;
    private static IncidentLog incidents;
    private static WebhookSink sink;

    private final GivenEvents given = GivenEvents.happeningNow();

    @BeforeAll
    static void start() throws Exception {
        IncidentLog.createTopics();
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        sink = new WebhookSink();
        incidents = new IncidentLog();
        service = NotificationInstance.start(
                NotificationInstance.newStateDir(),
                Map.of(
                        "notification-service.email.mode", "smtp",
                        "spring.mail.host", "127.0.0.1",
                        "spring.mail.port", smtp.getSmtp().getPort(),
                        "notification-service.status-page-url", "https://status.example.test"));
    }

    @AfterAll
    static void stop() {
        service.close();
        incidents.close();
        sink.close();
        smtp.stop();
    }

    @Test
    void confirmedSubscriber_getsIncidentMail_andItsUnsubscribeLinkWorks() throws Exception {
        String component = "component-" + UUID.randomUUID();
        String address = "reader-" + UUID.randomUUID() + "@example.test";
        String unconfirmed = "silent-" + UUID.randomUUID() + "@example.test";
        String id = subscribe(address, component);
        subscribe(unconfirmed, component);

        MimeMessage confirmation = awaitMail(address, 1).get(0);
        assertThat(confirmation.getSubject()).contains("Confirm");
        String confirm = link(text(confirmation), "/api/v1/subscriptions/" + id + "/confirm");
        assertThat(service.submit(confirm).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "active"
                        .equals(service.get("/api/v1/subscriptions/" + id, true)
                                .body()
                                .get("status")
                                .asText()));
        String probe = sink.hook();
        service.subscribeWebhook(probe, component);
        // The fan-out reads subscriptions on its own; the probe webhook shows when it has them all.
        String incident = "inc-" + UUID.randomUUID();
        incidents.append(given.declared(
                        incident,
                        "Email delays",
                        Impact.major,
                        "We are investigating errors on " + component + ".",
                        Map.of(component, partial_outage))
                .event());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sink.incidentsAt(probe).size() == 1);

        MimeMessage mail = awaitMail(address, 2).get(1);
        assertThat(mail.getSubject()).contains("New incident: Email delays");
        String text = plain(mail);
        String html = html(mail);
        for (String body : List.of(text, html)) {
            assertThat(body)
                    .contains(
                            "Email delays",
                            "Investigating",
                            "major",
                            "We are investigating errors on " + component,
                            component + " (partial outage)",
                            "https://status.example.test/incidents/" + incident);
        }
        String unsubscribe = link(text, "/api/v1/subscriptions/" + id + "/unsubscribe");
        assertThat(html).contains(unsubscribe.replace("&", "&amp;").substring(unsubscribe.indexOf("/api/")));
        assertThat(mail.getHeader("List-Unsubscribe")[0]).contains(unsubscribe);
        assertThat(mailsTo(unconfirmed))
                .as("an unconfirmed address gets only the confirmation")
                .hasSize(1);

        assertThat(service.get(unsubscribe, false).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "unsubscribed"
                        .equals(service.get("/api/v1/subscriptions/" + id, true)
                                .body()
                                .get("status")
                                .asText()));
        incidents.append(given.incident(incident)
                .updated("Mail is flowing again.", identified, Map.of())
                .event());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sink.incidentsAt(probe).size() == 2);
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(mailsTo(address)).hasSize(2);
        assertThat(service.get("/api/v1/deliveries?incidentId=" + incident + "&status=delivered", true)
                        .body())
                .anySatisfy(
                        delivery -> assertThat(delivery.get("channel").asText()).isEqualTo("email"));
    }

    private static String subscribe(String address, String component) {
        NotificationInstance.Answer answer = service.post(
                "/api/v1/subscriptions",
                "{\"channel\":\"email\",\"target\":\"" + address + "\",\"components\":[\"" + component + "\"]}",
                false);
        assertThat(answer.status()).isEqualTo(202);
        return answer.body().get("id").asText();
    }

    private static List<MimeMessage> awaitMail(String address, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(address).size() >= count);
        return mailsTo(address);
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(message -> {
                    try {
                        return Arrays.stream(message.getAllRecipients())
                                .anyMatch(r -> r.toString().equals(address));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    /** The path and query of the first link in the text that contains the given path. */
    private static String link(String text, String path) {
        Matcher matcher = Pattern.compile("https?://\\S+?(" + Pattern.quote(path) + "\\?token=[A-Za-z0-9_-]+)")
                .matcher(text);
        assertThat(matcher.find()).as("a link to %s in %s", path, text).isTrue();
        return matcher.group(1);
    }

    private static String text(MimeMessage message) throws Exception {
        return plain(message);
    }

    static String plain(Part part) throws Exception {
        return find(part, "text/plain");
    }

    static String html(Part part) throws Exception {
        return find(part, "text/html");
    }

    private static String find(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return part.getContent().toString();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = find(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
