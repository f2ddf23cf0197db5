package org.incidentplatform.notification.fanout;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * UP while the fan-out and the retry scheduler run. If their Kafka Streams client dies, nobody
 * hears of new incidents and no retry comes due: health must say so instead of staying green. The
 * same while the fan-out waits for the schema registry to give the schema of an event it must read.
 */
@Component("fanOutStreams")
final class FanOutHealth implements HealthIndicator {

    private final StreamsBuilderFactoryBean streams;
    private final AtomicReference<Instant> registryUnavailableSince;

    FanOutHealth(StreamsBuilderFactoryBean streams, AtomicReference<Instant> registryUnavailableSince) {
        this.streams = streams;
        this.registryUnavailableSince = registryUnavailableSince;
    }

    @Override
    public Health health() {
        KafkaStreams client = streams.getKafkaStreams();
        KafkaStreams.State state = client == null ? KafkaStreams.State.CREATED : client.state();
        Health.Builder health = switch (state) {
            case RUNNING, REBALANCING -> Health.up();
            case CREATED, PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> Health.down();
        };
        Instant waiting = registryUnavailableSince.get();
        if (waiting != null) {
            // Nothing is lost (the event is read again until the registry answers), but nobody is told meanwhile.
            return Health.down()
                    .withDetail("state", state.name())
                    .withDetail("waitingForSchemaRegistrySince", waiting.toString())
                    .build();
        }
        return health.withDetail("state", state.name()).build();
    }
}
