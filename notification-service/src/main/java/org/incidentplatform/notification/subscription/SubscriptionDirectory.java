package org.incidentplatform.notification.subscription;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.incidentplatform.notification.NotificationTopics;
import org.incidentplatform.notification.events.SubscriptionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * Every subscription, on every instance: notification-subscriptions read from the beginning on each
 * start, on all partitions, and folded; a forgotten subscription (expired unconfirmed) leaves the map.
 * Answers the API and tells the dispatcher where and whether to deliver.
 */
@Component
public class SubscriptionDirectory {

    static final String LISTENER_ID = "subscription-directory";

    private static final Logger log = LoggerFactory.getLogger(SubscriptionDirectory.class);

    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<Integer, Long> applied = new ConcurrentHashMap<>();

    @KafkaListener(
            id = LISTENER_ID,
            topicPartitions =
                    @TopicPartition(
                            topic = NotificationTopics.SUBSCRIPTIONS_NAME,
                            partitionOffsets =
                                    @PartitionOffset(
                                            initialOffset = "0",
                                            partition =
                                                    "0-#{T(org.incidentplatform.notification.NotificationTopics).SUBSCRIPTIONS.partitions() - 1}")))
    void apply(ConsumerRecord<String, SubscriptionEvent> record) {
        SubscriptionChange change = SubscriptionEvents.toChange(record.value());
        if (change == null) {
            log.warn(
                    "skipping subscription event {} of an unknown kind",
                    record.value().getEventId());
        } else {
            subscriptions.compute(record.key(), (id, current) -> SubscriptionChange.evolve(current, change));
        }
        applied.put(record.partition(), record.offset() + 1);
    }

    public Optional<Subscription> find(String id) {
        return Optional.ofNullable(subscriptions.get(id));
    }

    public Collection<Subscription> all() {
        return List.copyOf(subscriptions.values());
    }

    /** Next offset to apply, per partition: how far this instance has read. */
    public Map<Integer, Long> position() {
        return Map.copyOf(applied);
    }
}
