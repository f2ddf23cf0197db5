package org.incidentplatform.notification.fanout;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.incidentplatform.notification.NotificationTopics;
import org.incidentplatform.notification.events.SubscriptionEvent;
import org.incidentplatform.notification.subscription.Subscription;
import org.incidentplatform.notification.subscription.SubscriptionChange;
import org.incidentplatform.notification.subscription.SubscriptionEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every subscription's current state in a global store, on every instance: incidents on any
 * partition may concern any subscriber. Rebuilt through this processor when the store is restored.
 */
final class SubscriptionFolder implements Processor<String, byte[], Void, Void> {

    static final String STORE = "subscriptions";

    private static final Logger log = LoggerFactory.getLogger(SubscriptionFolder.class);

    private final Deserializer<SubscriptionEvent> events;
    private KeyValueStore<String, Subscription> subscriptions;

    SubscriptionFolder(Deserializer<SubscriptionEvent> events) {
        this.events = events;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        subscriptions = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        SubscriptionChange change;
        try {
            change = SubscriptionEvents.toChange(events.deserialize(NotificationTopics.SUBSCRIPTIONS.name(),
                    record.value()));
        } catch (RuntimeException unreadable) {
            // The directory's listener dead-letters such a record; here it can only be skipped.
            log.error("skipping an unreadable subscription event: {}", unreadable.getMessage());
            return;
        }
        if (change != null) {
            Subscription next = SubscriptionChange.evolve(subscriptions.get(record.key()), change);
            if (next != null) {
                subscriptions.put(record.key(), next);
            } else {
                subscriptions.delete(record.key());
            }
        }
    }
}
