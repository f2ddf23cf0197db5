package org.incidentplatform.projection.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Where the subscribe form posts: a bad address stops the service at start, naming the setting. */
class SubscriptionSettingsTests {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(PageConfiguration.class);

    @Test
    void default_isNotificationServiceOnThisMachine() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            SubscriptionProperties subscriptions = started.getBean(SubscriptionProperties.class);
            assertThat(subscriptions.subscriptionsEndpoint()).isEqualTo("http://127.0.0.1:8083/api/v1/subscriptions");
            assertThat(subscriptions.origin()).isEqualTo("http://127.0.0.1:8083");
        });
    }

    @Test
    void publicAddressWithAPath_keepsThePath_andThePolicyNamesOnlyTheOrigin() {
        SubscriptionProperties behindAProxy =
                new SubscriptionProperties(URI.create("https://Status.Example.com/notify/"));

        assertThat(behindAProxy.subscriptionsEndpoint())
                .isEqualTo("https://Status.Example.com/notify/api/v1/subscriptions");
        assertThat(behindAProxy.origin()).isEqualTo("https://status.example.com");
        assertThat(StatusPageController.policy(behindAProxy)).contains("connect-src https://status.example.com;");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "localhost:8083                           | projection-service.notification-url must be an absolute http:// or https:// URL",
                "ftp://files.example.com                  | projection-service.notification-url must be an absolute http:// or https:// URL",
                "https://user:secret@notify.example.com   | projection-service.notification-url must have no user, query or fragment",
                "https://notify.example.com/?a=b          | projection-service.notification-url must have no user, query or fragment"
            })
    void badAddress_stopsStart_namingTheSetting(String url, String message) {
        context.withPropertyValues("projection-service.notification-url=" + url).run(started -> {
            assertThat(started).hasFailed();
            StringBuilder all = new StringBuilder();
            for (Throwable cause = started.getStartupFailure(); cause != null; cause = cause.getCause()) {
                all.append(cause.getMessage()).append('\n');
            }
            assertThat(all.toString()).contains(message);
        });
    }
}
