package org.incidentplatform.projection.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.projection.status.StatusProjection;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.service.HeartbeatHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Follows incident-events from the beginning on every start, on every partition (each instance
 * serves the whole page, so it reads the whole log: no consumer group shares it out), and applies
 * each polled batch to {@link LiveStatus}, then publishes it. Until it has applied as far as the log
 * reached when it started, the instance is not caught up and says so. Records that cannot be read go to the dead-letter
 * topic through the shared error handler.
 */
@Component
final class StatusProjector {

    static final String LISTENER_ID = "status-projection";

    private static final Logger log = LoggerFactory.getLogger(StatusProjector.class);
    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(StatusProjector.class);
    private static final Duration END_OFFSETS_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CATCH_UP_PUBLISH_INTERVAL = Duration.ofSeconds(1);

    private final LiveStatus status;
    private final ApplicationEventPublisher events;
    private Map<TopicPartition, Long> endAtStart;
    private long lastPublishedAt = System.nanoTime();
    private final Timer batchTime;
    private final Timer eventLag;
    private final Counter applied;
    private final MeterRegistry metrics;
    private final Map<Integer, AtomicLong> lagByPartition = new ConcurrentHashMap<>();

    StatusProjector(LiveStatus status, ApplicationEventPublisher events, MeterRegistry metrics) {
        this.status = status;
        this.events = events;
        this.metrics = metrics;
        this.batchTime = Timer.builder("projection.batch.apply")
                .description("Time to apply one polled batch of incident-events and publish the result")
                .register(metrics);
        this.eventLag = Timer.builder("projection.event.lag")
                .description("From incident-service appending an event (recordedAt) to this instance publishing it;"
                        + " recorded once caught up")
                .publishPercentiles(0.5, 0.99)
                .register(metrics);
        this.applied = Counter.builder("projection.events.applied")
                .description("Events of incident-events applied to the status (redeliveries and heartbeats excluded)")
                .register(metrics);
        Gauge.builder(
                        "projection.streams.waiting",
                        status,
                        live -> live.waitingForGaps().size())
                .description("Streams whose next event is missing while later ones arrived: those are held until it"
                        + " does")
                .register(metrics);
    }

    @KafkaListener(
            id = LISTENER_ID,
            batch = "true",
            topicPartitions =
                    @org.springframework.kafka.annotation.TopicPartition(
                            topic = Topics.INCIDENT_EVENTS_NAME,
                            partitionOffsets =
                                    @PartitionOffset(
                                            initialOffset = "0",
                                            partition =
                                                    "0-#{T(org.incidentplatform.schemas.Topics).INCIDENT_EVENTS.partitions() - 1}")))
    void apply(List<ConsumerRecord<String, IncidentEvent>> records, Consumer<?, ?> consumer) {
        long started = System.nanoTime();
        List<IncidentEvent> changed = new ArrayList<>(records.size());
        try {
            for (int i = 0; i < records.size(); i++) {
                if (apply(records.get(i), i)) {
                    changed.add(records.get(i).value());
                }
            }
        } finally {
            // What was applied before a poison record is published too; the error handler resumes after it.
            boolean visible = publishIfDue();
            batchTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            applied.increment(changed.size());
            if (visible && status.caughtUp()) {
                long now = System.currentTimeMillis();
                changed.forEach(event -> eventLag.record(
                        Math.max(0, now - event.getRecordedAt().toEpochMilli()), TimeUnit.MILLISECONDS));
            }
        }
        checkProgress(consumer, false);
    }

    /** @return whether the event changed the status (not a redelivery, gap or heartbeat) */
    private boolean apply(ConsumerRecord<String, IncidentEvent> record, int index) {
        IncidentEvent event = record.value();
        if (event == null) {
            DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(
                    record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
            throw new BatchListenerFailedException("record cannot be read", unreadable, index);
        }
        // No per-event MDC or id strings: a replay applies a million events, and the few lines logged name them.
        StatusProjection.Outcome outcome = status.offer(event);
        if (outcome == StatusProjection.Outcome.GAP) {
            log.warn(
                    "event {} of {} held: sequence {} does not follow the last applied one; its stream waits"
                            + " for the missing event",
                    event.getEventId(),
                    event.getIncidentId(),
                    event.getSequence());
        }
        return outcome == StatusProjection.Outcome.APPLIED;
    }

    /**
     * Once caught up, every batch is published as soon as it is applied. During the catch-up nobody reads
     * (the instance is not ready), so a snapshot is built at most once per {@link #CATCH_UP_PUBLISH_INTERVAL}
     * to show progress: building one per batch would make a replay quadratic in the number of incidents.
     */
    private boolean publishIfDue() {
        long now = System.nanoTime();
        if (status.caughtUp() || now - lastPublishedAt >= CATCH_UP_PUBLISH_INTERVAL.toNanos()) {
            status.publish();
            lastPublishedAt = now;
            return true;
        }
        return false;
    }

    /** With nothing to read, check whether that is because this instance has everything. */
    @EventListener(condition = "event.listenerId.startsWith('" + LISTENER_ID + "')")
    void idle(ListenerContainerIdleEvent event) {
        checkProgress(event.getConsumer(), true);
    }

    private void checkProgress(Consumer<?, ?> consumer, boolean idle) {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return;
        }
        recordLag(consumer, assigned);
        try {
            if (endAtStart == null) {
                endAtStart = new HashMap<>(consumer.endOffsets(assigned, END_OFFSETS_TIMEOUT));
                log.info(
                        "catching up with incident-events: {} events to read",
                        endAtStart.values().stream().mapToLong(Long::longValue).sum());
            }
            if (!status.caughtUp()) {
                if (assigned.stream().allMatch(p -> consumer.position(p) >= endAtStart.getOrDefault(p, 0L))) {
                    status.publish();
                    status.markCaughtUp();
                    AvailabilityChangeEvent.publish(events, status, ReadinessState.ACCEPTING_TRAFFIC);
                    log.info(
                            "caught up with incident-events: {} events applied",
                            status.current().appliedEvents());
                }
            } else if (idle) {
                // Only an answer from the broker proves that nothing newer exists; a silent log could be an outage.
                Map<TopicPartition, Long> end = consumer.endOffsets(assigned, END_OFFSETS_TIMEOUT);
                if (assigned.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
                    status.confirmedCurrent();
                }
            } else {
                status.confirmedCurrent();
            }
        } catch (org.apache.kafka.common.errors.TimeoutException unreachable) {
            log.debug("incident-events end offsets unavailable: {}", unreachable.getMessage());
        }
    }

    /**
     * Records left to read per partition, as the consumer last learned from a fetch (no broker call). Kafka's own
     * per-partition client metric reaches Micrometer only on its next rescan, up to a minute late.
     */
    private void recordLag(Consumer<?, ?> consumer, Set<TopicPartition> assigned) {
        for (TopicPartition partition : assigned) {
            OptionalLong lag = consumer.currentLag(partition);
            if (lag.isPresent()) {
                lagByPartition
                        .computeIfAbsent(partition.partition(), p -> {
                            AtomicLong value = new AtomicLong();
                            Gauge.builder("projection.consumer.lag", value, AtomicLong::get)
                                    .description(
                                            "Records of incident-events not yet read by this instance, per partition")
                                    .tag("topic", partition.topic())
                                    .tag("partition", String.valueOf(p))
                                    .register(metrics);
                            return value;
                        })
                        .set(lag.getAsLong());
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Beans {

        @Bean
        LiveStatus liveStatus() {
            return new LiveStatus(Clock.systemUTC());
        }

        /** The pipeline's freshness, from the heartbeats the follower applies (see HeartbeatHealth). */
        @Bean
        HeartbeatHealth pipeline(LiveStatus status, HeartbeatHealth.Settings settings) {
            return new HeartbeatHealth(status::lastHeartbeat, status::now, settings);
        }

        /** Not ready to serve until caught up: an empty page would claim "All Systems Operational". */
        @Bean
        ApplicationRunner refuseTrafficUntilCaughtUp(ApplicationEventPublisher events, LiveStatus status) {
            return args -> {
                if (!status.caughtUp()) {
                    AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
                }
            };
        }
    }
}
