package org.incidentplatform.incident.command;

import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.service.PlatformProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * The write side as one Kafka Streams topology: commands in, decided per stream against the
 * stream's snapshot, events and answers out, exactly once.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
@EnableConfigurationProperties({CommandProperties.class, InstanceProperties.class})
class CommandTopology {

    /** A snapshot may be larger than an event (a catalogue of 500 components); its changelog takes it. */
    static final String SNAPSHOT_MAX_BYTES = String.valueOf(8 * 1024 * 1024);

    private static final Logger log = LoggerFactory.getLogger(CommandTopology.class);

    @Bean
    Serde<IncidentEvent> incidentEventSerde(PlatformProperties platform) {
        return Topics.INCIDENT_EVENTS.valueSerde(platform.schemaRegistryUrl().toString());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    KStream<String, byte[]> commandPipeline(
            org.apache.kafka.streams.StreamsBuilder builder,
            Serde<IncidentEvent> events,
            Clock clock,
            CommandProperties properties,
            KnownComponents knownComponents,
            CommandFailures failures) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(CommandProcessor.STATE_STORE),
                        Serdes.String(),
                        Serdes.ByteArray())
                .withLoggingEnabled(Map.of("max.message.bytes", SNAPSHOT_MAX_BYTES)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CommandProcessor.EVENT_STORE), Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CommandProcessor.IDEMPOTENCY_STORE),
                Serdes.String(),
                CommandCodec.serde(CommandProcessor.FirstAnswer.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CommandProcessor.SCHEDULE_STORE),
                Serdes.String(),
                CommandCodec.serde(CommandProcessor.DueTimes.class)));

        KStream<String, byte[]> decided = builder.stream(
                        Topics.INCIDENT_COMMANDS.name(),
                        Consumed.with(Topics.INCIDENT_COMMANDS.keySerde(), CommandCodec.ENVELOPES))
                .process(
                        () -> new CommandProcessor(events.serializer(), knownComponents, clock, properties, failures),
                        Named.as("decide"),
                        CommandProcessor.STATE_STORE,
                        CommandProcessor.EVENT_STORE,
                        CommandProcessor.IDEMPOTENCY_STORE,
                        CommandProcessor.SCHEDULE_STORE);
        // The processor encodes both values itself (events with the serde above) and forwards each record to
        // one of these two sinks by name.
        decided.to(
                Topics.INCIDENT_EVENTS.name(),
                Produced.with(Topics.INCIDENT_EVENTS.keySerde(), Serdes.ByteArray())
                        .withName(CommandProcessor.EVENTS_OUT));
        decided.to(
                Topics.INCIDENT_COMMAND_RESULTS.name(),
                Produced.with(Topics.INCIDENT_COMMAND_RESULTS.keySerde(), Serdes.ByteArray())
                        .withName(CommandProcessor.ANSWERS_OUT));
        return decided;
    }

    /**
     * A stream thread that dies (never for one command's sake: those are answered) is replaced, counted
     * and shown in health, instead of leaving the instance without a processor.
     */
    @Bean
    StreamsBuilderFactoryBeanConfigurer replaceDeadStreamThreads(CommandFailures failures) {
        return factory -> factory.setStreamsUncaughtExceptionHandler(failure -> {
            failures.threadReplaced(failure);
            log.error("a command processor thread died; replacing it", failure);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    /**
     * Tells Kafka Streams where this instance answers HTTP (application.server), so any instance can
     * find the owner of a stream's partition and forward an audit read to it. The web server starts
     * before Kafka Streams, so its port (chosen at random in tests) is known by then.
     */
    @EventListener
    void advertise(WebServerInitializedEvent started) {
        StreamsBuilderFactoryBean factory = started.getApplicationContext().getBean(StreamsBuilderFactoryBean.class);
        InstanceProperties instance = started.getApplicationContext().getBean(InstanceProperties.class);
        Properties config = factory.getStreamsConfiguration();
        String endpoint =
                instance.advertisedHost() + ":" + started.getWebServer().getPort();
        config.setProperty(StreamsConfig.APPLICATION_SERVER_CONFIG, endpoint);
        factory.setStreamsConfiguration(config);
        log.info("audit reads of this instance's partitions are answered at {}", endpoint);
    }
}
