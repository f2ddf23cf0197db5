package org.incidentplatform.notification.subscription;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.incidentplatform.notification.events.MinimumImpact;
import org.incidentplatform.notification.events.SubscriptionConfirmed;
import org.incidentplatform.notification.events.SubscriptionCreated;
import org.incidentplatform.notification.events.SubscriptionEvent;
import org.incidentplatform.notification.events.SubscriptionExpired;
import org.incidentplatform.notification.events.SubscriptionQuarantined;
import org.incidentplatform.notification.events.SubscriptionReenabled;
import org.incidentplatform.notification.events.Unsubscribed;
import org.incidentplatform.schemas.Vocabulary.Impact;

/** Between the Avro events of notification-subscriptions and {@link SubscriptionChange}s. */
public final class SubscriptionEvents {

    private SubscriptionEvents() {}

    /** Null for a payload this version does not know: a newer writer's event is skipped, not fatal. */
    public static SubscriptionChange toChange(SubscriptionEvent event) {
        Instant at = event.getOccurredAt();
        Object payload = event.getPayload();
        if (payload instanceof SubscriptionCreated created) {
            return new SubscriptionChange.Created(
                    event.getSubscriptionId(),
                    Channel.valueOf(created.getChannel().name().toUpperCase(Locale.ROOT)),
                    created.getTarget(),
                    new HashSet<>(created.getComponents()),
                    Impact.fromWireValue(created.getMinImpact().name()),
                    created.getMaintenance(),
                    created.getSecret(),
                    at);
        }
        if (payload instanceof SubscriptionConfirmed) {
            return new SubscriptionChange.Confirmed(at);
        }
        if (payload instanceof Unsubscribed unsubscribed) {
            return new SubscriptionChange.Unsubscribed(unsubscribed.getReason(), at);
        }
        if (payload instanceof SubscriptionQuarantined quarantined) {
            return new SubscriptionChange.Quarantined(quarantined.getFailingSince(), quarantined.getReason(), at);
        }
        if (payload instanceof SubscriptionReenabled) {
            return new SubscriptionChange.Reenabled(at);
        }
        if (payload instanceof SubscriptionExpired) {
            return new SubscriptionChange.Expired(at);
        }
        return null;
    }

    public static SubscriptionEvent toEvent(String subscriptionId, SubscriptionChange change, String actor) {
        Object payload;
        if (change instanceof SubscriptionChange.Created created) {
            payload = SubscriptionCreated.newBuilder()
                    .setChannel(org.incidentplatform.notification.events.Channel.valueOf(
                            created.channel().wireName()))
                    .setTarget(created.target())
                    .setComponents(List.copyOf(created.components()))
                    .setMinImpact(MinimumImpact.valueOf(created.minImpact().wireValue()))
                    .setMaintenance(created.maintenance())
                    .setSecret(created.secret())
                    .build();
        } else if (change instanceof SubscriptionChange.Confirmed) {
            payload = new SubscriptionConfirmed();
        } else if (change instanceof SubscriptionChange.Unsubscribed unsubscribed) {
            payload = new Unsubscribed(unsubscribed.reason());
        } else if (change instanceof SubscriptionChange.Quarantined quarantined) {
            payload = new SubscriptionQuarantined(quarantined.failingSince(), quarantined.reason());
        } else if (change instanceof SubscriptionChange.Reenabled) {
            payload = new SubscriptionReenabled();
        } else {
            payload = new SubscriptionExpired();
        }
        return SubscriptionEvent.newBuilder()
                .setEventId(UUID.randomUUID())
                .setSubscriptionId(subscriptionId)
                .setOccurredAt(change.at())
                .setActor(actor)
                .setPayload(payload)
                .build();
    }
}
