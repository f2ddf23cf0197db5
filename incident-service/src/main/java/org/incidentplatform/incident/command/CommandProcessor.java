package org.incidentplatform.incident.command;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.incident.domain.Catalogue;
import org.incidentplatform.incident.domain.CatalogueCommand;
import org.incidentplatform.incident.domain.Command;
import org.incidentplatform.incident.domain.Decision;
import org.incidentplatform.incident.domain.IncidentCommand;
import org.incidentplatform.incident.domain.Maintenance;
import org.incidentplatform.incident.domain.MaintenanceCommand;
import org.incidentplatform.incident.domain.MaintenanceStatus;
import org.incidentplatform.incident.domain.Rejection;
import org.incidentplatform.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Decides every command of the streams whose partition this task owns. Commands of one stream
 * arrive in order on one partition and are decided one at a time against the stream's snapshot,
 * so two instances can never both append "the next" event, and a command costs the same at any
 * length of history. The events, the new snapshot, the idempotency record and the answer to the
 * waiting HTTP request are written in one Kafka transaction (exactly_once_v2): all or nothing.
 *
 * <p>One command can never stop the processor: everything that can fail for one command
 * (decoding it, deciding it, encoding its events and snapshot) happens before anything is
 * written, and a failure there becomes that command's answer. Only what Kafka Streams itself
 * throws (a lost partition, a closed store) goes up to Kafka Streams.
 */
final class CommandProcessor implements Processor<String, CommandEnvelope, String, byte[]> {

    static final String STATE_STORE = "stream-state";
    static final String EVENT_STORE = "stream-events";
    static final String IDEMPOTENCY_STORE = "idempotency-keys";
    static final String SCHEDULE_STORE = "maintenance-schedule";
    /** Names of the processor's two outputs (sink nodes) in the topology. */
    static final String EVENTS_OUT = "appended-events";

    static final String ANSWERS_OUT = "command-answers";
    static final String SCHEDULER = "scheduler";
    /** The largest event appended: far below the log's record limit, far above any event the field limits allow. */
    static final int EVENT_MAX_BYTES = 512 * 1024;

    private static final Logger log = LoggerFactory.getLogger(CommandProcessor.class);

    private final Serializer<IncidentEvent> events;
    private final KnownComponents knownComponents;
    private final Clock clock;
    private final Duration scheduleInterval;
    private final Duration idempotencyRetention;
    private final CommandFailures failures;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> states;
    private KeyValueStore<String, byte[]> eventStore;
    private KeyValueStore<String, FirstAnswer> idempotency;
    private KeyValueStore<String, DueTimes> schedule;

    CommandProcessor(
            Serializer<IncidentEvent> events,
            KnownComponents knownComponents,
            Clock clock,
            CommandProperties properties,
            CommandFailures failures) {
        this.events = events;
        this.knownComponents = knownComponents;
        this.clock = clock;
        this.scheduleInterval = properties.maintenanceScheduleInterval();
        this.idempotencyRetention = properties.idempotencyRetention();
        this.failures = failures;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.states = context.getStateStore(STATE_STORE);
        this.eventStore = context.getStateStore(EVENT_STORE);
        this.idempotency = context.getStateStore(IDEMPOTENCY_STORE);
        this.schedule = context.getStateStore(SCHEDULE_STORE);
        context.schedule(scheduleInterval, PunctuationType.WALL_CLOCK_TIME, this::runDueMaintenance);
        context.schedule(Duration.ofMinutes(10), PunctuationType.WALL_CLOCK_TIME, this::forgetOldAnswers);
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
            Outcome outcome;
            try {
                outcome = decide(envelope);
            } catch (StreamsException streams) {
                throw streams;
            } catch (RuntimeException e) {
                failures.record(e);
                log.error(
                        "{} {} failed while being decided; answered as a failure, nothing appended",
                        envelope.type(),
                        envelope.streamId(),
                        e);
                outcome = Outcome.answerOnly(CommandResult.failed(
                        envelope.requestId(),
                        envelope.streamId(),
                        e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
            write(outcome);
        } finally {
            MDC.remove("incidentId");
            MDC.remove("requestId");
        }
    }

    /** Reads and decides; writes nothing. */
    private Outcome decide(CommandEnvelope envelope) {
        String streamId = envelope.streamId();
        String scope = envelope.idempotencyKey() == null
                ? null
                : envelope.actor() + '\u0000' + streamId + '\u0000' + envelope.idempotencyKey();
        Instant now = now();
        if (scope != null) {
            FirstAnswer first = idempotency.get(scope);
            if (first != null && !first.expired(now, idempotencyRetention)) {
                return Outcome.answerOnly(
                        Objects.equals(first.requestHash(), envelope.requestHash())
                                ? CommandResult.accepted(
                                        envelope.requestId(), streamId, first.version(), first.eventIds(), true)
                                : CommandResult.keyReused(
                                        envelope.requestId(), streamId, first.version(), envelope.idempotencyKey()));
            }
        }
        Command command;
        try {
            command = CommandCodec.command(envelope, now);
        } catch (RuntimeException malformed) {
            log.warn("undecodable command {} for {}: {}", envelope.type(), streamId, malformed.getMessage());
            return Outcome.answerOnly(CommandResult.rejected(
                    envelope.requestId(),
                    streamId,
                    0,
                    Rejection.invalid(null, "the command could not be read: " + malformed.getMessage())));
        }
        Appending<?> appending = command.dispatch(new Command.Handler<Appending<?>>() {
            @Override
            public Appending<?> incident(IncidentCommand c) {
                return decide(StreamType.INCIDENTS, streamId, c, envelope, now);
            }

            @Override
            public Appending<?> maintenance(MaintenanceCommand c) {
                return decide(StreamType.MAINTENANCES, streamId, c, envelope, now)
                        .withSchedule(CommandProcessor::dueTimes);
            }

            @Override
            public Appending<?> catalogue(CatalogueCommand c) {
                if (!Catalogue.STREAM_ID.equals(streamId)) {
                    return Appending.refused(CommandResult.rejected(
                            envelope.requestId(),
                            streamId,
                            0,
                            Rejection.notFound("the catalogue's stream is " + Catalogue.STREAM_ID)));
                }
                return decide(StreamType.CATALOGUE, streamId, c, envelope, now);
            }
        });
        if (appending.refusal() != null) {
            return Outcome.answerOnly(appending.refusal());
        }
        CommandResult result = CommandResult.accepted(
                envelope.requestId(), streamId, appending.version(), appending.eventIds(), false);
        FirstAnswer first = scope == null
                ? null
                : new FirstAnswer(
                        envelope.requestHash(), appending.version(), appending.eventIds(), now.toEpochMilli());
        log.info(
                "{} {} accepted: version {}, {} event(s)",
                envelope.type(),
                streamId,
                appending.version(),
                appending.events().size());
        return new Outcome(appending, scope, first, result);
    }

    /** Decides one command of one kind of stream against its snapshot, and encodes all it would write. */
    private <C extends Command, E, S> Appending<S> decide(
            StreamType<C, E, S> type, String streamId, C command, CommandEnvelope envelope, Instant now) {
        return decide(
                type,
                streamId,
                command,
                envelope.requestId(),
                envelope.expectedVersion(),
                envelope.actor(),
                envelope.correlationId(),
                now);
    }

    private <C extends Command, E, S> Appending<S> decide(
            StreamType<C, E, S> type,
            String streamId,
            C command,
            String requestId,
            Long expectedVersion,
            String actor,
            String correlationId,
            Instant now) {
        byte[] stored = states.get(streamId);
        S state;
        if (stored == null) {
            state = type.decider().initialState();
        } else {
            state = type.decode(stored).orElse(null);
            if (state == null) {
                return Appending.refused(CommandResult.rejected(
                        requestId,
                        streamId,
                        0,
                        Rejection.notFound("no " + type.kind().name().toLowerCase() + " '" + streamId + "'")));
            }
        }
        long version = type.version(state);
        if (expectedVersion != null && expectedVersion != version) {
            return Appending.refused(CommandResult.versionMismatch(requestId, streamId, version, expectedVersion));
        }
        Decision<E> decision = type.decider().decide(command, state, knownComponents.asSet());
        if (decision instanceof Decision.Rejected<E> rejected) {
            log.info(
                    "{} {} rejected: {}",
                    command.getClass().getSimpleName(),
                    streamId,
                    rejected.rejection().reason());
            return Appending.refused(CommandResult.rejected(requestId, streamId, version, rejected.rejection()));
        }
        List<E> decided = decision instanceof Decision.Accepted<E> accepted ? accepted.events() : List.of();
        List<Appended> appended = new ArrayList<>(decided.size());
        S next = state;
        long sequence = version;
        for (E domainEvent : decided) {
            sequence++;
            IncidentEvent event = IncidentEvent.newBuilder()
                    .setEventId(UUID.randomUUID())
                    .setIncidentId(streamId)
                    .setSequence(sequence)
                    .setOccurredAt(type.occurredAt(domainEvent))
                    .setRecordedAt(now)
                    .setActor(actor)
                    .setCorrelationId(correlationId)
                    .setPayload(type.toAvro(domainEvent))
                    .build();
            byte[] bytes = events.serialize(Topics.INCIDENT_EVENTS.name(), event);
            if (bytes.length > EVENT_MAX_BYTES) {
                return Appending.refused(CommandResult.rejected(
                        requestId,
                        streamId,
                        version,
                        Rejection.invalid(
                                null,
                                "the request's fields together make an event of " + bytes.length + " bytes; at most "
                                        + EVENT_MAX_BYTES + " are recorded")));
            }
            appended.add(new Appended(
                    event.getEventId().toString(), event.getPayload().getClass().getSimpleName(), sequence, bytes));
            next = type.decider().evolve(next, domainEvent);
        }
        byte[] snapshot = appended.isEmpty() ? null : type.encode(next);
        return new Appending<>(streamId, next, sequence, appended, snapshot, null, null);
    }

    /** Writes what was decided: raw bytes only, so nothing here can fail for one command's sake. */
    private void write(Outcome outcome) {
        Appending<?> appending = outcome.appending();
        long timestamp = clock.millis();
        if (appending != null) {
            if (appending.snapshot() != null) {
                states.put(appending.streamId(), appending.snapshot());
            }
            for (Appended event : appending.events()) {
                eventStore.put(eventKey(appending.streamId(), event.sequence()), event.bytes());
                RecordHeaders headers = new RecordHeaders();
                headers.add("event-id", event.eventId().getBytes(StandardCharsets.UTF_8));
                headers.add("event-type", event.type().getBytes(StandardCharsets.UTF_8));
                context.forward(new Record<>(appending.streamId(), event.bytes(), timestamp, headers), EVENTS_OUT);
            }
            if (appending.schedule() != null && appending.schedule().isEmpty()) {
                schedule.delete(appending.streamId());
            } else if (appending.schedule() != null) {
                schedule.put(appending.streamId(), appending.schedule());
            }
        }
        if (outcome.firstAnswer() != null) {
            idempotency.put(outcome.idempotencyScope(), outcome.firstAnswer());
        }
        if (outcome.answer() != null) {
            context.forward(
                    new Record<>(
                            outcome.answer().requestId(),
                            CommandCodec.RESULTS
                                    .serializer()
                                    .serialize(Topics.INCIDENT_COMMAND_RESULTS.name(), outcome.answer()),
                            timestamp),
                    ANSWERS_OUT);
        }
    }

    /** The key of one event in the event store: the stream id, then the sequence, so a range reads a stream in order. */
    static String eventKey(String streamId, long sequence) {
        return streamId + '\u0000' + String.format("%019d", sequence);
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
            Outcome outcome;
            try {
                outcome = moveOnBySchedule(entry.key, entry.value, now);
            } catch (StreamsException streams) {
                throw streams;
            } catch (RuntimeException e) {
                failures.record(e);
                log.error(
                        "maintenance {} could not be moved on by schedule; tried again in {}",
                        entry.key,
                        scheduleInterval,
                        e);
                continue;
            }
            write(outcome);
        }
    }

    private Outcome moveOnBySchedule(String maintenanceId, DueTimes due, Instant now) {
        MaintenanceCommand command = due.startAt() != null && due.startAt() <= now.toEpochMilli()
                ? new MaintenanceCommand.StartMaintenance("Scheduled maintenance is in progress.", true, now)
                : new MaintenanceCommand.CompleteMaintenance("Scheduled maintenance has completed.", true, now);
        Appending<Maintenance> decided =
                decide(StreamType.MAINTENANCES, maintenanceId, command, null, null, SCHEDULER, null, now);
        if (decided.refusal() != null) {
            // A person moved it on in between, or it is gone: the schedule follows the stream's state.
            byte[] stored = states.get(maintenanceId);
            DueTimes current = stored == null
                    ? DueTimes.NONE
                    : StreamType.MAINTENANCES
                            .decode(stored)
                            .map(CommandProcessor::dueTimes)
                            .orElse(DueTimes.NONE);
            return Outcome.schedule(new Appending<>(maintenanceId, null, 0, List.of(), null, current, null));
        }
        log.info(
                "maintenance {} {} by schedule",
                maintenanceId,
                command instanceof MaintenanceCommand.StartMaintenance ? "started" : "completed");
        return new Outcome(decided.withSchedule(CommandProcessor::dueTimes), null, null, null);
    }

    /** When a maintenance is due to be started or completed by the schedule; {@link DueTimes#NONE} for neither. */
    static DueTimes dueTimes(Maintenance maintenance) {
        Long startAt = maintenance.status() == MaintenanceStatus.SCHEDULED && maintenance.autoStart()
                ? maintenance.scheduledFor().toEpochMilli()
                : null;
        // Completion is scheduled once the maintenance runs; starting it reschedules.
        Long completeAt = (maintenance.status() == MaintenanceStatus.IN_PROGRESS
                                || maintenance.status() == MaintenanceStatus.VERIFYING)
                        && maintenance.autoComplete()
                ? maintenance.scheduledUntil().toEpochMilli()
                : null;
        return new DueTimes(startAt, completeAt);
    }

    /** Idempotency-Keys are answered for a retention period, as Stripe's are; older answers are forgotten. */
    private void forgetOldAnswers(long wallClockMillis) {
        Instant now = now();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, FirstAnswer> entries = idempotency.all()) {
            entries.forEachRemaining(entry -> {
                if (entry.value == null || entry.value.expired(now, idempotencyRetention)) {
                    expired.add(entry.key);
                }
            });
        }
        expired.forEach(idempotency::delete);
        if (!expired.isEmpty()) {
            log.info("forgot {} Idempotency-Key answers older than {}", expired.size(), idempotencyRetention);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** One event ready to append, already encoded. */
    private record Appended(String eventId, String type, long sequence, byte[] bytes) {}

    /**
     * What deciding one command of one stream came to: either a refusal, or the new state and version
     * with the encoded events and snapshot to write (none when the command changed nothing).
     *
     * @param schedule the maintenance's new due times; null for other streams
     */
    private record Appending<S>(
            String streamId,
            S state,
            long version,
            List<Appended> events,
            byte[] snapshot,
            DueTimes schedule,
            CommandResult refusal) {

        static <S> Appending<S> refused(CommandResult refusal) {
            return new Appending<>(null, null, 0, List.of(), null, null, refusal);
        }

        /** With the due times of the new state; a refusal has no new state and stays as it is. */
        Appending<S> withSchedule(Function<S, DueTimes> dueTimes) {
            return refusal != null
                    ? this
                    : new Appending<>(streamId, state, version, events, snapshot, dueTimes.apply(state), null);
        }

        List<String> eventIds() {
            return events.stream().map(Appended::eventId).toList();
        }
    }

    /** Everything one command or one scheduled step writes. */
    private record Outcome(
            Appending<?> appending, String idempotencyScope, FirstAnswer firstAnswer, CommandResult answer) {

        static Outcome answerOnly(CommandResult answer) {
            return new Outcome(null, null, null, answer);
        }

        static Outcome schedule(Appending<?> appending) {
            return new Outcome(appending, null, null, null);
        }
    }

    /**
     * What the first request under an Idempotency-Key was answered; retries get the same.
     *
     * @param answeredAt epoch millis; null for answers stored before answers expired, which count as expired
     */
    record FirstAnswer(String requestHash, long version, List<String> eventIds, Long answeredAt) {

        boolean expired(Instant now, Duration retention) {
            return answeredAt == null || answeredAt + retention.toMillis() < now.toEpochMilli();
        }
    }

    /** When a maintenance is to be started or completed automatically, in epoch millis; null: not by schedule. */
    record DueTimes(Long startAt, Long completeAt) {

        static final DueTimes NONE = new DueTimes(null, null);

        boolean isEmpty() {
            return startAt == null && completeAt == null;
        }

        boolean isDue(Instant now) {
            return (startAt != null && startAt <= now.toEpochMilli())
                    || (completeAt != null && completeAt <= now.toEpochMilli());
        }
    }
}
