package org.incidentplatform.notification.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonValue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.incidentplatform.notification.events.AttemptOutcome;
import org.incidentplatform.notification.events.DeliveryAttempt;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * The delivery log as a read model: notification-delivery-attempts read from the beginning on each
 * start, on all partitions, by every instance. It answers {@code GET /api/v1/deliveries}, tells the
 * dispatcher which deliveries are settled (never to be sent again) and since when a subscription
 * has been failing without a success.
 */
@Component
public class DeliveryLog {

    static final String LISTENER_ID = "delivery-log";

    private final Map<String, Entry> deliveries = new ConcurrentHashMap<>();
    private final Map<String, Instant> failingSince = new ConcurrentHashMap<>();
    private final Map<Integer, Long> applied = new ConcurrentHashMap<>();

    /** Delivered, retrying (the last attempt failed), parked or skipped. */
    public enum Status {
        DELIVERED, RETRYING, PARKED, SKIPPED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record Attempt(int attempt, Instant at, String outcome, String detail, Integer httpStatus,
                          long latencyMillis, Instant nextAttemptAt) {
    }

    public record Entry(String deliveryId, String subscriptionId, String incidentId, String eventId, String channel,
                        Status status, List<Attempt> attempts) {
    }

    @KafkaListener(id = LISTENER_ID, topicPartitions = @TopicPartition(topic = "notification-delivery-attempts",
            partitionOffsets = @PartitionOffset(initialOffset = "0",
                    partition = "0-#{T(org.incidentplatform.notification.NotificationTopics).DELIVERY_ATTEMPTS.partitions() - 1}")))
    void apply(ConsumerRecord<String, DeliveryAttempt> record) {
        apply(record.value());
        applied.put(record.partition(), record.offset() + 1);
    }

    void apply(DeliveryAttempt attempt) {
        Attempt view = new Attempt(attempt.getAttempt(), attempt.getAt(), attempt.getOutcome().name(),
                attempt.getDetail(), attempt.getHttpStatus(), attempt.getLatencyMillis(), attempt.getNextAttemptAt());
        Status status = switch (attempt.getOutcome()) {
            case delivered -> Status.DELIVERED;
            case failed -> Status.RETRYING;
            case parked -> Status.PARKED;
            case skipped -> Status.SKIPPED;
        };
        deliveries.compute(attempt.getDeliveryId(), (id, current) -> {
            List<Attempt> attempts = new ArrayList<>(current == null ? List.of() : current.attempts());
            attempts.add(view);
            // A settled delivery stays settled, whatever a late duplicate says.
            Status next = current != null && current.status() != Status.RETRYING ? current.status() : status;
            return new Entry(id, attempt.getSubscriptionId(), attempt.getIncidentId(), attempt.getEventId(),
                    attempt.getChannel(), next, List.copyOf(attempts));
        });
        if (attempt.getOutcome() == AttemptOutcome.delivered) {
            failingSince.remove(attempt.getSubscriptionId());
        } else if (attempt.getOutcome() == AttemptOutcome.failed || attempt.getOutcome() == AttemptOutcome.parked) {
            failingSince.putIfAbsent(attempt.getSubscriptionId(), attempt.getAt());
        }
    }

    /** Delivered, parked or skipped: sending it again would be a duplicate. */
    public boolean settled(String deliveryId) {
        Entry entry = deliveries.get(deliveryId);
        return entry != null && entry.status() != Status.RETRYING;
    }

    /** The highest attempt number recorded for the delivery: attempts made, as far as this log knows. */
    public int attemptsMade(String deliveryId) {
        Entry entry = deliveries.get(deliveryId);
        return entry == null ? 0 : entry.attempts().stream().mapToInt(Attempt::attempt).max().orElse(0);
    }

    /** Start of the subscription's unbroken run of failures, if it is failing. */
    public Optional<Instant> failingSince(String subscriptionId) {
        return Optional.ofNullable(failingSince.get(subscriptionId));
    }

    public List<Entry> query(String incidentId, String subscriptionId, Status status) {
        return deliveries.values().stream()
                .filter(entry -> incidentId == null || incidentId.equals(entry.incidentId()))
                .filter(entry -> subscriptionId == null || subscriptionId.equals(entry.subscriptionId()))
                .filter(entry -> status == null || status == entry.status())
                .sorted(Comparator.comparing((Entry entry) -> entry.attempts().get(0).at())
                        .thenComparing(Entry::deliveryId))
                .toList();
    }

    /** Next offset to apply, per partition. */
    public Map<Integer, Long> position() {
        return Map.copyOf(applied);
    }
}
