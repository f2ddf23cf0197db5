package org.incidentplatform.notification.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
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
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Sends what notification-deliveries holds. Each instance of the service gets some partitions (the
 * consumer group shares them out); within a poll, deliveries go out in parallel, bounded per target
 * host ({@link HostLanes}). A failed attempt is recorded and handed to the retry path with its due
 * time, never retried in place, so the partition moves on; a delivery already settled in the
 * delivery log (say, redelivered after a restart) is not sent again.
 *
 * <p>A poll waits for its deliveries at most {@link #HOLD}. One still in flight then (a slow or
 * hanging endpoint) is handed over: a retry record that does not count an attempt, due once the
 * attempt has surely ended, is written before the poll's offsets are committed, and the attempt
 * goes on in the background and records its outcome as usual. So a slow endpoint holds up the
 * other deliveries of its consumer (its share of the partitions: half, with two) by {@link #HOLD}, not by
 * the webhook timeout, and a crash mid-attempt still loses nothing. When the handed-over record
 * comes due it is dropped if the delivery log already has the attempt it stood for.
 */
@Component
class Dispatcher implements DisposableBean {

    static final String LISTENER_ID = "dispatch";

    static final String NOTICES_LISTENER_ID = "announce";

    /** Longest a poll waits for its deliveries before handing those still in flight over to the retry path. */
    static final Duration HOLD = Duration.ofSeconds(1);

    /**
     * Longest a delivery waits in its host's queue, however well the host is doing, before it is deferred
     * to the retry path: well inside the consumer's max.poll.interval.ms (5 min).
     */
    static final Duration LONGEST_QUEUE = Duration.ofMinutes(2);

    /** After the hold, a poll waits on in steps of this while at least one delivery finishes in each. */
    static final Duration PROGRESS = Duration.ofMillis(200);

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
        this.lanes = new HostLanes(
                properties.webhook().maxInFlight(), properties.webhook().perHostConcurrency());
    }

    /**
     * Expands each announcement of the poll to a delivery per subscription it concerns (see
     * {@link Audience}), from this instance's copy of the subscriptions, and sends them all. Returns as
     * {@link #dispatch} does: the offsets committed after it never cover a delivery that could be lost.
     * A redelivered announcement (after a crash, say) expands to the same delivery ids, and those the
     * delivery log has settled are not sent again.
     */
    @KafkaListener(
            id = NOTICES_LISTENER_ID,
            topics = NotificationTopics.NOTICES_NAME,
            batch = "true",
            autoStartup = "false",
            concurrency = "${notification-service.dispatch-consumers:2}")
    void announce(List<ConsumerRecord<String, Announcement>> records) {
        Map<String, Delivery> deliveries = new LinkedHashMap<>();
        int unreadable = unreadable(records);
        Collection<Subscription> subscriptions = directory.all();
        for (ConsumerRecord<String, Announcement> record :
                records.subList(0, unreadable < 0 ? records.size() : unreadable)) {
            for (Delivery delivery : expand(record.value(), subscriptions)) {
                deliveries.put(delivery.getDeliveryId().toString(), delivery);
            }
        }
        send(deliveries.values(), records, unreadable);
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
     * Sends the retries that came due. Returns when every delivery of the poll has been attempted and
     * its outcome recorded, or, for one still in flight when the poll stops making progress (after
     * {@link #HOLD}, a further {@link #PROGRESS} without any delivery finishing), its hand-over to the
     * retry path is recorded: the offsets committed after it never cover a delivery that could be
     * lost. A record that cannot be read ends the batch there; the shared error handler dead-letters
     * it and the rest comes again.
     */
    @KafkaListener(
            id = LISTENER_ID,
            topics = NotificationTopics.DELIVERIES_NAME,
            batch = "true",
            autoStartup = "false",
            concurrency = "${notification-service.dispatch-consumers:2}")
    void dispatch(List<ConsumerRecord<String, Delivery>> records) {
        Map<String, Delivery> latest = new LinkedHashMap<>();
        int unreadable = unreadable(records);
        for (ConsumerRecord<String, Delivery> record :
                records.subList(0, unreadable < 0 ? records.size() : unreadable)) {
            // A delivery twice in one poll (a retry written twice) is sent once.
            latest.merge(
                    record.value().getDeliveryId().toString(),
                    record.value(),
                    (first, second) -> second.getAttempt() > first.getAttempt() ? second : first);
        }
        send(latest.values(), records, unreadable);
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

    private void send(
            Collection<Delivery> deliveries, List<? extends ConsumerRecord<String, ?>> records, int unreadable) {
        Map<Delivery, CompletableFuture<Void>> handled = new LinkedHashMap<>();
        for (Delivery delivery : deliveries) {
            handled.put(delivery, submit(delivery));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(handled.values().toArray(CompletableFuture[]::new));
        try {
            long finished = 0;
            Duration wait = HOLD;
            while (true) {
                try {
                    all.get(wait.toMillis(), TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException stillInFlight) {
                    long now = handled.values().stream()
                            .filter(CompletableFuture::isDone)
                            .count();
                    if (now == finished) {
                        handOver(handled);
                        break;
                    }
                    // A large audience still going out: wait on while deliveries keep finishing.
                    finished = now;
                    wait = PROGRESS;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dispatching", e);
        } catch (ExecutionException failed) {
            // An outcome that could not be recorded fails the batch; the error handler retries it.
            throw new CompletionException(failed.getCause());
        }
        if (unreadable >= 0) {
            // With its cause: the shared error handler reads it again if the schema registry was away, and
            // dead-letters it if its bytes can never be read.
            DeserializationException cause = failure(records.get(unreadable));
            throw new BatchListenerFailedException("unreadable record", cause, unreadable);
        }
    }

    /**
     * Writes a retry record for each delivery still in flight, and waits for those writes. Then a
     * failure among the deliveries that did finish fails the batch, as it would have without them.
     */
    private void handOver(Map<Delivery, CompletableFuture<Void>> handled) {
        Instant due = clock.instant().plus(properties.webhook().timeout().multipliedBy(3));
        List<CompletableFuture<?>> handedOver = new ArrayList<>();
        List<CompletableFuture<Void>> finished = new ArrayList<>();
        handled.forEach((delivery, done) -> {
            if (done.isDone()) {
                finished.add(done);
                return;
            }
            handedOver.add(retry(delivery, delivery.getAttempt(), due, "handed over: attempt still in flight"));
            done.whenComplete((ignored, failure) -> {
                if (failure != null) {
                    log.error(
                            "delivery {} handed over, then its outcome could not be recorded; the retry path"
                                    + " tries it again",
                            delivery.getDeliveryId(),
                            failure);
                }
            });
        });
        log.debug(
                "{} deliveries still in flight after {} ms handed over to the retry path",
                handedOver.size(),
                HOLD.toMillis());
        Counter.builder("notification.dispatch.handovers")
                .description("Deliveries still in flight when their poll's hold ended, handed over to the retry path")
                .register(metrics)
                .increment(handedOver.size());
        CompletableFuture.allOf(handedOver.toArray(CompletableFuture[]::new)).join();
        CompletableFuture.allOf(finished.toArray(CompletableFuture[]::new)).join();
    }

    private CompletableFuture<Void> submit(Delivery delivery) {
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
                        // a poll may take; rather than hold the partition, try again later without counting an
                        // attempt. A host that is merely busy with a large audience keeps its queue.
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

    @Override
    public void destroy() throws InterruptedException {
        lanes.close();
    }
}
