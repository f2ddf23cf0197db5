package org.incidentplatform.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.incidentplatform.notification.channel.Channels;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** A wrong setting stops the service at start, naming the setting. */
class NotificationPropertiesTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(NotificationProperties.class)
    @Import(Channels.class)
    static class Bound {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bound.class)
            // application.yml as shipped, plus the test secrets of config/application.properties.
            .withInitializer(new ConfigDataApplicationContextInitializer());

    @Test
    void theShippedDefaults_withSecretsSet_bind() {
        context.run(started -> assertThat(started)
                .hasNotFailed()
                .getBean(NotificationProperties.class)
                .satisfies(properties -> {
                    assertThat(properties.webhook().perHostConcurrency()).isEqualTo(16);
                    assertThat(properties.email().mode()).isEqualTo(NotificationProperties.Email.Mode.OUTBOX);
                    assertThat(properties.quarantineAfter()).hasHours(1);
                    assertThat(properties.confirmation().tokenTtl()).hasHours(48);
                    assertThat(properties.confirmation().pendingTtl()).hasHours(48);
                    assertThat(properties.toString()).doesNotContain(properties.linkSecret());
                }));
    }

    @Test
    void shortLinkSecret_stopsTheStart_namingTheSetting() {
        context.withPropertyValues("notification-service.link-secret=short")
                .run(started -> assertThat(started)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("notification-service.link-secret"));
    }

    @Test
    void aMalformedAllowListRange_stopsTheStart_namingTheSetting() {
        context.withPropertyValues("notification-service.allow-list=127.0.0.1,10.0.0.0/99")
                .run(started -> assertThat(started)
                        .getFailure()
                        .hasStackTraceContaining(
                                "notification-service.allow-list: prefix out of range in 10.0.0.0/99"));
        context.withPropertyValues("notification-service.allow-list=10.0.0.0/eight")
                .run(started -> assertThat(started)
                        .getFailure()
                        .hasStackTraceContaining(
                                "notification-service.allow-list: not an address range: 10.0.0.0/eight"));
    }

    @Test
    void anUnknownEmailMode_stopsTheStart_namingTheSetting() {
        context.withPropertyValues("notification-service.email.mode=pigeon")
                .run(started ->
                        assertThat(started).getFailure().hasStackTraceContaining("notification-service.email.mode"));
    }

    @Test
    void smtpModeWithoutAMailHost_stopsTheStart_namingBothSettings() {
        context.withPropertyValues("notification-service.email.mode=smtp")
                .run(
                        started -> assertThat(started)
                                .getFailure()
                                .hasStackTraceContaining(
                                        "spring.mail.host (SPRING_MAIL_HOST) must be set when notification-service.email.mode is smtp"));
    }

    @Test
    void jitterAboveOne_stopsTheStart_namingTheSetting() {
        context.withPropertyValues("notification-service.retry.jitter=1.5")
                .run(started -> assertThat(started)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("notification-service.retry.jitter"));
    }

    @Test
    void aConfirmLinkOutlivingItsPendingSubscription_orNotLivingAtAll_stopsTheStart_namingTheSetting() {
        context.withPropertyValues("notification-service.confirmation.token-ttl=72h")
                .run(started -> assertThat(started)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("notification-service.confirmation.token-ttl must not be longer than "
                                + "notification-service.confirmation.pending-ttl"));
        context.withPropertyValues("notification-service.confirmation.token-ttl=0s")
                .run(started -> assertThat(started)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("notification-service.confirmation.token-ttl must be positive"));
    }
}
