package org.incidentplatform.service;

import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.incidentplatform.schemas.serde.AvroSerializer;

/**
 * Writes what a consumer could not handle to the dead-letter topic. A record that could not be
 * deserialised arrives as its original bytes (the {@code ErrorHandlingDeserializer} kept them)
 * and is written unchanged, so the DLT holds exactly what was on the source topic. A record that
 * was read but failed in the listener is an Avro object and is written in the same Confluent
 * wire format as the source. Keys are incident ids, i.e. strings.
 */
final class DeadLetterSerializer implements Serializer<Object> {

    private final ByteArraySerializer bytes = new ByteArraySerializer();
    private final StringSerializer strings = new StringSerializer();
    private final AvroSerializer<Object> avro = new AvroSerializer<>();

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        strings.configure(configs, isKey);
        avro.configure(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        return serialize(topic, null, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Object data) {
        if (data == null) {
            return null;
        }
        if (data instanceof byte[] raw) {
            return bytes.serialize(topic, headers, raw);
        }
        if (data instanceof String text) {
            return strings.serialize(topic, headers, text);
        }
        return avro.serialize(topic, headers, data);
    }

    @Override
    public void close() {
        avro.close();
    }
}
