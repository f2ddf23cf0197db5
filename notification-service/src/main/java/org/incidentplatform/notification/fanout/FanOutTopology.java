package org.incidentplatform.notification.fanout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.notification.NotificationTopics;
import org.incidentplatform.notification.StoreSerdes;
import org.incidentplatform.notification.dispatch.RetryScheduler;
import org.incidentplatform.notification.events.Announcement;
import org.incidentplatform.notification.events.Delivery;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.service.HeartbeatHealth;
import org.incidentplatform.service.PlatformProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * The exactly-once part of the service, one Kafka Streams application: the fan-out (incident-events
 * in, one announcement per notifiable event out to notification-notices) and the retry scheduler
 * (failed deliveries in, due ones back to notification-deliveries).
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class FanOutTopology {

    private static final Logger log = LoggerFactory.getLogger(FanOutTopology.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The last heartbeat the fan-out read: the pipeline's freshness, as health and gauge. */
    @Bean
    AtomicReference<IncidentEvent> lastHeartbeat() {
        return new AtomicReference<>();
    }

    /** Since when the fan-out has been waiting for the schema registry to give a schema; null while it answers. */
    @Bean
    AtomicReference<Instant> registryUnavailableSince() {
        return new AtomicReference<>();
    }

    /**
     * A stream thread that fails (the registry unreachable for longer than a read waits, say) is
     * replaced, and its task reads on from the committed offset; the count is the metric
     * {@code notification_fan_out_threads_replaced_total}.
     */
    @Bean
    StreamsBuilderFactoryBeanConfigurer replaceFailedThreads(MeterRegistry metrics) {
        Counter replaced = Counter.builder("notification.fan.out.threads.replaced")
                .description("Fan-out stream threads that failed and were replaced")
                .register(metrics);
        return factory -> factory.setStreamsUncaughtExceptionHandler(failure -> {
            replaced.increment();
            log.error("a fan-out stream thread failed; replacing it: {}", failure.getMessage(), failure);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    /** Deliveries held for a later retry on this instance, as the gauge {@code notification_retry_queue_depth}. */
    @Bean
    AtomicLong retryQueueDepth(MeterRegistry metrics) {
        AtomicLong depth = new AtomicLong();
        Gauge.builder("notification.retry.queue.depth", depth, AtomicLong::get)
                .description("Failed deliveries waiting for their next attempt on this instance")
                .register(metrics);
        return depth;
    }

    @Bean
    HeartbeatHealth pipeline(
            AtomicReference<IncidentEvent> lastHeartbeat, Clock clock, HeartbeatHealth.Settings settings) {
        return new HeartbeatHealth(lastHeartbeat::get, clock::instant, settings);
    }

    @Bean
    KStream<String, Announcement> fanOut(
            StreamsBuilder builder,
            PlatformProperties platform,
            Clock clock,
            AtomicReference<IncidentEvent> lastHeartbeat,
            AtomicReference<Instant> registryUnavailableSince,
            AtomicLong retryQueueDepth,
            MeterRegistry metrics,
            @Value("${notification-service.retry-check-interval:1s}") Duration retryCheck) {
        String registry = platform.schemaRegistryUrl().toString();
        Serde<IncidentEvent> incidentEvents = Topics.INCIDENT_EVENTS.valueSerde(registry);
        Serde<Announcement> announcements = NotificationTopics.NOTICES.valueSerde(registry);
        Serde<Delivery> retries = NotificationTopics.DELIVERY_RETRIES.valueSerde(registry);
        Serde<Delivery> deliveries = NotificationTopics.DELIVERIES.valueSerde(registry);

        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(FanOutProcessor.DIGESTS),
                Serdes.String(),
                StoreSerdes.json(IncidentDigest.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(RetryScheduler.STORE),
                Serdes.String(),
                StoreSerdes.avro(Delivery.class)));

        // Events are read as bytes and decoded by the processor, which tells an unreadable record from a
        // registry that does not answer.
        KStream<String, Announcement> fannedOut = builder.stream(
                        Topics.INCIDENT_EVENTS.name(),
                        Consumed.with(Topics.INCIDENT_EVENTS.keySerde(), Serdes.ByteArray()))
                .process(
                        () -> new FanOutProcessor(
                                incidentEvents.deserializer(),
                                clock,
                                lastHeartbeat::set,
                                registryUnavailableSince,
                                metrics),
                        FanOutProcessor.DIGESTS);
        fannedOut.to(
                NotificationTopics.NOTICES.name(), Produced.with(NotificationTopics.NOTICES.keySerde(), announcements));

        builder.stream(
                        NotificationTopics.DELIVERY_RETRIES.name(),
                        Consumed.with(NotificationTopics.DELIVERY_RETRIES.keySerde(), retries))
                .process(() -> new RetryScheduler(clock, retryCheck, retryQueueDepth), RetryScheduler.STORE)
                .to(
                        NotificationTopics.DELIVERIES.name(),
                        Produced.with(NotificationTopics.DELIVERIES.keySerde(), deliveries));
        return fannedOut;
    }
}
