package org.incidentplatform.incident.command;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * Counts what went wrong inside the command processor: a command that failed while being decided
 * or encoded (answered with a 5xx, the next command processed), and a stream thread that died and
 * was replaced. Health shows the counts and the last failure, so an operator sees them without
 * reading logs.
 */
@Component
final class CommandFailures {

    private final Clock clock;
    private final Counter commands;
    private final Counter threads;
    private final AtomicReference<String> last = new AtomicReference<>();

    CommandFailures(MeterRegistry metrics, Clock clock) {
        this.clock = clock;
        this.commands = Counter.builder("incident.commands.failed")
                .description("Commands that failed inside the processor and were answered as failures")
                .register(metrics);
        this.threads = Counter.builder("incident.command.processor.threads.replaced")
                .description("Kafka Streams threads of the command processor that died and were replaced")
                .register(metrics);
    }

    void record(Throwable failure) {
        commands.increment();
        last.set(describe(failure));
    }

    void threadReplaced(Throwable failure) {
        threads.increment();
        last.set(describe(failure));
    }

    long failedCommands() {
        return (long) commands.count();
    }

    long replacedThreads() {
        return (long) threads.count();
    }

    /** The last failure, with its time; null when there was none. */
    String lastFailure() {
        return last.get();
    }

    private String describe(Throwable failure) {
        return Instant.now(clock) + " " + failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
