package org.incidentplatform.notification.subscription;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.incidentplatform.notification.NotificationTopics;
import org.incidentplatform.notification.events.SubscriptionEvent;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Appends subscription events to notification-subscriptions and waits for the broker's
 * acknowledgement: an answered request is a recorded one. The only writer of that topic.
 */
@Component
public class SubscriptionLog {

    private final KafkaTemplate<String, Object> kafka;

    SubscriptionLog(KafkaTemplate<String, Object> kafka) {
        this.kafka = kafka;
    }

    public void append(String subscriptionId, SubscriptionChange change, String actor) {
        SubscriptionEvent event = SubscriptionEvents.toEvent(subscriptionId, change, actor);
        try {
            kafka.send(new ProducerRecord<>(NotificationTopics.SUBSCRIPTIONS.name(), subscriptionId, event))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SubscriptionLogUnavailableException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new SubscriptionLogUnavailableException(e);
        }
    }

    /** Kafka did not acknowledge the event in time: nothing can be promised to the caller. */
    public static class SubscriptionLogUnavailableException extends RuntimeException {
        SubscriptionLogUnavailableException(Throwable cause) {
            super("notification-subscriptions did not acknowledge the event", cause);
        }
    }
}
