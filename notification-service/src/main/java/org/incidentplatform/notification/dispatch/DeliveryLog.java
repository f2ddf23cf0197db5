package org.incidentplatform.notification.dispatch;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.incidentplatform.notification.NotificationTopics;
import org.incidentplatform.notification.events.AttemptOutcome;
import org.incidentplatform.notification.events.DeliveryAttempt;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * The delivery log as a read model: notification-delivery-attempts read from the beginning on each
 * start, on all partitions, by every instance. It answers {@code GET /api/v1/deliveries} a page at a
 * time, tells the dispatcher which deliveries are settled (never to be sent again) and since when a
 * subscription has been failing without a success.
 *
 * <p>Bounded like its topic: the topic keeps {@link NotificationTopics#DELIVERY_LOG_RETENTION}, and
 * this copy forgets a delivery first attempted longer ago than that (far beyond the longest retry
 * age, so nothing it forgets can still be sent), so its size follows the recent traffic, not all
 * history.
 */
@Component
public class DeliveryLog {

    static final String LISTENER_ID = "delivery-log";

    /** How often, at most, the log looks for deliveries to forget. */
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final Map<String, Entry> deliveries = new ConcurrentHashMap<>();
    /** Every delivery by (first attempt, id): the listing's order, and the oldest first to forget. */
    private final ConcurrentSkipListMap<Cursor, String> byFirstAttempt = new ConcurrentSkipListMap<>();

    private final Clock clock;
    private volatile Instant lastSweep = Instant.EPOCH;
    private final Map<String, Instant> failingSince = new ConcurrentHashMap<>();
    private final Map<Integer, Long> applied = new ConcurrentHashMap<>();

    /** Delivered, retrying (the last attempt failed), parked or skipped. */
    public enum Status {
        DELIVERED,
        RETRYING,
        PARKED,
        SKIPPED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record Attempt(
            int attempt,
            Instant at,
            String outcome,
            String detail,
            Integer httpStatus,
            long latencyMillis,
            Instant nextAttemptAt) {}

    public record Entry(
            String deliveryId,
            String subscriptionId,
            String incidentId,
            String eventId,
            String channel,
            Status status,
            List<Attempt> attempts) {

        Cursor cursor() {
            return new Cursor(attempts.get(0).at().toEpochMilli(), deliveryId);
        }
    }

    /**
     * A position in the listing: the first attempt's time and the delivery id. Written as
     * {@code <epoch millis>.<delivery id>} in the {@code after} parameter of the next page's link.
     */
    public record Cursor(long firstAttemptMillis, String deliveryId) implements Comparable<Cursor> {

        public static Cursor parse(String text) {
            int dot = text.indexOf('.');
            if (dot <= 0 || dot == text.length() - 1) {
                throw new IllegalArgumentException("not a cursor: " + text);
            }
            return new Cursor(Long.parseLong(text.substring(0, dot)), text.substring(dot + 1));
        }

        @Override
        public String toString() {
            return firstAttemptMillis + "." + deliveryId;
        }

        @Override
        public int compareTo(Cursor other) {
            int byTime = Long.compare(firstAttemptMillis, other.firstAttemptMillis);
            return byTime != 0 ? byTime : deliveryId.compareTo(other.deliveryId);
        }
    }

    /** One page of the listing; {@code next} is where the following page starts, null on the last. */
    public record Page(List<Entry> entries, Cursor next) {}

    public DeliveryLog(Clock clock) {
        this.clock = clock;
    }

    @KafkaListener(
            id = LISTENER_ID,
            topicPartitions =
                    @TopicPartition(
                            topic = NotificationTopics.DELIVERY_ATTEMPTS_NAME,
                            partitionOffsets =
                                    @PartitionOffset(
                                            initialOffset = "0",
                                            partition =
                                                    "0-#{T(org.incidentplatform.notification.NotificationTopics).DELIVERY_ATTEMPTS.partitions() - 1}")))
    void apply(ConsumerRecord<String, DeliveryAttempt> record) {
        apply(record.value());
        applied.put(record.partition(), record.offset() + 1);
    }

    void apply(DeliveryAttempt attempt) {
        Attempt view = new Attempt(
                attempt.getAttempt(),
                attempt.getAt(),
                attempt.getOutcome().name(),
                attempt.getDetail(),
                attempt.getHttpStatus(),
                attempt.getLatencyMillis(),
                attempt.getNextAttemptAt());
        Status status = switch (attempt.getOutcome()) {
            case delivered -> Status.DELIVERED;
            case failed -> Status.RETRYING;
            case parked -> Status.PARKED;
            case skipped -> Status.SKIPPED;
        };
        Entry entry = deliveries.compute(attempt.getDeliveryId(), (id, current) -> {
            List<Attempt> attempts = new ArrayList<>(current == null ? List.of() : current.attempts());
            attempts.add(view);
            // A settled delivery stays settled, whatever a late duplicate says.
            Status next = current != null && current.status() != Status.RETRYING ? current.status() : status;
            return new Entry(
                    id,
                    attempt.getSubscriptionId(),
                    attempt.getIncidentId(),
                    attempt.getEventId(),
                    attempt.getChannel(),
                    next,
                    List.copyOf(attempts));
        });
        byFirstAttempt.putIfAbsent(entry.cursor(), entry.deliveryId());
        forgetOld();
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
        return entry == null
                ? 0
                : entry.attempts().stream().mapToInt(Attempt::attempt).max().orElse(0);
    }

    /** Start of the subscription's unbroken run of failures, if it is failing. */
    public Optional<Instant> failingSince(String subscriptionId) {
        return Optional.ofNullable(failingSince.get(subscriptionId));
    }

    /**
     * Deliveries in the order of their first attempt, those after {@code after} (all when null), that
     * match the filters (each null for any), at most {@code limit}.
     */
    public Page query(String incidentId, String subscriptionId, Status status, Cursor after, int limit) {
        List<Entry> page = new ArrayList<>();
        var from = after == null ? byFirstAttempt : byFirstAttempt.tailMap(after, false);
        for (String id : from.values()) {
            Entry entry = deliveries.get(id);
            if (entry == null
                    || (incidentId != null && !incidentId.equals(entry.incidentId()))
                    || (subscriptionId != null && !subscriptionId.equals(entry.subscriptionId()))
                    || (status != null && status != entry.status())) {
                continue;
            }
            if (page.size() == limit) {
                return new Page(page, page.get(page.size() - 1).cursor());
            }
            page.add(entry);
        }
        return new Page(page, null);
    }

    /** Forgets deliveries first attempted before the topic's retention, at most once a {@link #SWEEP_INTERVAL}. */
    private void forgetOld() {
        Instant now = clock.instant();
        if (Duration.between(lastSweep, now).compareTo(SWEEP_INTERVAL) < 0) {
            return;
        }
        lastSweep = now;
        long cutoff = now.minus(NotificationTopics.DELIVERY_LOG_RETENTION).toEpochMilli();
        var old = byFirstAttempt.headMap(new Cursor(cutoff, ""));
        old.values().forEach(deliveries::remove);
        old.clear();
    }

    /** Deliveries this copy of the log holds. */
    public int size() {
        return deliveries.size();
    }

    /** Next offset to apply, per partition. */
    public Map<Integer, Long> position() {
        return Map.copyOf(applied);
    }
}
