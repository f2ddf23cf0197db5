package org.incidentplatform.projection.page;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.Locale;
import org.incidentplatform.service.HttpUrl;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the page's "Subscribe to updates" form sends readers: notification-service's public address.
 * The reader's browser calls it, so it must be the address readers reach (not an internal one), and
 * notification-service must allow this page's origin (its {@code status-page-url}).
 *
 * @param notificationUrl notification-service's public base URL; the form posts to
 *                        {@code <notificationUrl>/api/v1/subscriptions}
 */
@ConfigurationProperties("projection-service")
@Validated
public record SubscriptionProperties(
        @DefaultValue(DEFAULT_URL)
        @NotNull(message = "projection-service.notification-url must be set")
        @HttpUrl(message = "projection-service.notification-url must be an absolute http:// or https:// URL")
        URI notificationUrl) {

    static final String DEFAULT_URL = "http://127.0.0.1:8083";
    static final SubscriptionProperties DEFAULT = new SubscriptionProperties(URI.create(DEFAULT_URL));

    /** The page embeds it in a script's target and its Content-Security-Policy: a plain base address only. */
    @AssertTrue(message = "projection-service.notification-url must have no user, query or fragment")
    public boolean isPlainBase() {
        return notificationUrl == null
                || (notificationUrl.getRawUserInfo() == null
                        && notificationUrl.getRawQuery() == null
                        && notificationUrl.getRawFragment() == null);
    }

    /** What the form posts to. */
    public String subscriptionsEndpoint() {
        String base = notificationUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1/subscriptions";
    }

    /** What the page's Content-Security-Policy lets its script connect to: scheme, host and port only. */
    public String origin() {
        String origin = notificationUrl.getScheme().toLowerCase(Locale.ROOT) + "://"
                + notificationUrl.getHost().toLowerCase(Locale.ROOT);
        return notificationUrl.getPort() < 0 ? origin : origin + ":" + notificationUrl.getPort();
    }
}
