package org.incidentplatform.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** A wrong setting stops the service at start, naming the setting. */
class NotificationPropertiesTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(NotificationProperties.class)
    static class Bound {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bound.class)
            // application.yml as shipped, plus the test secrets of config/application.properties.
            .withInitializer(new ConfigDataApplicationContextInitializer());

    @Test
    void theShippedDefaults_withSecretsSet_bind() {
        context.run(started -> assertThat(started).hasNotFailed()
                .getBean(NotificationProperties.class).satisfies(properties -> {
                    assertThat(properties.webhook().perHostConcurrency()).isEqualTo(16);
                    assertThat(properties.email().mode()).isEqualTo(NotificationProperties.Email.Mode.OUTBOX);
                    assertThat(properties.quarantineAfter()).hasHours(1);
                    assertThat(properties.toString()).doesNotContain(properties.linkSecret());
                }));
    }

    @Test
    void shortLinkSecret_stopsTheStart_namingTheSetting() {
        context.withPropertyValues("notification-service.link-secret=short").run(started ->
                assertThat(started).getFailure().rootCause().hasMessageContaining("notification-service.link-secret"));
    }

    @Test
    void jitterAboveOne_stopsTheStart_namingTheSetting() {
        context.withPropertyValues("notification-service.retry.jitter=1.5").run(started ->
                assertThat(started).getFailure().rootCause().hasMessageContaining("notification-service.retry.jitter"));
    }
}
