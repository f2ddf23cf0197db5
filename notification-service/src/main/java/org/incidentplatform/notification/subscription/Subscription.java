package org.incidentplatform.notification.subscription;

import java.time.Instant;
import java.util.Set;
import org.incidentplatform.schemas.Vocabulary.Impact;

/**
 * A subscription as its events leave it.
 *
 * @param components     component ids of interest; empty means every component
 * @param maintenance    whether maintenance notices are wanted
 * @param secret         the webhook signing secret; null for email and Slack
 * @param receivingSince when it last started receiving (created active, confirmed or re-enabled); a run of
 *                       failures that began earlier does not count towards quarantine
 */
public record Subscription(
        String id,
        Channel channel,
        String target,
        Set<String> components,
        Impact minImpact,
        boolean maintenance,
        Status status,
        String secret,
        Instant createdAt,
        Instant receivingSince) {

    public Subscription {
        components = Set.copyOf(components);
    }

    public enum Status {
        /** An email address that has not confirmed yet: never gets incident mail. */
        PENDING,
        ACTIVE,
        UNSUBSCRIBED,
        /** Failed continuously for too long; an admin can re-enable it. */
        QUARANTINED
    }

    public boolean receives() {
        return status == Status.ACTIVE;
    }

    public Subscription withStatus(Status next, Instant at) {
        return new Subscription(
                id,
                channel,
                target,
                components,
                minImpact,
                maintenance,
                next,
                secret,
                createdAt,
                next == Status.ACTIVE ? at : receivingSince);
    }

    /** The secret stays out of logs and failure reports; the target may carry one too (Slack URLs do). */
    @Override
    public String toString() {
        return "Subscription[id=" + id + ", channel=" + channel + ", status=" + status + ", components=" + components
                + ", minImpact=" + minImpact + ", maintenance=" + maintenance + "]";
    }
}
