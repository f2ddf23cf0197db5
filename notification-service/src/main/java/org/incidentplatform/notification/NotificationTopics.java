package org.incidentplatform.notification;

import java.time.Duration;
import java.util.Map;
import org.incidentplatform.notification.events.Announcement;
import org.incidentplatform.notification.events.Delivery;
import org.incidentplatform.notification.events.DeliveryAttempt;
import org.incidentplatform.notification.events.SubscriptionEvent;
import org.incidentplatform.schemas.TopicSpec;

/**
 * The topics this service owns, declared once: names, partitions, retention, and the types of the records,
 * which the serdes are built from (see {@link TopicSpec}). A {@code *_NAME} constant is the name alone, for
 * the annotations of listeners, which need a compile-time constant.
 */
public final class NotificationTopics {

    private static final Map<String, String> RETAINED_FOREVER = Map.of(
            "cleanup.policy", "delete",
            "retention.ms", "-1",
            "retention.bytes", "-1");

    /** Work in flight: kept long enough to outlive the longest retry age, then the log is the record. */
    private static final Map<String, String> RETAINED_A_WEEK =
            Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(7L * 24 * 3600 * 1000));

    /**
     * Subscriptions as events (created, confirmed, unsubscribed, quarantined, re-enabled), keyed by
     * subscription id. Never expired: every instance rebuilds the subscriber list from it at start.
     */
    public static final String SUBSCRIPTIONS_NAME = "notification-subscriptions";

    public static final TopicSpec<String, SubscriptionEvent> SUBSCRIPTIONS =
            new TopicSpec<>(SUBSCRIPTIONS_NAME, 6, RETAINED_FOREVER, String.class, SubscriptionEvent.class);

    public static final TopicSpec<String, byte[]> SUBSCRIPTIONS_DLT = SUBSCRIPTIONS.deadLetter();

    /**
     * Announcements: one per notifiable incident event, from the fan-out, keyed by incident id so one
     * incident's notices keep their order. The dispatcher expands each to the subscriptions it concerns.
     */
    public static final String NOTICES_NAME = "notification-notices";

    public static final TopicSpec<String, Announcement> NOTICES =
            new TopicSpec<>(NOTICES_NAME, 6, RETAINED_A_WEEK, String.class, Announcement.class);

    public static final TopicSpec<String, byte[]> NOTICES_DLT = NOTICES.deadLetter();

    /**
     * Retries whose time has come, from the retry scheduler. Keyed by subscription id, so the instances
     * of this service share the work by partition and one target's retries keep their order.
     */
    public static final String DELIVERIES_NAME = "notification-deliveries";

    public static final TopicSpec<String, Delivery> DELIVERIES =
            new TopicSpec<>(DELIVERIES_NAME, 6, RETAINED_A_WEEK, String.class, Delivery.class);

    /** Parked deliveries: out of attempts or too old; also records of notification-deliveries that cannot be read. */
    public static final TopicSpec<String, byte[]> DELIVERIES_DLT = DELIVERIES.deadLetter();

    /** Failed deliveries waiting for their next attempt; the retry scheduler holds them until due. */
    public static final TopicSpec<String, Delivery> DELIVERY_RETRIES =
            new TopicSpec<>("notification-delivery-retries", 6, RETAINED_A_WEEK, String.class, Delivery.class);

    /**
     * How long the delivery log keeps an attempt: long past the longest retry age (24 h by default), so
     * a delivery it has forgotten can no longer be sent; long enough for an operator's questions.
     */
    public static final Duration DELIVERY_LOG_RETENTION = Duration.ofDays(30);

    /**
     * The delivery log: every attempt and its outcome, keyed by subscription id. Kept
     * {@link #DELIVERY_LOG_RETENTION}: every instance reads it at start, so it must not grow forever.
     */
    public static final String DELIVERY_ATTEMPTS_NAME = "notification-delivery-attempts";

    public static final TopicSpec<String, DeliveryAttempt> DELIVERY_ATTEMPTS = new TopicSpec<>(
            DELIVERY_ATTEMPTS_NAME,
            6,
            Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(DELIVERY_LOG_RETENTION.toMillis())),
            String.class,
            DeliveryAttempt.class);

    public static final TopicSpec<String, byte[]> DELIVERY_ATTEMPTS_DLT = DELIVERY_ATTEMPTS.deadLetter();

    private NotificationTopics() {}
}
