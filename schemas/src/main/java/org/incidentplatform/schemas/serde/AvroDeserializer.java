package org.incidentplatform.schemas.serde;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.schemas.registry.SchemaRegistry;
import org.incidentplatform.schemas.registry.SchemaRegistryException;

/**
 * Reads records in Confluent's wire format, fetching writer schemas by id from a
 * Confluent-compatible schema registry. Configured like Confluent's {@code KafkaAvroDeserializer}
 * (see {@link AvroSerdeConfig}): with {@value AvroSerdeConfig#SPECIFIC_AVRO_READER}=true records
 * come back as the generated classes, e.g. {@link IncidentEvent}, read with the generated class's
 * schema as reader schema, so a consumer built with a newer schema reads records written with an
 * older one (Avro schema resolution); otherwise as {@link org.apache.avro.generic.GenericRecord}s
 * in the writer's schema.
 *
 * <p>One registry call per schema id, cached. Thread-safe.
 */
public class AvroDeserializer<T> implements Deserializer<T> {

    /** The package of the generated event classes, which Avro must be told to trust. */
    public static final String EVENTS_PACKAGE = IncidentEvent.class.getPackageName();

    private static final String SERIALIZABLE_PACKAGES = "org.apache.avro.SERIALIZABLE_PACKAGES";

    static {
        trustEventClasses();
    }

    private final SchemaRegistry givenRegistry;
    private volatile SchemaRegistry registry;
    private volatile AvroSerdeConfig config = AvroSerdeConfig.defaults();
    private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();

    /** For Kafka, which builds it from a class name and then calls {@link #configure}. */
    public AvroDeserializer() {
        this.givenRegistry = null;
    }

    /**
     * Around a registry instance, for tests and tools. Unconfigured it reads generic records;
     * {@link #configure} may still set the other settings and then does not need
     * {@value AvroSerdeConfig#SCHEMA_REGISTRY_URL}.
     */
    public AvroDeserializer(SchemaRegistry registry) {
        this.givenRegistry = Objects.requireNonNull(registry, "registry");
        this.registry = registry;
    }

    /**
     * Lets Avro instantiate the generated event classes. Since 1.11.4 Avro instantiates only
     * classes it trusts and throws {@code SecurityException: Forbidden ... not trusted} for the
     * rest; this adds the events package to whatever is trusted already. Idempotent; runs when
     * this class is loaded, and is public for code that reads the events with Avro directly.
     */
    public static synchronized void trustEventClasses() {
        ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        if (!current.isTrusted(IncidentEvent.class)) {
            ClassSecurityPredicate events = type -> EVENTS_PACKAGE.equals(type.getPackageName());
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(current, events));
        }
        // Read only when Avro's validator class initialises, so this reaches validators created
        // later (another class loader); the predicate above covers the one already running.
        try {
            String packages = System.getProperty(SERIALIZABLE_PACKAGES, "");
            if (!java.util.Arrays.asList(packages.split(",")).contains(EVENTS_PACKAGE)) {
                System.setProperty(
                        SERIALIZABLE_PACKAGES, packages.isBlank() ? EVENTS_PACKAGE : packages + "," + EVENTS_PACKAGE);
            }
        } catch (SecurityException e) {
            // A security manager forbids it; the predicate is what matters in this class loader.
        }
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig parsed = AvroSerdeConfig.parse(configs, isKey, givenRegistry == null);
        this.registry = givenRegistry != null ? givenRegistry : AvroSerializer.registryFor(parsed);
        this.config = parsed;
        readers.clear();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length < WireFormat.HEADER_LENGTH) {
            throw new SerializationException("Record from topic " + topic + " has " + data.length + " byte"
                    + (data.length == 1 ? "" : "s") + ", too short for the Confluent wire format (magic byte 0, "
                    + "4-byte schema id, Avro binary)");
        }
        if (data[0] != WireFormat.MAGIC_BYTE) {
            throw new SerializationException("Unknown magic byte " + (data[0] & 0xff) + " in record from topic " + topic
                    + "; expected 0 (Confluent wire format)");
        }
        int id = WireFormat.schemaId(data);
        DatumReader<Object> reader = readers.computeIfAbsent(id, key -> readerFor(key, topic));
        try {
            Object value = reader.read(
                    null,
                    DecoderFactory.get()
                            .binaryDecoder(
                                    data, WireFormat.HEADER_LENGTH, data.length - WireFormat.HEADER_LENGTH, null));
            // A bare string schema (a key, say) decodes to Utf8; callers expect what they wrote.
            return (T) (value instanceof Utf8 utf8 ? utf8.toString() : value);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "Could not decode the Avro record with schema id " + id + " from topic " + topic + " ("
                            + data.length + " bytes): " + e,
                    e);
        }
    }

    private DatumReader<Object> readerFor(int id, String topic) {
        SchemaRegistry registry = this.registry;
        if (registry == null) {
            throw new IllegalStateException("AvroDeserializer is not configured: call configure() first");
        }
        Schema writer;
        try {
            writer = registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            String code = e.errorCode() == SchemaRegistryException.NONE ? "none" : String.valueOf(e.errorCode());
            throw new SerializationException(
                    (e.isNotFound() ? "Unknown schema id " : "Could not fetch schema id ")
                            + id + " in record from topic " + topic + " (registry error_code " + code + "): "
                            + e.getMessage(),
                    e);
        }
        if (config.specificAvroReader() && WireFormat.isNamed(writer)) {
            Class<?> type;
            try {
                type = SpecificData.get().getClass(writer);
            } catch (RuntimeException e) {
                throw new SerializationException(
                        "Cannot load class " + writer.getFullName() + " named by schema id " + id + " from topic "
                                + topic + ": " + e,
                        e);
            }
            if (type == null) {
                throw new SerializationException("No class " + writer.getFullName() + " for schema id " + id
                        + " from topic " + topic + " with " + AvroSerdeConfig.SPECIFIC_AVRO_READER
                        + "=true: put the generated classes on the classpath, or read generic records");
            }
            SpecificData model = SpecificData.getForClass(type);
            return new SpecificDatumReader<>(writer, model.getSchema(type), model);
        }
        GenericData model = config.useLogicalTypeConverters() ? WireFormat.GENERIC_WITH_CONVERSIONS : GenericData.get();
        return new GenericDatumReader<>(writer, writer, model);
    }
}
