package org.incidentplatform.notification.fanout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.incidentplatform.events.Heartbeat;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.notification.audience.Audience;
import org.incidentplatform.notification.events.Announcement;
import org.incidentplatform.notification.events.Reach;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.schemas.registry.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * For each incident event worth a notice, one {@link Announcement} to notification-notices: the notice
 * and what earlier notices of the incident concerned. The dispatcher expands it to the subscriptions
 * it concerns, so the cost here does not depend on the audience. Runs under exactly_once_v2: the
 * announcement, the incident's digest (with the last sequence applied) and the input offset are
 * committed in one transaction. A redelivered event (sequence already applied) makes nothing.
 *
 * <p>An event whose schema the registry cannot give at that moment is not skipped: the read is
 * tried again for a few seconds, then the stream thread fails, is replaced, and reads the same record
 * again from the committed offset, until the registry answers (health says the fan-out waits for it).
 * Only bytes that can never be decoded are skipped.
 */
final class FanOutProcessor implements Processor<String, byte[], String, Announcement> {

    static final String DIGESTS = "incident-digests";

    /** How long one read waits for the registry in place, well inside the transaction's timeout. */
    static final Duration REGISTRY_PATIENCE = Duration.ofSeconds(5);

    private static final String REGISTRY_UNAVAILABLE = "registry-unavailable";
    private static final Logger log = LoggerFactory.getLogger(FanOutProcessor.class);

    private final Deserializer<IncidentEvent> events;
    private final Clock clock;
    private final Consumer<IncidentEvent> heartbeats;
    private final AtomicReference<Instant> registryUnavailableSince;
    private final MeterRegistry metrics;
    private ProcessorContext<String, Announcement> context;
    private KeyValueStore<String, IncidentDigest> digests;

    FanOutProcessor(
            Deserializer<IncidentEvent> events,
            Clock clock,
            Consumer<IncidentEvent> heartbeats,
            AtomicReference<Instant> registryUnavailableSince,
            MeterRegistry metrics) {
        this.events = events;
        this.clock = clock;
        this.heartbeats = heartbeats;
        this.registryUnavailableSince = registryUnavailableSince;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Announcement> context) {
        this.context = context;
        this.digests = context.getStateStore(DIGESTS);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        IncidentEvent event = read(record);
        if (event == null) {
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
        IncidentDigest next = step.digest();
        if (step.type() != null) {
            announce(event, step);
            if (!step.onlyForThoseTold()) {
                next = next.withReach(Audience.widened(next.reach(), step.reach()));
            }
        }
        digests.put(event.getIncidentId(), next);
    }

    /** The event, or null when its bytes can never be read (skipped, counted, logged). */
    private IncidentEvent read(Record<String, byte[]> record) {
        long deadline = System.nanoTime() + REGISTRY_PATIENCE.toNanos();
        long pauseMillis = 50;
        while (true) {
            try {
                IncidentEvent event = events.deserialize(Topics.INCIDENT_EVENTS.name(), record.value());
                if (registryUnavailableSince.getAndSet(null) != null) {
                    log.info("the schema registry answers again; the fan-out goes on");
                }
                return event;
            } catch (RuntimeException unreadable) {
                String reason = reason(record.value(), unreadable);
                if (!REGISTRY_UNAVAILABLE.equals(reason)) {
                    skipUnreadable(record, reason, unreadable);
                    return null;
                }
                Instant since = registryUnavailableSince.updateAndGet(at -> at == null ? clock.instant() : at);
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "schema registry unavailable since " + since + " at " + position(record)
                                    + "; the record is read again from the committed offset",
                            unreadable);
                }
                log.warn(
                        "schema registry unavailable reading {}, trying again in {} ms: {}",
                        position(record),
                        pauseMillis,
                        unreadable.getMessage());
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the schema registry", e);
                }
                pauseMillis = Math.min(pauseMillis * 2, 1_000);
            }
        }
    }

    private String position(Record<String, byte[]> record) {
        return context.recordMetadata()
                .map(metadata -> metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset())
                .orElse(Topics.INCIDENT_EVENTS.name() + " (key " + record.key() + ")");
    }

    /**
     * Nobody can be told of a record nobody can ever read, so it is skipped, and the partition moves on.
     * It is not dead-lettered here: projection-service already writes every unreadable record of
     * incident-events to incident-events-dlt with its reason, and a second copy would make the dead
     * letters disagree with the log they came from. What an operator needs from this service is to
     * know that notices may be missing: the counter {@code notification_unreadable_events_total},
     * by reason, and a log line naming the record's partition and offset (the DLT copy carries the
     * same ones in its {@code kafka_dlt-original-*} headers).
     */
    private void skipUnreadable(Record<String, byte[]> record, String reason, RuntimeException unreadable) {
        Counter.builder("notification.unreadable.events")
                .description("Records of incident-events the fan-out could not read and skipped: no notice was sent"
                        + " for them")
                .tag("reason", reason)
                .register(metrics)
                .increment();
        log.error(
                "skipping an unreadable incident event at {} (key {}), no notice sent: {}: {}",
                position(record),
                record.key(),
                reason,
                unreadable.getMessage());
    }

    /**
     * Few values, so the counter stays one series per cause: not our wire format at all, a schema id
     * the registry does not know, the registry not answering (retried, never skipped: the one cause
     * that is not the record's fault), or Avro that does not decode with its schema.
     */
    static String reason(byte[] value, Throwable unreadable) {
        if (value.length < 5 || value[0] != 0) {
            return "not-wire-format";
        }
        if (SchemaRegistryException.isUnavailable(unreadable)) {
            return REGISTRY_UNAVAILABLE;
        }
        for (Throwable cause = unreadable; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException) {
                return "unknown-schema";
            }
        }
        return "undecodable";
    }

    private void announce(IncidentEvent event, IncidentDigests.Step step) {
        Instant now = clock.instant();
        Announcement announcement = Announcement.newBuilder()
                .setEventId(event.getEventId().toString())
                .setEventRecordedAt(event.getRecordedAt())
                .setDecidedAt(now)
                .setNotice(step.notice(event.getSequence(), event.getOccurredAt()))
                .setReach(step.digest().reach().stream()
                        .map(reach -> new Reach(reach.impact(), List.copyOf(reach.components())))
                        .toList())
                .build();
        RecordHeaders headers = new RecordHeaders();
        headers.add("event-id", announcement.getEventId().getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<>(event.getIncidentId(), announcement, now.toEpochMilli(), headers));
        log.debug("{} of {} (sequence {}) announced", step.type(), event.getIncidentId(), event.getSequence());
    }
}
