package org.incidentplatform.incident.command;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * UP while the command processor can decide commands. A service whose Kafka Streams client has
 * died answers every write with 503; health must say so instead of staying green. Commands that
 * failed one by one, and stream threads that were replaced, are shown beside the state: they do not
 * stop the processor, but an operator should see them.
 */
@Component("commandProcessor")
final class CommandProcessorHealth implements HealthIndicator {

    private final StreamsBuilderFactoryBean streams;
    private final CommandFailures failures;

    CommandProcessorHealth(StreamsBuilderFactoryBean streams, CommandFailures failures) {
        this.streams = streams;
        this.failures = failures;
    }

    @Override
    public Health health() {
        KafkaStreams client = streams.getKafkaStreams();
        KafkaStreams.State state = client == null ? KafkaStreams.State.CREATED : client.state();
        Health.Builder health = switch (state) {
            case RUNNING, REBALANCING -> Health.up();
            case CREATED, PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> Health.down();
        };
        health.withDetail("state", state.name())
                .withDetail("failedCommands", failures.failedCommands())
                .withDetail("replacedThreads", failures.replacedThreads());
        if (failures.lastFailure() != null) {
            health.withDetail("lastFailure", failures.lastFailure());
        }
        return health.build();
    }
}
