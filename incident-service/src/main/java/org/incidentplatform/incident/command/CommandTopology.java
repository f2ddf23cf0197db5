package org.incidentplatform.incident.command;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.schemas.serde.AvroSerde;
import org.incidentplatform.service.PlatformProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/**
 * The write side as one Kafka Streams topology: commands in, decided per stream against the
 * stream's history, events and answers out, exactly once.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
@EnableConfigurationProperties(CommandProperties.class)
class CommandTopology {

    @Bean
    Serde<IncidentEvent> incidentEventSerde(PlatformProperties platform) {
        Serde<IncidentEvent> serde = new AvroSerde<>();
        serde.configure(Map.of(
                "schema.registry.url", platform.schemaRegistryUrl().toString(),
                "specific.avro.reader", true), false);
        return serde;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    KStream<String, Object> commandPipeline(StreamsBuilder builder, Serde<IncidentEvent> events, Clock clock,
                                            CommandProperties properties) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(KnownComponents.STORE),
                        Serdes.String(), Serdes.String()).withLoggingDisabled(),
                Topics.INCIDENT_EVENTS.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()),
                () -> new KnownComponents(events.deserializer()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CommandProcessor.HISTORY_STORE), Serdes.String(), StreamHistory.SERDE));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CommandProcessor.IDEMPOTENCY_STORE), Serdes.String(),
                CommandCodec.serde(CommandProcessor.FirstAnswer.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CommandProcessor.SCHEDULE_STORE), Serdes.String(),
                CommandCodec.serde(CommandProcessor.DueTimes.class)));

        Duration scheduleInterval = properties.maintenanceScheduleInterval();
        KStream<String, Object> decided = builder
                .stream(Topics.INCIDENT_COMMANDS.name(), Consumed.with(Serdes.String(), CommandCodec.ENVELOPES))
                .process(() -> new CommandProcessor(events, clock, scheduleInterval),
                        CommandProcessor.HISTORY_STORE, CommandProcessor.IDEMPOTENCY_STORE,
                        CommandProcessor.SCHEDULE_STORE);
        decided.filter((key, value) -> value instanceof IncidentEvent)
                .mapValues(value -> (IncidentEvent) value)
                .to(Topics.INCIDENT_EVENTS.name(), Produced.with(Serdes.String(), events));
        decided.filter((key, value) -> value instanceof CommandResult)
                .mapValues(value -> (CommandResult) value)
                .to(Topics.INCIDENT_COMMAND_RESULTS.name(), Produced.with(Serdes.String(), CommandCodec.RESULTS));
        return decided;
    }
}
