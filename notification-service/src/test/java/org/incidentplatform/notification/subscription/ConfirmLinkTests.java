package org.incidentplatform.notification.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.incidentplatform.notification.IncidentLog;
import org.incidentplatform.notification.NotificationInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The double opt-in link over real HTTP, on a service whose clock stands still until a test moves it:
 * the link's GET only shows the button, the POST confirms, and time runs out for the link and for
 * the pending subscription exactly when the settings say (short here; the clock moves only when told).
 */
@ExtendWith(LocalPlatformExtension.class)
class ConfirmLinkTests {

    private static final Duration TOKEN_TTL = Duration.ofSeconds(2);
    private static final Duration PENDING_TTL = Duration.ofSeconds(4);
    private static final Path OUTBOX = Path.of("target/outbox-" + System.nanoTime());
    private static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.parse("2026-03-02T09:00:00Z"));

    private static NotificationInstance service;

    @Configuration(proxyBeanMethods = false)
    static class StandingClock {
        @Bean
        @Primary
        Clock standingClock() {
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return NOW.get();
                }
            };
        }
    }

    @BeforeAll
    static void start() throws Exception {
        IncidentLog.createTopics();
        service = NotificationInstance.start(
                NotificationInstance.newStateDir(),
                Map.of(
                        "notification-service.email.outbox-dir",
                        OUTBOX.toString(),
                        "notification-service.confirmation.token-ttl",
                        TOKEN_TTL.toSeconds() + "s",
                        "notification-service.confirmation.pending-ttl",
                        PENDING_TTL.toSeconds() + "s",
                        "spring.main.allow-bean-definition-overriding",
                        true,
                        "spring.main.sources",
                        StandingClock.class.getName()));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void linksGet_showsAButtonAndConfirmsNothing_itsPost_confirms() throws Exception {
        String id = subscribe();
        String link = confirmLink(id);

        NotificationInstance.Answer page = service.get(link, false);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.response().body())
                .contains(
                        "<form method=\"post\" action=\"confirm?token=" + link.substring(link.indexOf("token=") + 6)
                                + "\">",
                        "<button type=\"submit\">");
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(status(id)).isEqualTo("pending");

        NotificationInstance.Answer confirmed = service.submit(link);

        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.response().body()).contains("Subscription confirmed");
        await().atMost(Duration.ofSeconds(10)).until(() -> "active".equals(status(id)));
    }

    @Test
    void linkOlderThanTheTokenTtl_isGone_andConfirmsNothing() throws Exception {
        String id = subscribe();
        String link = confirmLink(id);
        NOW.set(NOW.get().plus(TOKEN_TTL));

        NotificationInstance.Answer page = service.get(link, false);
        NotificationInstance.Answer confirm = service.submit(link);

        for (NotificationInstance.Answer answer : new NotificationInstance.Answer[] {page, confirm}) {
            assertThat(answer.status()).isEqualTo(410);
            assertThat(answer.response().headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(answer.body().get("detail").asText()).contains("expired", "subscribe again");
        }
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(status(id)).isEqualTo("pending");
    }

    @Test
    void pendingSubscription_isForgottenWhenItExpires_aConfirmedOneIsNot() throws Exception {
        String pending = subscribe();
        String link = confirmLink(pending);
        String confirmed = subscribe();
        assertThat(service.submit(confirmLink(confirmed)).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "active".equals(status(confirmed)));

        NOW.set(NOW.get().plus(PENDING_TTL).plus(PendingExpiry.GRACE));

        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        service.get("/api/v1/subscriptions/" + pending, true).status() == 404);
        assertThat(service.get("/api/v1/subscriptions", true).response().body())
                .doesNotContain(pending)
                .contains(confirmed);
        assertThat(status(confirmed)).isEqualTo("active");
        assertThat(service.get(link, false).status()).isEqualTo(410);
    }

    private static String subscribe() {
        NotificationInstance.Answer created = service.post(
                "/api/v1/subscriptions",
                "{\"channel\":\"email\",\"target\":\"reader-" + UUID.randomUUID() + "@example.test\"}",
                false);
        assertThat(created.status()).isEqualTo(202);
        String id = created.body().get("id").asText();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> service.get("/api/v1/subscriptions/" + id, true).status() == 200);
        return id;
    }

    private static String status(String id) {
        return service.get("/api/v1/subscriptions/" + id, true)
                .body()
                .get("status")
                .asText();
    }

    /** The path of the confirm link in the mail to this subscription's address. */
    private static String confirmLink(String id) throws IOException {
        Pattern link = Pattern.compile("http://\\S+(/api/v1/subscriptions/" + id + "/confirm\\?token=[A-Za-z0-9_-]+)");
        AtomicReference<String> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            if (!Files.isDirectory(OUTBOX)) {
                return false;
            }
            try (Stream<Path> files = Files.list(OUTBOX)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                    Matcher matcher = link.matcher(Files.readString(file)
                            .replace("=\r\n", "")
                            .replace("=\n", "")
                            .replace("=3D", "="));
                    if (matcher.find()) {
                        found.set(matcher.group(1));
                        return true;
                    }
                }
            }
            return false;
        });
        return found.get();
    }
}
