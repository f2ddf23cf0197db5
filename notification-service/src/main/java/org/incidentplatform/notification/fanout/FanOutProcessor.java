package org.incidentplatform.notification.fanout;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.incidentplatform.events.Heartbeat;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.notification.events.Delivery;
import org.incidentplatform.notification.events.Notice;
import org.incidentplatform.notification.subscription.Subscription;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.schemas.registry.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * For each incident event worth a notice, one {@link Delivery} per subscription that should hear of
 * it. Runs under exactly_once_v2: the deliveries, the incident's digest (with the last sequence
 * applied and who was told) and the input offset are committed in one transaction, so the decision
 * and its record are one step. A redelivered event (sequence already applied) makes nothing.
 */
final class FanOutProcessor implements Processor<String, byte[], String, Delivery> {

    static final String DIGESTS = "incident-digests";

    private static final Logger log = LoggerFactory.getLogger(FanOutProcessor.class);

    private final Deserializer<IncidentEvent> events;
    private final Clock clock;
    private final Consumer<IncidentEvent> heartbeats;
    private final MeterRegistry metrics;
    private ProcessorContext<String, Delivery> context;
    private KeyValueStore<String, IncidentDigest> digests;
    private KeyValueStore<String, Subscription> subscriptions;

    FanOutProcessor(Deserializer<IncidentEvent> events, Clock clock, Consumer<IncidentEvent> heartbeats,
                    MeterRegistry metrics) {
        this.events = events;
        this.clock = clock;
        this.heartbeats = heartbeats;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Delivery> context) {
        this.context = context;
        this.digests = context.getStateStore(DIGESTS);
        this.subscriptions = context.getStateStore(SubscriptionFolder.STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        IncidentEvent event;
        try {
            event = events.deserialize(Topics.INCIDENT_EVENTS.name(), record.value());
        } catch (RuntimeException unreadable) {
            skipUnreadable(record, unreadable);
            return;
        }
        if (event.getPayload() instanceof Heartbeat) {
            // No stream's event and nobody's notice: only the pipeline's freshness.
            heartbeats.accept(event);
            return;
        }
        // Every line logged while fanning this event out names it; structured logs carry them as fields.
        MDC.put("incidentId", event.getIncidentId());
        MDC.put("eventId", event.getEventId().toString());
        try {
            apply(event);
        } finally {
            MDC.remove("incidentId");
            MDC.remove("eventId");
        }
    }

    private void apply(IncidentEvent event) {
        IncidentDigest digest = digests.get(event.getIncidentId());
        if (digest != null && event.getSequence() <= digest.lastSequence()) {
            log.debug("event {} of {} already fanned out", event.getEventId(), event.getIncidentId());
            return;
        }
        IncidentDigests.Step step = IncidentDigests.apply(digest, event);
        if (step.digest() == null) {
            return;
        }
        Set<String> told = new HashSet<>();
        if (step.type() != null) {
            told = fanOut(event, step);
        }
        digests.put(event.getIncidentId(), IncidentDigests.withTold(step.digest(), told));
    }

    /**
     * Nobody can be told of a record nobody can read, so it is skipped, and the partition moves on.
     * It is not dead-lettered here: projection-service already writes every unreadable record of
     * incident-events to incident-events-dlt with its reason, and a second copy would make the dead
     * letters disagree with the log they came from. What an operator needs from this service is to
     * know that notices may be missing: the counter {@code notification_unreadable_events_total},
     * by reason, and a log line naming the record's partition and offset (the DLT copy carries the
     * same ones in its {@code kafka_dlt-original-*} headers).
     */
    private void skipUnreadable(Record<String, byte[]> record, RuntimeException unreadable) {
        String reason = reason(record.value(), unreadable);
        Counter.builder("notification.unreadable.events")
                .description("Records of incident-events the fan-out could not read and skipped: no notice was sent"
                        + " for them")
                .tag("reason", reason)
                .register(metrics)
                .increment();
        String at = context.recordMetadata()
                .map(metadata -> metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset())
                .orElse(Topics.INCIDENT_EVENTS.name());
        log.error("skipping an unreadable incident event at {} (key {}), no notice sent: {}: {}", at, record.key(),
                reason, unreadable.getMessage());
    }

    /**
     * Few values, so the counter stays one series per cause: not our wire format at all, a schema id
     * the registry does not know, the registry not answering (retrying could have read it: the one
     * cause that is not the record's fault), or Avro that does not decode with its schema.
     */
    static String reason(byte[] value, Throwable unreadable) {
        if (value.length < 5 || value[0] != 0) {
            return "not-wire-format";
        }
        for (Throwable cause = unreadable; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException registry) {
                return registry.isNotFound() ? "unknown-schema" : "registry-unavailable";
            }
        }
        return "undecodable";
    }

    private Set<String> fanOut(IncidentEvent event, IncidentDigests.Step step) {
        Occurrence occurrence = step.occurrence();
        Notice notice = step.notice(event.getSequence(), event.getOccurredAt());
        String eventId = event.getEventId().toString();
        Instant now = clock.instant();
        Set<String> told = new HashSet<>();
        try (KeyValueIterator<String, Subscription> all = subscriptions.all()) {
            while (all.hasNext()) {
                Subscription subscription = all.next().value;
                if (!Audience.shouldTell(subscription, occurrence, step.digest().told().contains(subscription.id()))) {
                    continue;
                }
                Delivery delivery = Delivery.newBuilder()
                        .setDeliveryId(DeliveryIds.of(eventId, subscription.id()))
                        .setSubscriptionId(subscription.id())
                        .setEventId(eventId)
                        .setAttempt(0)
                        .setRequestedAt(now)
                        .setEventRecordedAt(event.getRecordedAt())
                        .setDueAt(now)
                        .setNotice(notice)
                        .build();
                RecordHeaders headers = new RecordHeaders();
                headers.add("delivery-id", delivery.getDeliveryId().toString().getBytes(StandardCharsets.UTF_8));
                headers.add("event-id", eventId.getBytes(StandardCharsets.UTF_8));
                context.forward(new Record<>(subscription.id(), delivery, now.toEpochMilli(), headers));
                told.add(subscription.id());
            }
        }
        // One line per notice that tells somebody; a replay of a million events nobody follows logs nothing.
        if (told.isEmpty()) {
            log.debug("{} of {} (sequence {}): nobody to tell", step.type(), event.getIncidentId(), event.getSequence());
        } else {
            log.info("{} of {} (sequence {}): {} deliveries", step.type(), event.getIncidentId(), event.getSequence(),
                    told.size());
        }
        return told;
    }
}
