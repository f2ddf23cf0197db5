package org.incidentplatform.incident.command;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * UP while the command processor can decide commands. A service whose Kafka Streams client has
 * died answers every write with 503; health must say so instead of staying green.
 */
@Component("commandProcessor")
final class CommandProcessorHealth implements HealthIndicator {

    private final StreamsBuilderFactoryBean streams;

    CommandProcessorHealth(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
    }

    @Override
    public Health health() {
        KafkaStreams client = streams.getKafkaStreams();
        KafkaStreams.State state = client == null ? KafkaStreams.State.CREATED : client.state();
        Health.Builder health = switch (state) {
            case RUNNING, REBALANCING -> Health.up();
            case CREATED, PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> Health.down();
        };
        return health.withDetail("state", state.name()).build();
    }
}
