package org.incidentplatform.notification;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.schemas.serde.AvroSerializer;

/**
 * Stands in for incident-service: owns incident-events in tests and appends events to it, events the
 * tests write with {@link org.incidentplatform.schemas.given.GivenEvents#happeningNow()}.
 */
public final class IncidentLog implements AutoCloseable {

    private final KafkaProducer<String, IncidentEvent> producer;

    public IncidentLog() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalPlatformExtension.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class.getName());
        config.put("schema.registry.url", LocalPlatformExtension.schemaRegistryUrl());
        producer = new KafkaProducer<>(config);
    }

    /** Creates incident-events and its dead-letter topic as incident-service would. */
    public static void createTopics() throws Exception {
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalPlatformExtension.bootstrapServers()))) {
            List<NewTopic> topics = Stream.of(Topics.INCIDENT_EVENTS, Topics.INCIDENT_EVENTS_DLT)
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs()))
                    .toList();
            try {
                admin.createTopics(topics).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    public IncidentEvent append(IncidentEvent event) {
        try {
            producer.send(new ProducerRecord<>(Topics.INCIDENT_EVENTS.name(), event.getIncidentId(), event))
                    .get();
            return event;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
