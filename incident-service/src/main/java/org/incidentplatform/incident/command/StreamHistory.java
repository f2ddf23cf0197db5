package org.incidentplatform.incident.command;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The store value of one stream: its events in sequence order, each kept exactly as it was
 * appended (Confluent wire format, schema id included), so the history stays readable after the
 * schema evolves.
 */
final class StreamHistory {

    static final Serde<List<byte[]>> SERDE = Serdes.serdeFrom(
            (Serializer<List<byte[]>>) (topic, events) -> events == null ? null : encode(events),
            (Deserializer<List<byte[]>>) (topic, bytes) -> bytes == null ? null : decode(bytes));

    private StreamHistory() {
    }

    private static byte[] encode(List<byte[]> events) {
        int size = Integer.BYTES + events.stream().mapToInt(e -> Integer.BYTES + e.length).sum();
        ByteBuffer buffer = ByteBuffer.allocate(size).putInt(events.size());
        events.forEach(e -> buffer.putInt(e.length).put(e));
        return buffer.array();
    }

    private static List<byte[]> decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int count = buffer.getInt();
        List<byte[]> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] event = new byte[buffer.getInt()];
            buffer.get(event);
            events.add(event);
        }
        return events;
    }
}
