package org.incidentplatform.local.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.incidentplatform.schemas.given.EveryPayload;
import org.incidentplatform.schemas.registry.HttpSchemaRegistry;
import org.incidentplatform.schemas.serde.AvroDeserializer;
import org.incidentplatform.schemas.serde.AvroSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The serde as services use it: a real broker, the local registry over HTTP, Confluent wire format. */
@ExtendWith(LocalPlatformExtension.class)
class SerdeOverRegistryTests {

    @BeforeAll
    static void trustGeneratedClasses() {
        // This test writes with plain Avro, not through the serde that otherwise installs the trust.
        AvroDeserializer.trustEventClasses();
    }

    @Test
    void everyPayloadType_roundTripsThroughTheBrokerAndTheRegistry() throws Exception {
        String topic = newTopic();
        List<IncidentEvent> written = EveryPayload.events();

        try (KafkaProducer<String, Object> producer = producer()) {
            for (IncidentEvent event : written) {
                producer.send(new ProducerRecord<>(topic, event.getIncidentId(), event))
                        .get();
            }
        }

        List<Object> read = readAll(topic, written.size());
        assertThat(read).containsExactlyElementsOf(written);
        assertThat(new HttpSchemaRegistry(LocalPlatformExtension.schemaRegistryUrl()).subjects())
                .contains(topic + "-value");
    }

    @Test
    void aConsumerWithTheNewerSchema_readsRecordsWrittenWithAnOlderOne() throws Exception {
        String topic = newTopic();
        Schema current = IncidentEvent.getClassSchema();
        Schema older = withoutField(current, "correlationId");
        IncidentEvent sample = EveryPayload.events().get(0);
        assertThat(sample.getCorrelationId()).as("what the older writer drops").isNotNull();
        GenericRecord generic = toGeneric(sample);
        GenericRecord oldRecord = new GenericData.Record(older);
        older.getFields().forEach(field -> oldRecord.put(field.name(), generic.get(field.name())));

        try (KafkaProducer<String, Object> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, sample.getIncidentId(), oldRecord))
                    .get();
        }

        List<Object> read = readAll(topic, 1);
        assertThat(read).singleElement().isInstanceOfSatisfying(IncidentEvent.class, event -> {
            assertThat(event.getIncidentId()).isEqualTo(EveryPayload.INCIDENT_ID);
            assertThat(event.getCorrelationId())
                    .as("default of the field the writer did not have")
                    .isNull();
            assertThat(event.getPayload()).isEqualTo(sample.getPayload());
        });
    }

    /** The event in Avro's generic representation, as a producer without generated classes holds it. */
    private static GenericRecord toGeneric(IncidentEvent event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<IncidentEvent>(IncidentEvent.getClassSchema()).write(event, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(IncidentEvent.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    private static Schema withoutField(Schema schema, String name) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            if (!field.name().equals(name)) {
                fields.add(new Schema.Field(field, field.schema()));
            }
        }
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static String newTopic() throws Exception {
        String topic = "serde-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", LocalPlatformExtension.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        return topic;
    }

    private static KafkaProducer<String, Object> producer() {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalPlatformExtension.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                "schema.registry.url",
                LocalPlatformExtension.schemaRegistryUrl());
        AvroSerializer<Object> values = new AvroSerializer<>();
        values.configure(config, false);
        return new KafkaProducer<>(config, new StringSerializer(), values);
    }

    private static List<Object> readAll(String topic, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalPlatformExtension.bootstrapServers(),
                "schema.registry.url",
                LocalPlatformExtension.schemaRegistryUrl(),
                "specific.avro.reader",
                true);
        AvroDeserializer<Object> values = new AvroDeserializer<>();
        values.configure(config, false);
        List<Object> read = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (read.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
                    read.add(record.value());
                }
            }
        }
        return read;
    }
}
