package org.incidentplatform.notification.fanout;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.notification.NotificationTopics;
import org.incidentplatform.notification.StoreSerdes;
import org.incidentplatform.notification.dispatch.RetryScheduler;
import org.incidentplatform.notification.events.Delivery;
import org.incidentplatform.notification.events.SubscriptionEvent;
import org.incidentplatform.notification.subscription.Subscription;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.schemas.serde.AvroSerde;
import org.incidentplatform.service.HeartbeatHealth;
import org.incidentplatform.service.PlatformProperties;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/**
 * The exactly-once part of the service, one Kafka Streams application: the fan-out (incident-events
 * in, deliveries out, with the subscriptions as a global store) and the retry scheduler (failed
 * deliveries in, due ones back to notification-deliveries).
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class FanOutTopology {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The last heartbeat the fan-out read: the pipeline's freshness, as health and gauge. */
    @Bean
    AtomicReference<IncidentEvent> lastHeartbeat() {
        return new AtomicReference<>();
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
    HeartbeatHealth pipeline(AtomicReference<IncidentEvent> lastHeartbeat, Clock clock,
                             HeartbeatHealth.Settings settings) {
        return new HeartbeatHealth(lastHeartbeat::get, clock::instant, settings);
    }

    @Bean
    KStream<String, Delivery> fanOut(StreamsBuilder builder, PlatformProperties platform, Clock clock,
                                     AtomicReference<IncidentEvent> lastHeartbeat, AtomicLong retryQueueDepth,
                                     MeterRegistry metrics,
                                     @Value("${notification-service.retry-check-interval:1s}") Duration retryCheck) {
        Serde<IncidentEvent> incidentEvents = avro(platform);
        Serde<SubscriptionEvent> subscriptionEvents = avro(platform);
        Serde<Delivery> deliveries = avro(platform);

        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SubscriptionFolder.STORE),
                        Serdes.String(), StoreSerdes.json(Subscription.class)).withLoggingDisabled(),
                NotificationTopics.SUBSCRIPTIONS.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()),
                () -> new SubscriptionFolder(subscriptionEvents.deserializer()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FanOutProcessor.DIGESTS),
                Serdes.String(), StoreSerdes.json(IncidentDigest.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RetryScheduler.STORE),
                Serdes.String(), StoreSerdes.avro(Delivery.class)));

        KStream<String, Delivery> fannedOut = builder
                .stream(Topics.INCIDENT_EVENTS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .process(() -> new FanOutProcessor(incidentEvents.deserializer(), clock, lastHeartbeat::set, metrics),
                        FanOutProcessor.DIGESTS);
        fannedOut.to(NotificationTopics.DELIVERIES.name(), Produced.with(Serdes.String(), deliveries));

        builder.stream(NotificationTopics.DELIVERY_RETRIES.name(), Consumed.with(Serdes.String(), deliveries))
                .process(() -> new RetryScheduler(clock, retryCheck, retryQueueDepth), RetryScheduler.STORE)
                .to(NotificationTopics.DELIVERIES.name(), Produced.with(Serdes.String(), deliveries));
        return fannedOut;
    }

    private static <T> Serde<T> avro(PlatformProperties platform) {
        Serde<T> serde = new AvroSerde<>();
        serde.configure(Map.of(
                "schema.registry.url", platform.schemaRegistryUrl().toString(),
                "specific.avro.reader", true), false);
        return serde;
    }
}
