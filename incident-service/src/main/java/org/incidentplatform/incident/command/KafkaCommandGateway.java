package org.incidentplatform.incident.command;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.incidentplatform.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Puts a command on {@code incident-commands} and waits for the processor's answer on
 * {@code incident-command-results}. Every instance reads every answer (read_committed, from the
 * end at start) and completes the requests it is waiting for; an answer seen means its events
 * are committed. Both waits together are bounded by the decision timeout: when Kafka does not
 * answer in time the caller gets {@link CommandOutcome.Unavailable}, never a hang. Once a command
 * went unanswered, the {@link WriteGate} lets one probe through at a time and refuses the rest at
 * once (until an answer is read again), so during a broker outage clients get their 503 in
 * milliseconds.
 */
@Component
final class KafkaCommandGateway implements CommandGateway, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaCommandGateway.class);

    private final KafkaProperties kafka;
    private final Duration timeout;
    private final Clock clock;
    private final Map<String, CompletableFuture<CommandResult>> waiting = new ConcurrentHashMap<>();
    private final MeterRegistry metrics;
    private final Counter appended;
    private final WriteGate gate;
    private volatile Producer<String, CommandEnvelope> producer;
    private volatile Consumer<String, CommandResult> results;
    private volatile Thread reader;
    private volatile boolean running;

    KafkaCommandGateway(KafkaProperties kafka, CommandProperties properties, Clock clock, MeterRegistry metrics) {
        this.kafka = kafka;
        this.timeout = properties.decisionTimeout();
        this.clock = clock;
        this.metrics = metrics;
        this.gate = new WriteGate(clock);
        this.appended = Counter.builder("incident.events.appended")
                .description("Events appended to incident-events by commands accepted through this instance")
                .register(metrics);
    }

    /** Submits, and records how long the caller waited for the committed answer, by command and outcome. */
    @Override
    public CommandOutcome submit(CommandRequest request) {
        long started = System.nanoTime();
        CommandOutcome outcome = decide(request);
        Timer.builder("incident.commands")
                .description(
                        "From receiving a command to its committed answer (or giving up), as the HTTP caller waits")
                .tag("command", request.command().getClass().getSimpleName())
                .tag("outcome", outcomeTag(outcome))
                .publishPercentiles(0.5, 0.99)
                .register(metrics)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        if (outcome instanceof CommandOutcome.Accepted accepted && !accepted.replayed()) {
            appended.increment(accepted.eventIds().size());
        }
        return outcome;
    }

    private static String outcomeTag(CommandOutcome outcome) {
        if (outcome instanceof CommandOutcome.Accepted accepted) {
            return accepted.replayed() ? "replayed" : "accepted";
        }
        if (outcome instanceof CommandOutcome.Rejected) {
            return "rejected";
        }
        if (outcome instanceof CommandOutcome.VersionMismatch) {
            return "version_mismatch";
        }
        if (outcome instanceof CommandOutcome.IdempotencyKeyReused) {
            return "idempotency_key_reused";
        }
        if (outcome instanceof CommandOutcome.Failed) {
            return "failed";
        }
        return "unavailable";
    }

    private CommandOutcome decide(CommandRequest request) {
        if (!running) {
            return new CommandOutcome.Unavailable("incident-service is starting or stopping");
        }
        WriteGate.Admission admission = gate.admit();
        if (admission == WriteGate.Admission.REFUSE) {
            return new CommandOutcome.Unavailable(gate.refusal());
        }
        try {
            return sendAndAwait(request);
        } finally {
            if (admission == WriteGate.Admission.PROBE) {
                gate.probeDone();
            }
        }
    }

    /** Sends the command and waits for its answer, both within one decision timeout. */
    private CommandOutcome sendAndAwait(CommandRequest request) {
        String requestId = UUID.randomUUID().toString();
        CommandEnvelope envelope =
                CommandCodec.envelope(requestId, request, request.command().occurredAt() != null, clock.instant());
        CompletableFuture<CommandResult> answer = new CompletableFuture<>();
        waiting.put(requestId, answer);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Future<RecordMetadata> sent =
                    producer.send(new ProducerRecord<>(Topics.INCIDENT_COMMANDS.name(), request.streamId(), envelope));
            try {
                sent.get(remaining(deadline), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                gate.failed("not acknowledged within " + timeout.toSeconds() + " s");
                log.warn(
                        "command {} for {} not acknowledged by Kafka within {}",
                        envelope.type(),
                        request.streamId(),
                        timeout);
                return new CommandOutcome.Unavailable("Kafka did not acknowledge the command within "
                        + timeout.toSeconds() + " s; it may still be recorded. Retrying with the same "
                        + "Idempotency-Key is safe.");
            }
            CommandResult result = answer.get(remaining(deadline), TimeUnit.NANOSECONDS);
            return result.toOutcome();
        } catch (TimeoutException e) {
            gate.failed("no answer within " + timeout.toSeconds() + " s");
            log.warn("no decision on {} for {} within {}", envelope.type(), request.streamId(), timeout);
            return new CommandOutcome.Unavailable("no decision within " + timeout.toSeconds() + " s; Kafka may be "
                    + "unavailable. Retrying with the same Idempotency-Key is safe.");
        } catch (ExecutionException e) {
            gate.failed(e.getCause().toString());
            log.warn(
                    "command {} for {} could not be sent: {}",
                    envelope.type(),
                    request.streamId(),
                    e.getCause().toString());
            return new CommandOutcome.Unavailable(
                    "the command could not be written to Kafka: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CommandOutcome.Unavailable("interrupted");
        } finally {
            waiting.remove(requestId);
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    @Override
    public void start() {
        Map<String, Object> producerConfig = new HashMap<>(kafka.buildProducerProperties());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
        producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "incident-service-commands-" + UUID.randomUUID());
        producer = new KafkaProducer<>(
                producerConfig, Topics.INCIDENT_COMMANDS.keySerde().serializer(), CommandCodec.ENVELOPES.serializer());

        Map<String, Object> consumerConfig = new HashMap<>(kafka.buildConsumerProperties());
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "incident-service-results-" + UUID.randomUUID());
        results = new KafkaConsumer<>(
                consumerConfig,
                Topics.INCIDENT_COMMAND_RESULTS.keySerde().deserializer(),
                CommandCodec.RESULTS.deserializer());
        List<TopicPartition> partitions = results.partitionsFor(Topics.INCIDENT_COMMAND_RESULTS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        results.assign(partitions);
        results.seekToEnd(partitions);
        // Resolve the end positions now, so no answer to a request sent after start() is skipped.
        partitions.forEach(results::position);
        reader = new Thread(this::readResults, "command-results-reader");
        reader.setDaemon(true);
        running = true;
        reader.start();
        log.info(
                "command gateway ready: commands to {}, answers from {} ({} partitions)",
                Topics.INCIDENT_COMMANDS.name(),
                Topics.INCIDENT_COMMAND_RESULTS.name(),
                partitions.size());
    }

    private void readResults() {
        try {
            while (running) {
                for (ConsumerRecord<String, CommandResult> record : results.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        gate.answered();
                    }
                    CompletableFuture<CommandResult> answer = record.value() == null ? null : waiting.get(record.key());
                    if (answer != null) {
                        answer.complete(record.value());
                    }
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke us up.
        } catch (RuntimeException e) {
            log.error("command answers can no longer be read; requests will time out", e);
        } finally {
            results.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void stop() {
        running = false;
        if (results != null) {
            results.wakeup();
        }
        if (reader != null) {
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // With Kafka Streams, after the web server (whose port Kafka Streams advertises); until then a
        // request is answered 503 (not running), which clients retry.
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }
}
