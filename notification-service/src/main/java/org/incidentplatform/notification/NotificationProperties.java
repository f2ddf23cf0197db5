package org.incidentplatform.notification;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything an operator can tune, bound from {@code notification-service.*} (defaults in
 * application.yml, each overridable from the environment) and validated at start: a bad value stops
 * the service naming the setting.
 *
 * @param publicUrl     base URL at which subscribers reach this service: confirm and unsubscribe links
 * @param statusPageUrl base URL of the public status page: links to an incident
 * @param pageId        the status page's id, as projection-service's Statuspage v2 API reports it ({@code page.id}
 *                      of webhooks); both read {@code STATUS_PAGE_ID}
 * @param linkSecret    HMAC key of confirm and unsubscribe links ({@code NOTIFICATION_SERVICE_LINK_SECRET})
 * @param webhook       HTTP delivery settings
 * @param retry         backoff and parking
 * @param quarantineAfter a subscription whose deliveries fail without a success for this long stops receiving
 * @param allowList     hosts or CIDR ranges that may be reached over plain http and at private addresses
 * @param email         how email leaves this service
 * @param rateLimit     per-client limit on the subscription endpoints
 * @param retryCheckInterval how often the retry scheduler looks for due retries
 * @param dispatchConsumers  consumer threads of the dispatcher per instance (each takes some partitions)
 * @param confirmation how long an email subscription may wait for its double opt-in
 */
@ConfigurationProperties("notification-service")
@Validated
public record NotificationProperties(
        @NotNull(message = "notification-service.public-url must be set")
        URI publicUrl,

        @NotNull(message = "notification-service.status-page-url must be set")
        URI statusPageUrl,

        @NotBlank(message = "notification-service.page-id (STATUS_PAGE_ID) must be set")
        String pageId,

        @NotBlank(message = "notification-service.link-secret (NOTIFICATION_SERVICE_LINK_SECRET) must be set")
        @Size(
                min = 32,
                message =
                        "notification-service.link-secret (NOTIFICATION_SERVICE_LINK_SECRET) must be at least 32 characters")
        String linkSecret,

        @NotNull @Valid Webhook webhook,
        @NotNull @Valid Retry retry,

        @NotNull(message = "notification-service.quarantine-after must be set")
        Duration quarantineAfter,

        @NotNull List<@NotBlank String> allowList,
        @NotNull @Valid Email email,
        @NotNull @Valid RateLimit rateLimit,

        @NotNull(message = "notification-service.retry-check-interval must be set") @DefaultValue("1s")
        Duration retryCheckInterval,

        @Min(value = 1, message = "notification-service.dispatch-consumers must be at least 1")
        @Max(value = 64, message = "notification-service.dispatch-consumers must be at most 64")
        @DefaultValue("2")
        int dispatchConsumers,

        @NotNull @Valid @DefaultValue Confirmation confirmation) {

    /** Keeps the secrets out of logs and failure reports. */
    @Override
    public String toString() {
        return "NotificationProperties[publicUrl=" + publicUrl + ", statusPageUrl=" + statusPageUrl + ", pageId="
                + pageId + ", webhook="
                + webhook + ", retry=" + retry + ", quarantineAfter=" + quarantineAfter + ", allowList=" + allowList
                + ", email=" + email + ", rateLimit=" + rateLimit + ", confirmation=" + confirmation + "]";
    }

    /**
     * @param timeout            a delivery is failed when no 2xx arrives within this
     * @param perHostConcurrency requests in flight to one host at most, so one slow host cannot take every thread
     * @param maxInFlight        requests in flight in all, per instance
     */
    public record Webhook(
            @NotNull(message = "notification-service.webhook.timeout must be set")
            Duration timeout,

            @Min(value = 1, message = "notification-service.webhook.per-host-concurrency must be at least 1")
            int perHostConcurrency,

            @Min(value = 1, message = "notification-service.webhook.max-in-flight must be at least 1")
            int maxInFlight) {}

    /**
     * Attempt n (1-based) after a failure waits {@code min(max, initial × multiplier^(n-1))}, less up
     * to {@code jitter} of it at random, so that subscribers failing together do not retry together.
     *
     * @param maxAttempts attempts before the delivery is parked
     * @param maxAge      age (from the fan-out) after which a failing delivery is parked whatever its attempts
     */
    public record Retry(
            @NotNull(message = "notification-service.retry.initial must be set")
            Duration initial,

            @NotNull(message = "notification-service.retry.max must be set")
            Duration max,

            @DecimalMin(value = "1.0", message = "notification-service.retry.multiplier must be at least 1.0")
            double multiplier,

            @DecimalMin(value = "0.0", message = "notification-service.retry.jitter must be between 0 and 1")
            @DecimalMax(value = "1.0", message = "notification-service.retry.jitter must be between 0 and 1")
            double jitter,

            @Min(value = 1, message = "notification-service.retry.max-attempts must be at least 1")
            int maxAttempts,

            @NotNull(message = "notification-service.retry.max-age must be set")
            Duration maxAge) {

        @AssertTrue(
                message = "notification-service.retry.max must not be shorter than notification-service.retry.initial")
        public boolean isMaxAtLeastInitial() {
            return initial == null || max == null || max.compareTo(initial) >= 0;
        }
    }

    /**
     * @param mode      {@code outbox}: messages are written as .eml files under {@code outboxDir} for the
     *                  operator to read (no SMTP server needed); {@code smtp}: sent through {@code spring.mail.*}
     * @param from      sender address
     * @param outboxDir directory of the outbox
     */
    public record Email(
            @NotNull(message = "notification-service.email.mode must be outbox or smtp")
            Mode mode,

            @NotBlank(message = "notification-service.email.from must be set")
            @jakarta.validation.constraints.Email(message = "notification-service.email.from must be an email address")
            String from,

            @NotBlank(message = "notification-service.email.outbox-dir must be set")
            String outboxDir) {

        public enum Mode {
            OUTBOX,
            SMTP
        }
    }

    /**
     * A token bucket per client address: {@code burst} requests at once, refilled at {@code perMinute}.
     */
    public record RateLimit(
            @Min(value = 1, message = "notification-service.rate-limit.burst must be at least 1")
            int burst,

            @Min(value = 1, message = "notification-service.rate-limit.per-minute must be at least 1")
            int perMinute) {}

    /**
     * @param tokenTtl   how long the confirm link in the mail works, from the subscription's creation
     * @param pendingTtl how long an unconfirmed email subscription is kept; then it is forgotten, so that
     *                   subscriptions nobody confirms do not pile up
     */
    public record Confirmation(
            @NotNull(message = "notification-service.confirmation.token-ttl must be set") @DefaultValue("48h")
            Duration tokenTtl,

            @NotNull(message = "notification-service.confirmation.pending-ttl must be set") @DefaultValue("48h")
            Duration pendingTtl) {

        @AssertTrue(message = "notification-service.confirmation.token-ttl must be positive")
        public boolean isTokenTtlPositive() {
            return tokenTtl == null || !(tokenTtl.isNegative() || tokenTtl.isZero());
        }

        @AssertTrue(
                message = "notification-service.confirmation.token-ttl must not be longer than "
                        + "notification-service.confirmation.pending-ttl: a link must not outlive what it confirms")
        public boolean isTokenWithinPending() {
            return tokenTtl == null || pendingTtl == null || tokenTtl.compareTo(pendingTtl) <= 0;
        }
    }
}
