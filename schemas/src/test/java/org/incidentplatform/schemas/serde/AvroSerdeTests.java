package org.incidentplatform.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.incidentplatform.events.IncidentDeclared;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.schemas.SchemaEdits;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.schemas.compatibility.CompatibilityLevel;
import org.incidentplatform.schemas.given.EveryPayload;
import org.incidentplatform.schemas.registry.InMemorySchemaRegistry;
import org.incidentplatform.schemas.registry.SchemaRegistryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeTests {

    private static final String TOPIC = Topics.INCIDENT_EVENTS.name();
    private static final String SUBJECT = Topics.INCIDENT_EVENTS_SUBJECT;
    private static final Schema CURRENT = IncidentEvent.getClassSchema();

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    static Stream<Arguments> sampleEvents() {
        return EveryPayload.events().stream()
                .map(event -> Arguments.of(named(event.getPayload().getClass().getSimpleName(), event)));
    }

    @Test
    void sampleEvents_coverEveryPayloadTypeOfTheUnion() {
        List<String> unionBranches = CURRENT.getField("payload").schema().getTypes().stream()
                .map(Schema::getFullName)
                .toList();

        assertThat(EveryPayload.events())
                .extracting(event -> event.getPayload().getClass().getName())
                .containsExactlyElementsOf(unionBranches);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleEvents")
    void roundTrip_returnsAnEqualSpecificRecord_forEveryPayloadType(IncidentEvent event) {
        byte[] bytes = serializer(Map.of()).serialize(TOPIC, event);

        Object read =
                deserializer(Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, true)).deserialize(TOPIC, bytes);

        assertThat(read).isInstanceOf(IncidentEvent.class).isEqualTo(event);
        assertThat(((IncidentEvent) read).getPayload())
                .isInstanceOf(event.getPayload().getClass());
    }

    @Test
    void serialize_writesMagicByteZero_theSchemaIdBigEndian_andPlainAvroBinary() throws IOException {
        registry.register("some-other-topic-value", Schema.create(Schema.Type.STRING));
        IncidentEvent event = EveryPayload.events().get(0);

        byte[] bytes = serializer(Map.of()).serialize(TOPIC, event);

        int id = registry.idOf(SUBJECT, CURRENT);
        assertThat(id).isEqualTo(2);
        assertThat(Arrays.copyOfRange(bytes, 0, 5)).containsExactly(0, 0, 0, 0, 2);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(avroBinary(event));
    }

    @Test
    void nulls_passThroughAsNull() {
        assertThat(serializer(Map.of()).serialize(TOPIC, null)).isNull();
        assertThat(deserializer(Map.of()).deserialize(TOPIC, null)).isNull();
    }

    @Test
    void deserialize_returnsGenericRecords_whenSpecificReaderIsOff() {
        IncidentEvent event = EveryPayload.events().get(0);
        byte[] bytes = serializer(Map.of()).serialize(TOPIC, event);

        Object read = deserializer(Map.of()).deserialize(TOPIC, bytes);

        assertThat(read).isInstanceOf(GenericRecord.class).isNotInstanceOf(IncidentEvent.class);
        GenericRecord record = (GenericRecord) read;
        assertThat(record.get("incidentId")).isEqualTo(EveryPayload.INCIDENT_ID);
        assertThat(record.get("occurredAt")).isEqualTo(event.getOccurredAt().toEpochMilli());
        assertThat(((GenericRecord) record.get("payload")).getSchema().getName())
                .isEqualTo("IncidentDeclared");
        assertThat(((GenericRecord) record.get("payload")).get("title"))
                .isEqualTo("Elevated error rates on the web app");
    }

    @Test
    void deserialize_convertsLogicalTypes_inGenericRecords_whenAsked() {
        IncidentEvent event = EveryPayload.events().get(0);
        byte[] bytes = serializer(Map.of()).serialize(TOPIC, event);

        GenericRecord record = (GenericRecord) deserializer(Map.of(AvroSerdeConfig.USE_LOGICAL_TYPE_CONVERTERS, "true"))
                .deserialize(TOPIC, bytes);

        assertThat(record.get("occurredAt")).isEqualTo(event.getOccurredAt());
        assertThat(record.get("eventId")).isEqualTo(event.getEventId());
    }

    @Test
    void serialize_writesGenericRecords_likeTheSpecificOnes() {
        IncidentEvent event = EveryPayload.events().get(6);
        AvroSerializer<Object> serializer = serializer(Map.of());
        byte[] specificBytes = serializer.serialize(TOPIC, event);
        Object generic = deserializer(Map.of()).deserialize(TOPIC, specificBytes);

        assertThat(serializer.serialize(TOPIC, generic)).isEqualTo(specificBytes);
    }

    @Test
    void deserialize_readsRecordsOfAnOlderWriterSchema_withTheReadersDefaults() throws IOException {
        Schema older = SchemaEdits.withoutField(
                SchemaEdits.withoutField(CURRENT, "IncidentEvent", "correlationId"), "IncidentDeclared", "backfilled");
        IncidentEvent event = EveryPayload.events().get(0);
        GenericRecord writtenByOlderProducer = (GenericRecord) new GenericDatumReader<>(CURRENT, older)
                .read(null, DecoderFactory.get().binaryDecoder(avroBinary(event), null));
        byte[] bytes = serializer(Map.of()).serialize(TOPIC, writtenByOlderProducer);

        IncidentEvent read = (IncidentEvent)
                deserializer(Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, true)).deserialize(TOPIC, bytes);

        assertThat(registry.latest(SUBJECT).schema()).isEqualTo(older);
        assertThat(read.getCorrelationId()).isNull();
        assertThat(((IncidentDeclared) read.getPayload()).getBackfilled()).isFalse();
        assertThat(read.getEventId()).isEqualTo(event.getEventId());
        assertThat(((IncidentDeclared) read.getPayload()).getTitle())
                .isEqualTo(((IncidentDeclared) event.getPayload()).getTitle());
    }

    @Test
    void deserialize_skipsFieldsOfANewerWriterSchema_thatTheReaderDoesNotKnow() {
        Schema newer = SchemaEdits.withField(
                CURRENT, "IncidentDeclared", "{\"name\":\"severityScore\",\"type\":\"int\",\"default\":0}");
        registry.register(SUBJECT, CURRENT);
        int newerId = registry.register(SUBJECT, newer);
        IncidentEvent event = EveryPayload.events().get(0);
        byte[] current = serializer(Map.of()).serialize(TOPIC, event);
        GenericRecord newerRecord = (GenericRecord) deserializer(Map.of()).deserialize(TOPIC, current);
        GenericData.Record upgraded = upgrade(newerRecord, newer);
        ((GenericData.Record) upgraded.get("payload")).put("severityScore", 7);
        byte[] bytes = serializer(Map.of()).serialize(TOPIC, upgraded);

        Object read =
                deserializer(Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, true)).deserialize(TOPIC, bytes);

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(newerId);
        assertThat(read).isEqualTo(event);
    }

    @Test
    void useLatestVersion_writesWithTheSubjectsLatestSchema_whenAutoRegisterIsOff() {
        int id = registry.register(SUBJECT, CURRENT);
        CountingSchemaRegistry counting = new CountingSchemaRegistry(registry);
        AvroSerializer<Object> serializer = new AvroSerializer<>(counting);
        serializer.configure(
                Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false, AvroSerdeConfig.USE_LATEST_VERSION, true), false);

        for (IncidentEvent event : EveryPayload.events()) {
            byte[] bytes = serializer.serialize(TOPIC, event);
            assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
            assertThat(deserializer(Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, true))
                            .deserialize(TOPIC, bytes))
                    .isEqualTo(event);
        }
        assertThat(counting.calls("latest")).isEqualTo(1);
        assertThat(counting.calls("register") + counting.calls("idOf")).isZero();
    }

    @Test
    void useLatestVersion_projectsTheRecordOntoANewerLatestSchema() {
        registry.register(SUBJECT, CURRENT);
        Schema newer = SchemaEdits.withField(
                CURRENT,
                "IncidentEvent",
                "{\"name\":\"source\",\"type\":{\"type\":\"string\",\"avro.java.string\":\"String\"},"
                        + "\"default\":\"api\"}");
        int newerId = registry.register(SUBJECT, newer);
        IncidentEvent event = EveryPayload.events().get(1);

        byte[] bytes = serializer(Map.of(
                        AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false", AvroSerdeConfig.USE_LATEST_VERSION, "true"))
                .serialize(TOPIC, event);

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(newerId);
        GenericRecord generic = (GenericRecord) deserializer(Map.of()).deserialize(TOPIC, bytes);
        assertThat(generic.get("source")).isEqualTo("api");
        assertThat(generic.get("incidentId")).isEqualTo(event.getIncidentId());
        assertThat(deserializer(Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, true))
                        .deserialize(TOPIC, bytes))
                .isEqualTo(event);
    }

    @Test
    void useLatestVersion_failsClearly_whenTheRecordCannotBeWrittenWithTheLatestSchema() {
        registry.setCompatibility(SUBJECT, CompatibilityLevel.NONE);
        registry.register(
                SUBJECT, SchemaEdits.withField(CURRENT, "IncidentEvent", "{\"name\":\"tenant\",\"type\":\"string\"}"));
        AvroSerializer<Object> serializer = serializer(
                Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false, AvroSerdeConfig.USE_LATEST_VERSION, true));

        assertThatThrownBy(
                        () -> serializer.serialize(TOPIC, EveryPayload.events().get(0)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cannot be written with the latest schema of subject '" + SUBJECT + "'")
                .hasMessageContaining("tenant");
    }

    @Test
    void serialize_looksTheSchemaUp_insteadOfRegistering_whenAutoRegisterIsOff() {
        int id = registry.register(SUBJECT, CURRENT);
        CountingSchemaRegistry counting = new CountingSchemaRegistry(registry);
        AvroSerializer<Object> serializer = new AvroSerializer<>(counting);
        serializer.configure(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);

        byte[] bytes = serializer.serialize(TOPIC, EveryPayload.events().get(0));

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(counting.calls("register")).isZero();
        assertThat(counting.calls("idOf")).isEqualTo(1);
    }

    @Test
    void serialize_failsClearly_whenAutoRegisterIsOffAndTheSchemaIsNotRegistered() {
        AvroSerializer<Object> serializer = serializer(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false));

        assertThatThrownBy(
                        () -> serializer.serialize(TOPIC, EveryPayload.events().get(0)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("The schema of org.incidentplatform.events.IncidentEvent is not registered "
                        + "under subject '" + SUBJECT + "' and auto.register.schemas=false")
                .hasMessageContaining("40401")
                .hasCauseInstanceOf(SchemaRegistryException.class);
    }

    @Test
    void serialize_failsClearly_whenTheRegistryRejectsTheSchemaAsIncompatible() {
        registry.register(SUBJECT, SchemaEdits.withoutField(CURRENT, "IncidentEvent", "actor"));
        AvroSerializer<Object> serializer = serializer(Map.of());

        assertThatThrownBy(
                        () -> serializer.serialize(TOPIC, EveryPayload.events().get(0)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Could not register the schema of org.incidentplatform.events.IncidentEvent "
                        + "under subject '" + SUBJECT + "' for topic " + TOPIC)
                .hasMessageContaining("actor")
                .cause()
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.isIncompatible()).isTrue());
    }

    @Test
    void deserialize_rejectsUnknownMagicByte() {
        byte[] bytes =
                serializer(Map.of()).serialize(TOPIC, EveryPayload.events().get(0));
        bytes[0] = 1;

        assertThatThrownBy(() -> deserializer(Map.of()).deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Unknown magic byte 1 in record from topic incident-events; "
                        + "expected 0 (Confluent wire format)");
    }

    @Test
    void deserialize_rejectsRecordsTooShortForTheHeader() {
        assertThatThrownBy(() -> deserializer(Map.of()).deserialize(TOPIC, new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(
                        "Record from topic incident-events has 3 bytes, too short for the Confluent " + "wire format");
    }

    @Test
    void deserialize_rejectsATruncatedAvroBody() {
        byte[] bytes =
                serializer(Map.of()).serialize(TOPIC, EveryPayload.events().get(0));
        byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);

        assertThatThrownBy(() -> deserializer(Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, true))
                        .deserialize(TOPIC, truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Could not decode the Avro record with schema id 1 from topic incident-events");
    }

    @Test
    void deserialize_rejectsAnUnknownSchemaId_namingTheIdTopicAndErrorCode() {
        byte[] bytes = {0, 0, 0, 0, 42, 2, 'x'};

        assertThatThrownBy(() -> deserializer(Map.of()).deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id 42 in record from topic incident-events")
                .hasMessageContaining("error_code 40403");
    }

    @Test
    void serde_callsTheRegistryOncePerSchema_overAThousandRecords() {
        CountingSchemaRegistry counting = new CountingSchemaRegistry(registry);
        AvroSerde<Object> serde = new AvroSerde<>(counting);
        serde.configure(Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
        List<IncidentEvent> samples = EveryPayload.events();

        for (int i = 0; i < 1000; i++) {
            IncidentEvent event = samples.get(i % samples.size());
            byte[] bytes = serde.serializer().serialize(TOPIC, event);
            assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(event);
        }

        assertThat(counting.calls("register")).isEqualTo(1);
        assertThat(counting.calls("schemaById")).isEqualTo(1);
        assertThat(counting.totalCalls()).isEqualTo(2);
    }

    @Test
    void keySerializer_usesTheKeySubject_andPrimitiveStringsRoundTrip() {
        AvroSerializer<Object> keys = new AvroSerializer<>(registry);
        keys.configure(Map.of(), true);
        AvroDeserializer<Object> keyReader = new AvroDeserializer<>(registry);
        keyReader.configure(Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, true), true);

        byte[] bytes = keys.serialize(TOPIC, EveryPayload.INCIDENT_ID);

        assertThat(registry.subjects()).containsExactly(TOPIC + "-key");
        assertThat(keyReader.deserialize(TOPIC, bytes)).isEqualTo(EveryPayload.INCIDENT_ID);
    }

    @Test
    void serialize_rejectsValuesThatAreNotAvro() {
        assertThatThrownBy(() -> serializer(Map.of()).serialize(TOPIC, Instant.EPOCH))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("java.time.Instant");
    }

    @Test
    void configure_requiresTheRegistryUrl_namingTheKey() {
        assertThatThrownBy(() -> new AvroSerializer<>().configure(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> new AvroDeserializer<>().configure(Map.of("specific.avro.reader", true), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void configure_rejectsAnInvalidRegistryUrl_namingTheKey() {
        assertThatThrownBy(
                        () -> new AvroSerializer<>().configure(Map.of("schema.registry.url", "localhost:8081"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void configure_acceptsConfluentsTopicNameStrategy_andRejectsOtherStrategies() {
        Map<String, Object> confluent = Map.of(
                AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
                "io.confluent.kafka.serializers.subject.TopicNameStrategy");
        serializer(confluent).serialize(TOPIC, EveryPayload.events().get(0));
        assertThat(registry.subjects()).containsExactly(SUBJECT);

        Map<String, Object> recordName = Map.of(
                AvroSerdeConfig.KEY_SUBJECT_NAME_STRATEGY, "io.confluent.kafka.serializers.subject.RecordNameStrategy");
        assertThatThrownBy(() -> new AvroSerializer<>(registry).configure(recordName, true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key.subject.name.strategy")
                .hasMessageContaining("only TopicNameStrategy is supported");
    }

    @Test
    void configure_rejectsAFlagThatIsNotABoolean_namingTheKey() {
        assertThatThrownBy(
                        () -> new AvroDeserializer<>(registry).configure(Map.of("specific.avro.reader", "yes"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("specific.avro.reader");
    }

    @Test
    void serialize_failsClearly_whenTheConfiguredRegistryIsUnreachable() throws IOException {
        String url = "http://127.0.0.1:" + closedPort();
        AvroSerializer<Object> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", url), false);

        assertThatThrownBy(
                        () -> serializer.serialize(TOPIC, EveryPayload.events().get(0)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(url)
                .hasMessageContaining("unreachable")
                .hasMessageContaining(SUBJECT);
    }

    private AvroSerializer<Object> serializer(Map<String, Object> config) {
        AvroSerializer<Object> serializer = new AvroSerializer<>(registry);
        serializer.configure(config, false);
        return serializer;
    }

    private AvroDeserializer<Object> deserializer(Map<String, Object> config) {
        AvroDeserializer<Object> deserializer = new AvroDeserializer<>(registry);
        deserializer.configure(config, false);
        return deserializer;
    }

    private static byte[] avroBinary(IncidentEvent event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(IncidentEvent.class).write(event, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** A copy of a record in a schema that only adds fields with defaults. */
    private static GenericData.Record upgrade(GenericRecord record, Schema schema) {
        GenericData.Record copy = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            Object value = record.getSchema().getField(field.name()) == null
                    ? GenericData.get().getDefaultValue(field)
                    : record.get(field.name());
            if (value instanceof GenericRecord nested && field.schema().getType() == Schema.Type.UNION) {
                Schema branch = field.schema()
                        .getTypes()
                        .get(field.schema().getIndexNamed(nested.getSchema().getFullName()));
                value = upgrade(nested, branch);
            }
            copy.put(field.name(), value);
        }
        return copy;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
