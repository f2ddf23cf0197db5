package org.incidentplatform.projection.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The uptime weight is a setting; a bad one stops the service at start, naming it. */
class AnalyticsSettingsTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AnalyticsProperties.class)
    static class Settings {}

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void partialOutageWeight_defaultsToDesigns0point3() {
        context.run(
                started -> assertThat(started.getBean(AnalyticsProperties.class).partialOutageWeight())
                        .isEqualTo(0.3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0.1", "1.5"})
    void partialOutageWeight_outsideZeroToOne_stopsStart_namingIt(String weight) {
        context.withPropertyValues("projection-service.analytics.partial-outage-weight=" + weight)
                .run(started -> {
                    assertThat(started).hasFailed();
                    StringBuilder messages = new StringBuilder();
                    for (Throwable cause = started.getStartupFailure(); cause != null; cause = cause.getCause()) {
                        messages.append(cause.getMessage()).append('\n');
                    }
                    assertThat(messages)
                            .contains("projection-service.analytics.partial-outage-weight must be between 0 and 1");
                });
    }
}
