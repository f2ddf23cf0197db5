package org.incidentplatform.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.schemas.given.EveryPayload;
import org.incidentplatform.schemas.registry.InMemorySchemaRegistry;

/**
 * Run in a fresh JVM by {@link AvroTrustTests}: shows that plain Avro refuses to instantiate the
 * event classes, and that loading the deserializer is all it takes to read them.
 */
final class AvroTrustProbe {

    public static void main(String[] args) throws Exception {
        IncidentEvent event = EveryPayload.events().get(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(IncidentEvent.class).write(event, encoder);
        encoder.flush();
        try {
            new SpecificDatumReader<>(IncidentEvent.class)
                    .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
            System.out.println("plain avro: read");
        } catch (SecurityException e) {
            System.out.println("plain avro: SecurityException");
        }

        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        AvroSerializer<IncidentEvent> serializer = new AvroSerializer<>(registry);
        AvroDeserializer<Object> deserializer = new AvroDeserializer<>(registry);
        deserializer.configure(Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
        String topic = Topics.INCIDENT_EVENTS.name();
        Object read = deserializer.deserialize(topic, serializer.serialize(topic, event));
        System.out.println("serde: " + read.getClass().getName() + " equal=" + read.equals(event));
    }

    private AvroTrustProbe() {}
}
