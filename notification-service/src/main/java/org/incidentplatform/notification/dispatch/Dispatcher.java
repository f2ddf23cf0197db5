package org.incidentplatform.notification.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.incidentplatform.notification.NotificationProperties;
import org.incidentplatform.notification.NotificationTopics;
import org.incidentplatform.notification.audience.Audience;
import org.incidentplatform.notification.channel.AttemptResult;
import org.incidentplatform.notification.channel.Channels;
import org.incidentplatform.notification.channel.DeliveryChannel;
import org.incidentplatform.notification.events.Announcement;
import org.incidentplatform.notification.events.AttemptOutcome;
import org.incidentplatform.notification.events.Delivery;
import org.incidentplatform.notification.events.DeliveryAttempt;
import org.incidentplatform.notification.events.Notice;
import org.incidentplatform.notification.subscription.Subscription;
import org.incidentplatform.notification.subscription.SubscriptionChange;
import org.incidentplatform.notification.subscription.SubscriptionDirectory;
import org.incidentplatform.notification.subscription.SubscriptionLog;
import org.incidentplatform.service.DeadLetterReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Sends what the announcements (expanded to a delivery per subscriber) and notification-deliveries (retries
 * that came due) ask for. Each instance of the service gets some partitions (the consumer group shares them
 * out); deliveries go out in parallel, bounded per target host ({@link HostLanes}). A failed attempt is
 * recorded and handed to the retry path with its due time, never retried in place; a delivery already settled
 * in the delivery log (say, redelivered after a restart) is not sent again.
 *
 * <p><b>No poll waits for the one before it.</b> A poll's deliveries are handed to their hosts' lanes and the
 * next poll follows at once; the offsets committed are a contiguous watermark ({@link Watermarks}): per
 * partition, up to the first record whose deliveries have not all been attempted and their outcomes
 * recorded. So a slow or hanging endpoint delays nobody else's delivery, only the commit of its own records
 * (by at most the webhook timeout), and a crash re-reads exactly the records whose work could be lost. At
 * most {@link #MAX_QUEUED} deliveries wait in the lanes; beyond that the next poll waits for room.
 */
@Component
class Dispatcher implements DisposableBean, ConsumerAwareRebalanceListener {

    static final String LISTENER_ID = "dispatch";

    static final String NOTICES_LISTENER_ID = "announce";

    /**
     * Longest a delivery waits in its host's queue, however well the host is doing, before it is deferred
     * to the retry path: well inside the consumer's max.poll.interval.ms (5 min).
     */
    static final Duration LONGEST_QUEUE = Duration.ofMinutes(2);

    /** Deliveries handed to the lanes and not yet finished, at most, before a poll waits for room. */
    static final int MAX_QUEUED = 200_000;

    /** Fan-out may run ahead of this instance's copy of the subscriptions by a moment, not by this much. */
    private static final Duration UNKNOWN_SUBSCRIPTION_PATIENCE = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final SubscriptionDirectory directory;
    private final SubscriptionLog subscriptionLog;
    private final DeliveryLog deliveryLog;
    private final Channels channels;
    private final ComponentNames names;
    private final MeterRegistry metrics;
    private final KafkaTemplate<String, Object> kafka;
    private final NotificationProperties properties;
    private final DeliveryPolicy policy;
    private final HostLanes lanes;
    private final Clock clock;
    private final Map<String, Instant> quarantineRequested = new ConcurrentHashMap<>();
    private final Watermarks watermarks = new Watermarks();
    private final AtomicInteger queued = new AtomicInteger();

    Dispatcher(
            SubscriptionDirectory directory,
            SubscriptionLog subscriptionLog,
            DeliveryLog deliveryLog,
            Channels channels,
            ComponentNames names,
            KafkaTemplate<String, Object> kafka,
            NotificationProperties properties,
            Clock clock,
            MeterRegistry metrics) {
        this.metrics = metrics;
        this.directory = directory;
        this.names = names;
        this.subscriptionLog = subscriptionLog;
        this.deliveryLog = deliveryLog;
        this.channels = channels;
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
        this.policy = new DeliveryPolicy(
                new Backoff(
                        properties.retry(), () -> ThreadLocalRandom.current().nextDouble()),
                properties.quarantineAfter());
        Gauge.builder("notification.dispatch.queued", queued, AtomicInteger::get)
                .description("Deliveries waiting for or in an attempt; their records' offsets are not yet committed")
                .register(metrics);
        this.lanes = new HostLanes(
                properties.webhook().maxInFlight(), properties.webhook().perHostConcurrency());
    }

    /**
     * Expands each announcement of the poll to a delivery per subscription it concerns (see
     * {@link Audience}), from this instance's copy of the subscriptions, and hands them to their lanes. An
     * announcement's offset is committed once all of its deliveries are attempted and recorded. A redelivered
     * announcement (after a crash, say) expands to the same delivery ids, and those the delivery log has
     * settled are not sent again.
     */
    @KafkaListener(
            id = NOTICES_LISTENER_ID,
            topics = NotificationTopics.NOTICES_NAME,
            batch = "true",
            ackMode = "MANUAL",
            containerPostProcessor = Watermarking.BEAN,
            autoStartup = "false",
            concurrency = "${notification-service.dispatch-consumers:2}")
    void announce(List<ConsumerRecord<String, Announcement>> records, Consumer<?, ?> consumer) {
        int unreadable = unreadable(records);
        Collection<Subscription> subscriptions = directory.all();
        // A delivery twice in one poll (an announcement redelivered beside itself) is sent once.
        Map<String, CompletableFuture<Void>> sent = new HashMap<>();
        for (ConsumerRecord<String, Announcement> record : readable(records, unreadable)) {
            List<CompletableFuture<Void>> work = new ArrayList<>();
            for (Delivery delivery : expand(record.value(), subscriptions)) {
                work.add(sent.computeIfAbsent(delivery.getDeliveryId().toString(), id -> submit(delivery)));
            }
            track(record, CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)));
        }
        polled(consumer, records, unreadable);
    }

    private List<Delivery> expand(Announcement announcement, Collection<Subscription> subscriptions) {
        Notice notice = announcement.getNotice();
        Audience audience = new Audience(
                notice.getMaintenance(),
                Audience.onlyForThoseTold(notice.getType().name()),
                Audience.Reach.of(
                        notice.getMaintenance(),
                        notice.getImpact(),
                        notice.getComponents().keySet()),
                announcement.getReach().stream()
                        .map(reach -> new Audience.Reach(reach.getImpact(), Set.copyOf(reach.getComponents())))
                        .toList());
        Notice named = names.named(notice);
        List<Delivery> deliveries = new ArrayList<>();
        for (Subscription subscription : subscriptions) {
            if (audience.includes(subscription)) {
                deliveries.add(new Delivery(
                        DeliveryIds.of(announcement.getEventId(), subscription.id()),
                        subscription.id(),
                        announcement.getEventId(),
                        0,
                        announcement.getDecidedAt(),
                        announcement.getEventRecordedAt(),
                        announcement.getDecidedAt(),
                        null,
                        named));
            }
        }
        // One line per notice that tells somebody; a replay of a million events nobody follows logs nothing.
        if (!deliveries.isEmpty()) {
            MDC.put("incidentId", notice.getIncidentId());
            MDC.put("eventId", announcement.getEventId());
            try {
                log.info(
                        "{} of {} (sequence {}): {} deliveries",
                        notice.getType(),
                        notice.getIncidentId(),
                        notice.getSequence(),
                        deliveries.size());
            } finally {
                MDC.remove("incidentId");
                MDC.remove("eventId");
            }
        }
        return deliveries;
    }

    /**
     * Sends the retries that came due; a record's offset is committed once its delivery is attempted and
     * recorded (see {@link Watermarks}). A record that cannot be read ends the batch there; the shared error
     * handler dead-letters it and the rest comes again.
     */
    @KafkaListener(
            id = LISTENER_ID,
            topics = NotificationTopics.DELIVERIES_NAME,
            batch = "true",
            ackMode = "MANUAL",
            containerPostProcessor = Watermarking.BEAN,
            autoStartup = "false",
            concurrency = "${notification-service.dispatch-consumers:2}")
    void dispatch(List<ConsumerRecord<String, Delivery>> records, Consumer<?, ?> consumer) {
        int unreadable = unreadable(records);
        List<ConsumerRecord<String, Delivery>> readable = readable(records, unreadable);
        Map<String, Delivery> latest = new LinkedHashMap<>();
        for (ConsumerRecord<String, Delivery> record : readable) {
            // A delivery twice in one poll (a retry written twice) is sent once.
            latest.merge(
                    record.value().getDeliveryId().toString(),
                    record.value(),
                    (first, second) -> second.getAttempt() > first.getAttempt() ? second : first);
        }
        Map<String, CompletableFuture<Void>> sent = new HashMap<>();
        latest.forEach((id, delivery) -> sent.put(id, submit(delivery)));
        for (ConsumerRecord<String, Delivery> record : readable) {
            track(record, sent.get(record.value().getDeliveryId().toString()));
        }
        polled(consumer, records, unreadable);
    }

    private void track(ConsumerRecord<String, ?> record, CompletableFuture<?> work) {
        watermarks.track(partition(record), record.offset(), work);
    }

    private static TopicPartition partition(ConsumerRecord<String, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    private static <T> List<ConsumerRecord<String, T>> readable(
            List<ConsumerRecord<String, T>> records, int unreadable) {
        return records.subList(0, unreadable < 0 ? records.size() : unreadable);
    }

    /** The index of the first record that could not be read, or -1. */
    private static int unreadable(List<? extends ConsumerRecord<String, ?>> records) {
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, ?> record = records.get(i);
            if (record.value() == null || failure(record) != null) {
                return i;
            }
        }
        return -1;
    }

    private static DeserializationException failure(ConsumerRecord<String, ?> record) {
        return SerializationUtils.getExceptionFromHeader(
                record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, null);
    }

    /**
     * After a poll's deliveries are handed out: commits what has finished, makes room, and hands an unreadable
     * record to the shared error handler, which commits the records before it and reads it again if the
     * schema registry was away, or dead-letters it if its bytes can never be read. Before that, this
     * consumer's work in flight is let finish: the handler's commit must pass nothing unfinished.
     */
    private void polled(Consumer<?, ?> consumer, List<? extends ConsumerRecord<String, ?>> records, int unreadable) {
        if (unreadable >= 0) {
            awaitWork(
                    consumer.assignment(),
                    LONGEST_QUEUE.plus(properties.webhook().timeout()));
        }
        Map<TopicPartition, Long> readAgain = commitFinished(consumer);
        while (queued.get() > MAX_QUEUED) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for room in the lanes", e);
            }
            readAgain.putAll(commitFinished(consumer));
        }
        if (unreadable >= 0) {
            if (readAgain.isEmpty()) {
                DeserializationException cause = failure(records.get(unreadable));
                throw new BatchListenerFailedException("unreadable record", cause, unreadable);
            }
            // Partitions are read again from a failed record: the error handler's seeks past it must not follow.
            // The rest of this poll is read again too, the unreadable record with it.
            for (ConsumerRecord<String, ?> record : records.subList(unreadable, records.size())) {
                if (readAgain.putIfAbsent(partition(record), record.offset()) == null) {
                    consumer.seek(partition(record), record.offset());
                }
            }
        }
    }

    /**
     * Commits, per partition of this consumer, up to the first record not yet finished; a partition whose
     * next record's outcome could not be recorded is read again from that record.
     *
     * @return the partitions read again, each from the offset sought
     */
    private Map<TopicPartition, Long> commitFinished(Consumer<?, ?> consumer) {
        Set<TopicPartition> mine = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> finished = watermarks.advance(mine);
        if (!finished.isEmpty()) {
            consumer.commitAsync(finished, (offsets, failure) -> {
                if (failure != null) {
                    // A later commit covers these; after a rebalance the new owner re-reads and skips what is settled.
                    log.warn("committing dispatch offsets failed: {}", failure.toString());
                }
            });
        }
        Map<TopicPartition, Long> failed = watermarks.failed(mine);
        failed.forEach((partition, offset) -> {
            log.error(
                    "an outcome of the record at {}-{} could not be recorded: reading the partition again from it",
                    partition,
                    offset);
            consumer.seek(partition, offset);
        });
        return failed;
    }

    private void awaitWork(Collection<TopicPartition> partitions, Duration atMost) {
        try {
            watermarks.all(partitions).get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException failed) {
            // The failed record stays uncommitted; commitFinished reads it again.
        } catch (TimeoutException stillInFlight) {
            log.warn("deliveries of {} still in flight after {} s; going on", partitions, atMost.toSeconds());
        }
    }

    /** With nothing new to read, still commit what finished since the last poll. */
    @EventListener(
            condition = "event.listenerId.startsWith('" + NOTICES_LISTENER_ID + "') or event.listenerId"
                    + ".startsWith('" + LISTENER_ID + "')")
    void idle(ListenerContainerIdleEvent event) {
        commitFinished(event.getConsumer());
    }

    /**
     * Partitions leaving this consumer (a rebalance, or the service stopping): their deliveries in flight get up
     * to a webhook timeout to finish, then what finished is committed, so the next owner re-sends as little as
     * possible (and nothing the delivery log has settled).
     */
    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        awaitWork(partitions, properties.webhook().timeout());
        Map<TopicPartition, OffsetAndMetadata> finished = watermarks.advance(partitions);
        try {
            if (!finished.isEmpty()) {
                consumer.commitSync(finished);
            }
        } catch (RuntimeException e) {
            log.warn("committing the offsets of revoked partitions failed: {}", e.toString());
        } finally {
            watermarks.forget(partitions);
        }
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        watermarks.forget(partitions);
    }

    private CompletableFuture<Void> submit(Delivery delivery) {
        queued.incrementAndGet();
        CompletableFuture<Void> done = lane(delivery);
        done.whenComplete((ignored, failure) -> queued.decrementAndGet());
        return done;
    }

    private CompletableFuture<Void> lane(Delivery delivery) {
        Optional<Subscription> subscription = directory.find(delivery.getSubscriptionId());
        if (subscription.isEmpty()) {
            return logged(delivery, () -> unknownSubscription(delivery));
        }
        DeliveryChannel channel = channels.of(subscription.get().channel());
        String lane = channel.lane(subscription.get());
        long queuedAt = System.nanoTime();
        return lanes.submit(
                lane,
                () -> logged(delivery, () -> {
                    Duration waited = Duration.ofNanos(System.nanoTime() - queuedAt);
                    Duration timeout = properties.webhook().timeout();
                    if (waited.compareTo(timeout) > 0
                            && (!lanes.finishedWithin(lane, timeout) || waited.compareTo(LONGEST_QUEUE) > 0)) {
                        // The host is stuck (nothing to it finished for a whole timeout), or its queue is longer than
                        // the commit of its records should wait; try again later without counting an attempt. A
                        // host that is merely busy with a large audience keeps its queue.
                        return retry(
                                delivery,
                                delivery.getAttempt(),
                                clock.instant().plus(properties.retry().initial()),
                                "deferred: target host busy");
                    }
                    return handle(
                            delivery,
                            directory.find(delivery.getSubscriptionId()).orElse(subscription.get()),
                            channel);
                }));
    }

    /** Every line logged about a delivery names its incident, event, delivery and subscription as fields. */
    private static <T> T logged(Delivery delivery, Supplier<T> work) {
        MDC.put("incidentId", delivery.getNotice().getIncidentId());
        MDC.put("eventId", delivery.getEventId());
        MDC.put("deliveryId", delivery.getDeliveryId().toString());
        MDC.put("subscriptionId", delivery.getSubscriptionId());
        try {
            return work.get();
        } finally {
            MDC.remove("incidentId");
            MDC.remove("eventId");
            MDC.remove("deliveryId");
            MDC.remove("subscriptionId");
        }
    }

    private CompletableFuture<?> handle(Delivery delivery, Subscription subscription, DeliveryChannel channel) {
        String deliveryId = delivery.getDeliveryId().toString();
        Instant started = clock.instant();
        int attempt = delivery.getAttempt() + 1;
        DeliveryPolicy.Before before = policy.before(
                subscription.status(),
                deliveryLog.settled(deliveryId),
                deliveryLog.attemptsMade(deliveryId),
                delivery.getAttempt());
        switch (before.action()) {
            case DROP -> {
                log.debug("delivery {} not sent: {}", deliveryId, before.detail());
                return CompletableFuture.completedFuture(null);
            }
            case SKIP -> {
                return record(
                        delivery,
                        subscription,
                        attempt - 1,
                        started,
                        AttemptOutcome.skipped,
                        new AttemptResult(false, null, before.detail(), 0),
                        null);
            }
            case PARK -> {
                return park(
                        delivery,
                        subscription,
                        attempt - 1,
                        started,
                        new AttemptResult(false, null, before.detail(), 0));
            }
            case SEND -> {
                // sent below
            }
        }
        AttemptResult result = channel.deliver(names.named(delivery), subscription);
        if (result.delivered()) {
            return record(delivery, subscription, attempt, started, AttemptOutcome.delivered, result, null);
        }
        log.info(
                "delivery {} to subscription {} failed (attempt {}): {}",
                deliveryId,
                subscription.id(),
                attempt,
                result.detail());
        considerQuarantine(subscription, started, result);
        DeliveryPolicy.AfterFailure next =
                policy.afterFailure(attempt, Duration.between(delivery.getRequestedAt(), started), clock.instant());
        if (next.park()) {
            return park(delivery, subscription, attempt, started, result);
        }
        return CompletableFuture.allOf(
                retry(delivery, attempt, next.retryAt(), result.detail()),
                record(delivery, subscription, attempt, started, AttemptOutcome.failed, result, next.retryAt()));
    }

    private CompletableFuture<Void> unknownSubscription(Delivery delivery) {
        Instant now = clock.instant();
        if (Duration.between(delivery.getRequestedAt(), now).compareTo(UNKNOWN_SUBSCRIPTION_PATIENCE) < 0) {
            return retry(delivery, delivery.getAttempt(), now.plusSeconds(5), "subscription not known here yet")
                    .thenApply(ignored -> null);
        }
        log.error(
                "parking delivery {}: subscription {} is unknown",
                delivery.getDeliveryId(),
                delivery.getSubscriptionId());
        DeliveryAttempt parked = attempt(
                delivery,
                "unknown",
                delivery.getAttempt(),
                now,
                AttemptOutcome.parked,
                new AttemptResult(false, null, "unknown subscription", 0),
                null);
        return CompletableFuture.allOf(
                send(NotificationTopics.DELIVERIES_DLT.name(), delivery, "parked: unknown subscription"),
                send(NotificationTopics.DELIVERY_ATTEMPTS.name(), delivery.getSubscriptionId(), parked));
    }

    private CompletableFuture<?> retry(Delivery delivery, int attemptsMade, Instant due, String failure) {
        Delivery next = Delivery.newBuilder(delivery)
                .setAttempt(attemptsMade)
                .setDueAt(due)
                .setLastFailure(failure)
                .build();
        return send(NotificationTopics.DELIVERY_RETRIES.name(), delivery.getSubscriptionId(), next);
    }

    private CompletableFuture<Void> park(
            Delivery delivery, Subscription subscription, int attemptsMade, Instant at, AttemptResult result) {
        log.warn(
                "parking delivery {} to subscription {} after {} attempt(s): {}",
                delivery.getDeliveryId(),
                subscription.id(),
                attemptsMade,
                result.detail());
        Delivery parked = Delivery.newBuilder(delivery)
                .setAttempt(attemptsMade)
                .setLastFailure(result.detail())
                .build();
        return CompletableFuture.allOf(
                send(NotificationTopics.DELIVERIES_DLT.name(), parked, "parked: " + result.detail()),
                record(delivery, subscription, attemptsMade, at, AttemptOutcome.parked, result, null));
    }

    private CompletableFuture<?> record(
            Delivery delivery,
            Subscription subscription,
            int attempt,
            Instant at,
            AttemptOutcome outcome,
            AttemptResult result,
            Instant next) {
        DeliveryAttempt entry =
                attempt(delivery, subscription.channel().wireName(), attempt, at, outcome, result, next);
        return send(NotificationTopics.DELIVERY_ATTEMPTS.name(), delivery.getSubscriptionId(), entry);
    }

    /** The attempt's record, counted by channel and outcome; a delivery's latency from the event's append. */
    private DeliveryAttempt attempt(
            Delivery delivery,
            String channel,
            int attempt,
            Instant at,
            AttemptOutcome outcome,
            AttemptResult result,
            Instant next) {
        Counter.builder("notification.deliveries")
                .description("Delivery attempts made by this instance, by channel and outcome")
                .tag("channel", channel)
                .tag("outcome", outcome.name())
                .register(metrics)
                .increment();
        if (outcome == AttemptOutcome.delivered) {
            Timer.builder("notification.delivery.latency")
                    .description("From incident-service appending the event to the subscriber accepting it")
                    .tag("channel", channel)
                    .publishPercentiles(0.5, 0.99)
                    .register(metrics)
                    .record(Duration.between(delivery.getEventRecordedAt(), clock.instant()));
        }
        return DeliveryAttempt.newBuilder()
                .setAttemptId(UUID.randomUUID())
                .setDeliveryId(delivery.getDeliveryId().toString())
                .setSubscriptionId(delivery.getSubscriptionId())
                .setIncidentId(delivery.getNotice().getIncidentId())
                .setEventId(delivery.getEventId())
                .setChannel(channel)
                .setAttempt(attempt)
                .setAt(at)
                .setOutcome(outcome)
                .setDetail(result.detail())
                .setHttpStatus(result.httpStatus())
                .setLatencyMillis(result.latencyMillis())
                .setEventRecordedAt(delivery.getEventRecordedAt())
                .setNextAttemptAt(next)
                .build();
    }

    /**
     * A subscription that has failed without a single success for longer than the quarantine period
     * stops receiving until an admin re-enables it. A run that began before the last re-enabling
     * counts from the re-enabling.
     */
    private void considerQuarantine(Subscription subscription, Instant now, AttemptResult result) {
        policy.quarantine(
                        deliveryLog.failingSince(subscription.id()).orElse(null),
                        subscription.receivingSince(),
                        quarantineRequested.get(subscription.id()),
                        now)
                .ifPresent(since -> {
                    quarantineRequested.put(subscription.id(), now);
                    log.warn("quarantining subscription {}: failing since {}", subscription.id(), since);
                    subscriptionLog.append(
                            subscription.id(),
                            new SubscriptionChange.Quarantined(since, result.detail(), now),
                            "dispatcher");
                });
    }

    private CompletableFuture<?> send(String topic, String key, Object value) {
        return kafka.send(new ProducerRecord<>(topic, key, value));
    }

    private CompletableFuture<?> send(String topic, Delivery delivery, String reason) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(topic, delivery.getSubscriptionId(), delivery);
        record.headers().add(DeadLetterReason.HEADER, reason.getBytes(StandardCharsets.UTF_8));
        return kafka.send(record);
    }

    /**
     * The dispatcher's containers commit nothing themselves (ack mode MANUAL, never acknowledged): the dispatcher
     * commits its watermark, after each poll, when idle, and when partitions leave.
     */
    @Configuration(proxyBeanMethods = false)
    static class Watermarking {

        static final String BEAN = "dispatchWatermarking";

        /** How often an idle consumer commits what finished meanwhile. */
        static final Duration IDLE_COMMIT = Duration.ofMillis(500);

        /** The dispatcher is asked for when a container is made: its own listeners name this bean. */
        @Bean(BEAN)
        ContainerPostProcessor<String, Object, AbstractMessageListenerContainer<String, Object>> dispatchWatermarking(
                ObjectProvider<Dispatcher> dispatcher) {
            return container -> {
                container.getContainerProperties().setConsumerRebalanceListener(dispatcher.getObject());
                container.getContainerProperties().setIdleEventInterval(IDLE_COMMIT.toMillis());
            };
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        lanes.close();
    }
}
