package org.incidentplatform.incident.command;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.incident.domain.Catalogue;
import org.incidentplatform.incident.domain.CatalogueCommand;
import org.incidentplatform.incident.domain.CatalogueDecider;
import org.incidentplatform.incident.domain.CatalogueEvent;
import org.incidentplatform.incident.domain.Decision;
import org.incidentplatform.incident.domain.Incident;
import org.incidentplatform.incident.domain.IncidentCommand;
import org.incidentplatform.incident.domain.IncidentDecider;
import org.incidentplatform.incident.domain.Maintenance;
import org.incidentplatform.incident.domain.MaintenanceCommand;
import org.incidentplatform.incident.domain.MaintenanceDecider;
import org.incidentplatform.incident.domain.MaintenanceEvent;
import org.incidentplatform.incident.domain.MaintenanceStatus;
import org.incidentplatform.incident.domain.Rejection;
import org.incidentplatform.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Decides every command of the streams whose partition this task owns. Commands of one stream
 * arrive in order on one partition and are decided one at a time against the stream's stored
 * history, so two instances can never both append "the next" event. The events, the updated
 * history, the idempotency record and the answer to the waiting HTTP request are all written in
 * one Kafka transaction (exactly_once_v2): either all of them happen or none does.
 */
final class CommandProcessor implements Processor<String, CommandEnvelope, String, Object> {

    static final String HISTORY_STORE = "stream-history";
    static final String IDEMPOTENCY_STORE = "idempotency-keys";
    static final String SCHEDULE_STORE = "maintenance-schedule";
    static final String SCHEDULER = "scheduler";

    private static final Logger log = LoggerFactory.getLogger(CommandProcessor.class);

    private final Serde<IncidentEvent> events;
    private final Clock clock;
    private final Duration scheduleInterval;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, List<byte[]>> histories;
    private KeyValueStore<String, FirstAnswer> idempotency;
    private KeyValueStore<String, DueTimes> schedule;
    private KeyValueStore<String, String> knownComponents;

    CommandProcessor(Serde<IncidentEvent> events, Clock clock, Duration scheduleInterval) {
        this.events = events;
        this.clock = clock;
        this.scheduleInterval = scheduleInterval;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.histories = context.getStateStore(HISTORY_STORE);
        this.idempotency = context.getStateStore(IDEMPOTENCY_STORE);
        this.schedule = context.getStateStore(SCHEDULE_STORE);
        this.knownComponents = context.getStateStore(KnownComponents.STORE);
        context.schedule(scheduleInterval, PunctuationType.WALL_CLOCK_TIME, this::runDueMaintenance);
    }

    @Override
    public void process(Record<String, CommandEnvelope> record) {
        CommandEnvelope envelope = record.value();
        if (envelope == null) {
            log.warn("skipping an empty command record with key {}", record.key());
            return;
        }
        MDC.put("incidentId", envelope.streamId());
        MDC.put("requestId", envelope.requestId());
        try {
            reply(envelope.requestId(), decide(envelope));
        } finally {
            MDC.remove("incidentId");
            MDC.remove("requestId");
        }
    }

    private CommandResult decide(CommandEnvelope envelope) {
        String streamId = envelope.streamId();
        String idempotencyScope = envelope.idempotencyKey() == null ? null
                : envelope.actor() + '\u0000' + streamId + '\u0000' + envelope.idempotencyKey();
        if (idempotencyScope != null) {
            FirstAnswer first = idempotency.get(idempotencyScope);
            if (first != null) {
                return Objects.equals(first.requestHash(), envelope.requestHash())
                        ? CommandResult.accepted(envelope.requestId(), streamId, first.version(), first.eventIds(), true)
                        : CommandResult.keyReused(envelope.requestId(), streamId, first.version(),
                        envelope.idempotencyKey());
            }
        }
        Instant now = now();
        Object command;
        try {
            command = CommandCodec.command(envelope, now);
        } catch (RuntimeException malformed) {
            log.warn("undecodable command {} for {}: {}", envelope.type(), streamId, malformed.getMessage());
            return CommandResult.rejected(envelope.requestId(), streamId, 0,
                    Rejection.invalid(null, "the command could not be read: " + malformed.getMessage()));
        }
        Stream stream = load(envelope.kind(), streamId);
        if (stream.kind() != null && stream.kind() != envelope.kind()) {
            return CommandResult.rejected(envelope.requestId(), streamId, stream.version(),
                    Rejection.notFound("no " + envelope.kind().name().toLowerCase() + " '" + streamId + "'"));
        }
        if (envelope.expectedVersion() != null && envelope.expectedVersion() != stream.version()) {
            return CommandResult.versionMismatch(envelope.requestId(), streamId, stream.version(),
                    envelope.expectedVersion());
        }
        Decision<?> decision = decide(envelope.kind(), command, stream);
        if (decision instanceof Decision.Rejected<?> rejected) {
            log.info("{} {} rejected: {}", envelope.type(), streamId, rejected.rejection().reason());
            return CommandResult.rejected(envelope.requestId(), streamId, stream.version(), rejected.rejection());
        }
        List<?> decided = ((Decision.Accepted<?>) decision).events();
        Appended appended = append(envelope.kind(), streamId, stream, decided, envelope.actor(),
                envelope.correlationId(), now);
        CommandResult result = CommandResult.accepted(envelope.requestId(), streamId, appended.version(),
                appended.eventIds(), false);
        if (idempotencyScope != null) {
            idempotency.put(idempotencyScope, new FirstAnswer(envelope.requestHash(), appended.version(),
                    appended.eventIds()));
        }
        log.info("{} {} accepted: version {}, {} event(s)", envelope.type(), streamId, appended.version(),
                decided.size());
        return result;
    }

    private Decision<?> decide(StreamKind kind, Object command, Stream stream) {
        try {
            return switch (kind) {
                case INCIDENT -> IncidentDecider.decide((IncidentCommand) command, (Incident) stream.state(),
                        knownComponents());
                case MAINTENANCE -> MaintenanceDecider.decide((MaintenanceCommand) command,
                        (Maintenance) stream.state(), knownComponents());
                case CATALOGUE -> Catalogue.STREAM_ID.equals(stream.id())
                        ? CatalogueDecider.decide((CatalogueCommand) command, (Catalogue) stream.state())
                        : Decision.rejected(Rejection.notFound("the catalogue's stream is " + Catalogue.STREAM_ID));
            };
        } catch (ClassCastException wrongFamily) {
            return Decision.rejected(Rejection.invalid(null, command.getClass().getSimpleName()
                    + " is not a " + kind.name().toLowerCase() + " command"));
        }
    }

    /** Appends decided events: to incident-events, to the stream's stored history, and to the schedule. */
    private Appended append(StreamKind kind, String streamId, Stream stream, List<?> decided, String actor,
                            String correlationId, Instant now) {
        List<byte[]> history = new ArrayList<>(stream.history());
        List<String> eventIds = new ArrayList<>();
        long sequence = stream.version();
        for (Object domainEvent : decided) {
            sequence++;
            IncidentEvent event = IncidentEvent.newBuilder()
                    .setEventId(UUID.randomUUID())
                    .setIncidentId(streamId)
                    .setSequence(sequence)
                    .setOccurredAt(EventPayloads.occurredAt(domainEvent))
                    .setRecordedAt(now)
                    .setActor(actor)
                    .setCorrelationId(correlationId)
                    .setPayload(EventPayloads.toAvro(domainEvent))
                    .build();
            history.add(events.serializer().serialize(Topics.INCIDENT_EVENTS.name(), event));
            eventIds.add(event.getEventId().toString());
            RecordHeaders headers = new RecordHeaders();
            headers.add("event-id", event.getEventId().toString().getBytes(StandardCharsets.UTF_8));
            headers.add("event-type", event.getPayload().getClass().getSimpleName().getBytes(StandardCharsets.UTF_8));
            context.forward(new Record<>(streamId, event, now.toEpochMilli(), headers));
        }
        if (!decided.isEmpty()) {
            histories.put(streamId, history);
            if (kind == StreamKind.MAINTENANCE) {
                List<Object> all = new ArrayList<>(stream.domainEvents());
                all.addAll(decided);
                reschedule(streamId, MaintenanceDecider.replay(cast(all)));
            }
        }
        return new Appended(sequence, eventIds);
    }

    private void reply(String requestId, CommandResult result) {
        context.forward(new Record<>(requestId, result, clock.millis()));
    }

    /** Starts and completes maintenances whose owners asked for it, at the scheduled times. */
    private void runDueMaintenance(long wallClockMillis) {
        Instant now = now();
        List<KeyValue<String, DueTimes>> due = new ArrayList<>();
        try (KeyValueIterator<String, DueTimes> entries = schedule.all()) {
            entries.forEachRemaining(entry -> {
                if (entry.value.isDue(now)) {
                    due.add(entry);
                }
            });
        }
        for (KeyValue<String, DueTimes> entry : due) {
            Stream stream = load(StreamKind.MAINTENANCE, entry.key);
            Maintenance maintenance = (Maintenance) stream.state();
            MaintenanceCommand command = maintenance.status() == MaintenanceStatus.SCHEDULED
                    ? new MaintenanceCommand.StartMaintenance("Scheduled maintenance is in progress.", true, now)
                    : new MaintenanceCommand.CompleteMaintenance("Scheduled maintenance has completed.", true, now);
            Decision<MaintenanceEvent> decision = MaintenanceDecider.decide(command, maintenance, knownComponents());
            if (decision instanceof Decision.Accepted<MaintenanceEvent> accepted) {
                append(StreamKind.MAINTENANCE, entry.key, stream, accepted.events(), SCHEDULER, null, now);
                log.info("maintenance {} {} by schedule", entry.key,
                        command instanceof MaintenanceCommand.StartMaintenance ? "started" : "completed");
            } else {
                // A person moved it on in between; the schedule follows the stream's state.
                reschedule(entry.key, maintenance);
            }
        }
    }

    private void reschedule(String maintenanceId, Maintenance maintenance) {
        Long startAt = maintenance.status() == MaintenanceStatus.SCHEDULED && maintenance.autoStart()
                ? maintenance.scheduledFor().toEpochMilli() : null;
        // Completion is scheduled once the maintenance runs; starting it reschedules.
        Long completeAt = (maintenance.status() == MaintenanceStatus.IN_PROGRESS
                || maintenance.status() == MaintenanceStatus.VERIFYING) && maintenance.autoComplete()
                ? maintenance.scheduledUntil().toEpochMilli() : null;
        if (startAt == null && completeAt == null) {
            schedule.delete(maintenanceId);
        } else {
            schedule.put(maintenanceId, new DueTimes(startAt, completeAt));
        }
    }

    private Stream load(StreamKind expected, String streamId) {
        List<byte[]> history = histories.get(streamId);
        if (history == null || history.isEmpty()) {
            Object initial = switch (expected) {
                case INCIDENT -> IncidentDecider.initialState();
                case MAINTENANCE -> MaintenanceDecider.initialState();
                case CATALOGUE -> CatalogueDecider.initialState();
            };
            return new Stream(streamId, null, List.of(), List.of(), initial, 0);
        }
        List<Object> domainEvents = new ArrayList<>(history.size());
        for (byte[] bytes : history) {
            domainEvents.add(EventPayloads.toDomain(events.deserializer().deserialize(Topics.INCIDENT_EVENTS.name(),
                    bytes)));
        }
        StreamKind kind = StreamKind.of(domainEvents.get(0));
        Object state = switch (kind) {
            case INCIDENT -> IncidentDecider.replay(cast(domainEvents));
            case MAINTENANCE -> MaintenanceDecider.replay(cast(domainEvents));
            case CATALOGUE -> CatalogueDecider.replay(cast(domainEvents));
        };
        return new Stream(streamId, kind, history, domainEvents, state, history.size());
    }

    /** The catalogue as the deciders ask it: a lookup per named component, not a copy per command. */
    private Set<String> knownComponents() {
        return new AbstractSet<>() {
            @Override
            public boolean contains(Object id) {
                return id instanceof String key && knownComponents.get(key) != null;
            }

            @Override
            public Iterator<String> iterator() {
                List<String> ids = new ArrayList<>();
                try (KeyValueIterator<String, String> all = knownComponents.all()) {
                    all.forEachRemaining(entry -> ids.add(entry.key));
                }
                return ids.iterator();
            }

            @Override
            public int size() {
                return (int) knownComponents.approximateNumEntries();
            }
        };
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> cast(List<?> events) {
        return (List<T>) events;
    }

    /** A stream as loaded from the store; kind is null for a stream with no events yet. */
    private record Stream(String id, StreamKind kind, List<byte[]> history, List<Object> domainEvents, Object state,
                          long version) {
    }

    private record Appended(long version, List<String> eventIds) {
    }

    /** What the first request under an Idempotency-Key was answered; retries get the same. */
    record FirstAnswer(String requestHash, long version, List<String> eventIds) {
    }

    /** When a maintenance is to be started or completed automatically, in epoch millis; null: not by schedule. */
    record DueTimes(Long startAt, Long completeAt) {
        boolean isDue(Instant now) {
            return (startAt != null && startAt <= now.toEpochMilli())
                    || (completeAt != null && completeAt <= now.toEpochMilli());
        }
    }
}
