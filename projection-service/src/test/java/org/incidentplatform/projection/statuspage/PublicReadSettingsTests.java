package org.incidentplatform.projection.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** A bad setting stops the service at start, naming the setting. */
class PublicReadSettingsTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({StatusPageProperties.class, PublicReadProperties.class})
    static class Settings {}

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class)
            .withPropertyValues(
                    "projection-service.page.id=acme-page",
                    "projection-service.page.name=Acme",
                    "projection-service.page.url=https://status.acme.test");

    @Test
    void defaults_waitFiveSeconds_aThousandAtOnce_cacheTenSeconds_inUtc() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            PublicReadProperties reads = started.getBean(PublicReadProperties.class);
            assertThat(reads.readYourWritesTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(reads.readYourWritesMaxWaiters()).isEqualTo(1000);
            assertThat(reads.cacheMaxAge()).isEqualTo(Duration.ofSeconds(10));
            assertThat(started.getBean(StatusPageProperties.class).timeZone()).isEqualTo("Etc/UTC");
        });
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "projection-service.read-your-writes-timeout=31s | projection-service.read-your-writes-timeout must be between 1ms and 30s",
                "projection-service.read-your-writes-timeout=0s  | projection-service.read-your-writes-timeout must be between 1ms and 30s",
                "projection-service.read-your-writes-max-waiters=0 | projection-service.read-your-writes-max-waiters must be between 1 and 100000",
                "projection-service.read-your-writes-max-waiters=100001 | projection-service.read-your-writes-max-waiters must be between 1 and 100000",
                "projection-service.cache-max-age=2h             | projection-service.cache-max-age must be between 0s and 1h",
                "projection-service.page.url=status.acme.test    | projection-service.page.url must be an absolute http:// or https:// URL",
                "projection-service.page.id=                     | projection-service.page.id must be set",
                "projection-service.page.time-zone=Mars/Olympus  | projection-service.page.time-zone must be an IANA time zone"
            })
    void badSetting_stopsStart_namingIt(String setting, String message) {
        context.withPropertyValues(setting).run(started -> {
            assertThat(started).hasFailed();
            assertThat(messages(started.getStartupFailure())).contains(message);
        });
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }
}
