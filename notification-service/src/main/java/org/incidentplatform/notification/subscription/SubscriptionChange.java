package org.incidentplatform.notification.subscription;

import java.time.Instant;
import java.util.Set;
import org.incidentplatform.schemas.Vocabulary.Impact;

/** What can happen to a subscription; {@link #evolve} folds these into its state. */
public sealed interface SubscriptionChange {

    Instant at();

    record Created(
            String id,
            Channel channel,
            String target,
            Set<String> components,
            Impact minImpact,
            boolean maintenance,
            String secret,
            Instant at)
            implements SubscriptionChange {

        /** Keeps the secret and target out of logs. */
        @Override
        public String toString() {
            return "Created[id=" + id + ", channel=" + channel + "]";
        }
    }

    record Confirmed(Instant at) implements SubscriptionChange {}

    record Unsubscribed(String reason, Instant at) implements SubscriptionChange {}

    record Quarantined(Instant failingSince, String reason, Instant at) implements SubscriptionChange {}

    record Reenabled(Instant at) implements SubscriptionChange {}

    /** Not confirmed in time: a pending subscription is forgotten; any other is not touched. */
    record Expired(Instant at) implements SubscriptionChange {}

    /**
     * The state after a change; null when the subscription is forgotten. Email subscriptions start pending
     * until confirmed (double opt-in), and one still pending when it expires is forgotten; an unsubscribed
     * subscription stays so whatever follows.
     */
    public static Subscription evolve(Subscription current, SubscriptionChange change) {
        if (change instanceof Created created) {
            if (current != null) {
                return current;
            }
            Subscription.Status status =
                    created.channel() == Channel.EMAIL ? Subscription.Status.PENDING : Subscription.Status.ACTIVE;
            return new Subscription(
                    created.id(),
                    created.channel(),
                    created.target(),
                    created.components(),
                    created.minImpact(),
                    created.maintenance(),
                    status,
                    created.secret(),
                    created.at(),
                    status == Subscription.Status.ACTIVE ? created.at() : null);
        }
        if (current == null || current.status() == Subscription.Status.UNSUBSCRIBED) {
            return current;
        }
        // Java 17: no pattern matching in switch yet, hence the instanceof chain.
        if (change instanceof Confirmed confirmed) {
            return current.status() == Subscription.Status.PENDING
                    ? current.withStatus(Subscription.Status.ACTIVE, confirmed.at())
                    : current;
        }
        if (change instanceof Unsubscribed unsubscribed) {
            return current.withStatus(Subscription.Status.UNSUBSCRIBED, unsubscribed.at());
        }
        if (change instanceof Quarantined quarantined) {
            return current.status() == Subscription.Status.ACTIVE
                    ? current.withStatus(Subscription.Status.QUARANTINED, quarantined.at())
                    : current;
        }
        if (change instanceof Reenabled reenabled) {
            return current.status() == Subscription.Status.QUARANTINED
                    ? current.withStatus(Subscription.Status.ACTIVE, reenabled.at())
                    : current;
        }
        if (change instanceof Expired) {
            return current.status() == Subscription.Status.PENDING ? null : current;
        }
        return current;
    }
}
