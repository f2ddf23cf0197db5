package org.incidentplatform.notification.subscription;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.incidentplatform.notification.NotificationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Forgets email subscriptions nobody confirmed: once one has been pending for
 * {@code notification-service.confirmation.pending-ttl}, an expiry is appended to its events, and every
 * reader of the log (the directory, the fan-out) drops it. An event, not a local decision, so that replays
 * and every instance agree, and so that the log's order settles a confirmation racing the expiry. Each
 * instance sweeps; a second expiry of the same subscription changes nothing.
 */
@Component
class PendingExpiry {

    /**
     * Past the deadline, the expiry waits longer than a confirmation accepted just in time can take to be
     * appended ({@link SubscriptionLog} waits 10 s), so the confirmation is always first in the log.
     */
    static final Duration GRACE = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(PendingExpiry.class);

    private final SubscriptionDirectory directory;
    private final SubscriptionLog subscriptions;
    private final Duration pendingTtl;
    private final Clock clock;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pending-expiry");
        thread.setDaemon(true);
        return thread;
    });

    PendingExpiry(
            SubscriptionDirectory directory,
            SubscriptionLog subscriptions,
            NotificationProperties properties,
            Clock clock) {
        this.directory = directory;
        this.subscriptions = subscriptions;
        this.pendingTtl = properties.confirmation().pendingTtl();
        this.clock = clock;
    }

    /** Often enough that nothing outstays its time by much more than a quarter of it, at most once a minute. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long every = Math.max(100, Math.min(Duration.ofMinutes(1).toMillis(), pendingTtl.toMillis() / 4));
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        sweeper.shutdownNow();
    }

    void sweep() {
        Instant now = clock.instant();
        try {
            for (Subscription subscription : directory.all()) {
                if (due(subscription, pendingTtl, now)) {
                    subscriptions.append(subscription.id(), new SubscriptionChange.Expired(now), "expiry");
                    log.info("subscription {} expired unconfirmed", subscription.id());
                }
            }
        } catch (RuntimeException e) {
            // Kafka away, say: the next sweep tries again; a scheduled task that throws would never run again.
            log.warn("expiring unconfirmed subscriptions failed: {}", e.toString());
        }
    }

    static boolean due(Subscription subscription, Duration pendingTtl, Instant now) {
        return subscription.status() == Subscription.Status.PENDING
                && !now.isBefore(subscription.createdAt().plus(pendingTtl).plus(GRACE));
    }
}
