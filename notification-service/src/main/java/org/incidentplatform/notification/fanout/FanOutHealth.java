package org.incidentplatform.notification.fanout;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * UP while the fan-out and the retry scheduler run. If their Kafka Streams client dies, nobody
 * hears of new incidents and no retry comes due: health must say so instead of staying green.
 */
@Component("fanOutStreams")
final class FanOutHealth implements HealthIndicator {

    private final StreamsBuilderFactoryBean streams;

    FanOutHealth(StreamsBuilderFactoryBean streams) {
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
