package org.incidentplatform.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.incidentplatform.schemas.registry.HttpSchemaRegistry;
import org.incidentplatform.schemas.registry.RegisteredSchema;
import org.incidentplatform.schemas.registry.SchemaRegistry;
import org.incidentplatform.schemas.registry.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Avro records (generated {@link SpecificRecord}s or {@link org.apache.avro.generic.GenericRecord}s)
 * and Avro primitives in Confluent's wire format, registering or looking up their schemas in a
 * Confluent-compatible schema registry. Configured like Confluent's {@code KafkaAvroSerializer}
 * (see {@link AvroSerdeConfig}); subjects follow TopicNameStrategy.
 *
 * <p>Schema ids are cached per subject and schema: the registry is asked once per schema, not
 * per record. Thread-safe, as a producer's serializer must be.
 */
public class AvroSerializer<T> implements Serializer<T> {

    private static final Logger log = LoggerFactory.getLogger(AvroSerializer.class);

    private final SchemaRegistry givenRegistry;
    private volatile SchemaRegistry registry;
    private volatile AvroSerdeConfig config = AvroSerdeConfig.defaults();
    private volatile boolean isKey;

    private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<String, Latest> latestBySubject = new ConcurrentHashMap<>();
    private final Map<WriterKey, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {}

    private record WriterKey(Schema schema, Class<?> specificClass) {}

    /** A subject's latest version, and how records of each schema are written with it. */
    private record Latest(RegisteredSchema registered, long fetchedAtNanos, Map<Schema, Projection> projections) {}

    /** Re-encodes a record written with its own schema as the latest schema; null when they are equal. */
    private record Projection(DatumReader<Object> resolver) {}

    /** For Kafka, which builds it from a class name and then calls {@link #configure}. */
    public AvroSerializer() {
        this.givenRegistry = null;
    }

    /**
     * Around a registry instance, for tests and tools. Works unconfigured with Confluent's
     * defaults as a value serializer; {@link #configure} may still set the other settings, and
     * then does not need {@value AvroSerdeConfig#SCHEMA_REGISTRY_URL}.
     */
    public AvroSerializer(SchemaRegistry registry) {
        this.givenRegistry = Objects.requireNonNull(registry, "registry");
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig parsed = AvroSerdeConfig.parse(configs, isKey, givenRegistry == null);
        if (parsed.autoRegisterSchemas() && parsed.useLatestVersion()) {
            log.warn(
                    "{}=true has no effect while {}=true, as with Confluent's serializer: set {}=false "
                            + "to write with the latest registered schema",
                    AvroSerdeConfig.USE_LATEST_VERSION,
                    AvroSerdeConfig.AUTO_REGISTER_SCHEMAS,
                    AvroSerdeConfig.AUTO_REGISTER_SCHEMAS);
        }
        this.registry = givenRegistry != null ? givenRegistry : registryFor(parsed);
        this.config = parsed;
        this.isKey = isKey;
        ids.clear();
        latestBySubject.clear();
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        SchemaRegistry registry = this.registry;
        if (registry == null) {
            throw new IllegalStateException("AvroSerializer is not configured: call configure() first");
        }
        AvroSerdeConfig config = this.config;
        Schema schema = schemaOf(data, topic);
        String subject = TopicNameStrategy.subjectName(topic, isKey);

        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        if (config.autoRegisterSchemas() || !config.useLatestVersion()) {
            int id = ids.computeIfAbsent(
                    new SubjectSchema(subject, schema),
                    key -> idOf(registry, config.autoRegisterSchemas(), subject, schema, topic));
            writeHeader(out, id);
            write(data, schema, out, topic);
        } else {
            Latest latest = latest(registry, config, subject, topic);
            writeHeader(out, latest.registered().id());
            Projection projection =
                    latest.projections().computeIfAbsent(schema, own -> projection(own, latest.registered()));
            if (projection.resolver() == null) {
                write(data, schema, out, topic);
            } else {
                writeProjected(data, schema, projection, latest.registered(), out, topic);
            }
        }
        return out.toByteArray();
    }

    private int idOf(SchemaRegistry registry, boolean register, String subject, Schema schema, String topic) {
        try {
            if (register) {
                return registry.register(subject, schema);
            }
            return registry.idOf(subject, schema);
        } catch (SchemaRegistryException e) {
            if (register) {
                throw new SerializationException(
                        "Could not register the schema of " + schema.getFullName() + " under subject '" + subject
                                + "' for topic " + topic + ": " + e.getMessage(),
                        e);
            }
            if (e.isNotFound()) {
                throw new SerializationException(
                        "The schema of " + schema.getFullName() + " is not registered "
                                + "under subject '" + subject + "' and " + AvroSerdeConfig.AUTO_REGISTER_SCHEMAS
                                + "=false: register it first, or set " + AvroSerdeConfig.AUTO_REGISTER_SCHEMAS
                                + "=true (" + e.getMessage() + ")",
                        e);
            }
            throw new SerializationException(
                    "Could not look up the schema of " + schema.getFullName() + " under subject '" + subject
                            + "' for topic " + topic + ": " + e.getMessage(),
                    e);
        }
    }

    private Latest latest(SchemaRegistry registry, AvroSerdeConfig config, String subject, String topic) {
        Latest cached = latestBySubject.get(subject);
        if (cached != null
                && (config.latestCacheTtl() == null
                        || System.nanoTime() - cached.fetchedAtNanos()
                                < config.latestCacheTtl().toNanos())) {
            return cached;
        }
        RegisteredSchema registered;
        try {
            registered = registry.latest(subject);
        } catch (SchemaRegistryException e) {
            throw new SerializationException(
                    "Could not fetch the latest schema of subject '" + subject
                            + "' for topic " + topic + " (" + AvroSerdeConfig.USE_LATEST_VERSION + "=true): "
                            + e.getMessage(),
                    e);
        }
        Latest fresh = new Latest(registered, System.nanoTime(), new ConcurrentHashMap<>());
        latestBySubject.put(subject, fresh);
        return fresh;
    }

    private static Projection projection(Schema own, RegisteredSchema latest) {
        if (own.equals(latest.schema())) {
            return new Projection(null);
        }
        return new Projection(new GenericDatumReader<>(own, latest.schema(), GenericData.get()));
    }

    private void writeProjected(
            T data,
            Schema schema,
            Projection projection,
            RegisteredSchema latest,
            ByteArrayOutputStream out,
            String topic) {
        ByteArrayOutputStream own = new ByteArrayOutputStream(256);
        write(data, schema, own, topic);
        Object resolved;
        try {
            resolved = projection.resolver().read(null, DecoderFactory.get().binaryDecoder(own.toByteArray(), null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "A record of " + schema.getFullName() + " for topic " + topic
                            + " cannot be written with the latest schema of subject '" + latest.subject()
                            + "' (version "
                            + latest.version() + ", id " + latest.id() + "): " + e.getMessage(),
                    e);
        }
        encode(
                writers.computeIfAbsent(
                        new WriterKey(latest.schema(), null),
                        key -> new GenericDatumWriter<>(key.schema(), GenericData.get())),
                resolved,
                out,
                schema,
                topic);
    }

    private void write(T data, Schema schema, ByteArrayOutputStream out, String topic) {
        Class<?> specificClass = data instanceof SpecificRecord ? data.getClass() : null;
        DatumWriter<Object> writer = writers.computeIfAbsent(
                new WriterKey(schema, specificClass),
                key -> key.specificClass() != null
                        ? new SpecificDatumWriter<>(key.schema(), SpecificData.getForClass(key.specificClass()))
                        : new GenericDatumWriter<>(key.schema(), WireFormat.GENERIC_WITH_CONVERSIONS));
        encode(writer, data, out, schema, topic);
    }

    private static void encode(
            DatumWriter<Object> writer, Object datum, ByteArrayOutputStream out, Schema schema, String topic) {
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(datum, encoder);
            encoder.flush();
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            throw new SerializationException(
                    "Could not encode a record of " + schema.getFullName() + " for topic " + topic + ": " + e, e);
        }
    }

    private static void writeHeader(ByteArrayOutputStream out, int id) {
        out.write(WireFormat.MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(id).array());
    }

    private static Schema schemaOf(Object data, String topic) {
        if (data instanceof GenericContainer container) {
            return container.getSchema();
        }
        Schema primitive = WireFormat.PRIMITIVES.get(data.getClass());
        if (primitive == null) {
            throw new SerializationException("Cannot write a " + data.getClass().getName() + " to topic " + topic
                    + " as Avro: expected a SpecificRecord, a GenericRecord or an Avro primitive");
        }
        return primitive;
    }

    static SchemaRegistry registryFor(AvroSerdeConfig config) {
        try {
            return new HttpSchemaRegistry(config.registryUrls(), config.connectTimeout(), config.requestTimeout());
        } catch (IllegalArgumentException e) {
            throw new org.apache.kafka.common.config.ConfigException(
                    AvroSerdeConfig.SCHEMA_REGISTRY_URL, config.registryUrls(), e.getMessage());
        }
    }
}
