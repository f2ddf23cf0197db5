package org.incidentplatform.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The ceiling with the HTTP line's concurrency model: C threads share one idempotent producer
 * (acks=all), and each sends one record and blocks until it is acknowledged before the next, as
 * one HTTP request waits for its event. Records have the sampled event's key length, value size
 * and headers, and are keyed over the same number of incidents.
 */
final class SynchronousProducerLoad implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final RecordShape shape;
    private final List<byte[]> keys;
    private final byte[][] values;
    private final int clients;

    SynchronousProducerLoad(String bootstrapServers, String topic, RecordShape shape, int incidents, int clients) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // As incident-service's own command producer: a request waiting alone is sent at once.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-synchronous-ceiling");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(config);
        this.topic = topic;
        this.shape = shape;
        this.clients = clients;
        this.keys = IntStream.range(0, incidents)
                .mapToObj(i -> key(i, shape.keyBytes()))
                .toList();
        SplittableRandom random = new SplittableRandom(17);
        this.values = new byte[clients][shape.valueBytes()];
        for (byte[] value : values) {
            for (int i = 0; i < value.length; i++) {
                value[i] = (byte) random.nextInt(256);
            }
        }
    }

    Measurement run(Duration length) {
        return ClosedLoad.run(clients, length, (client, sequence) -> {
            byte[] key = keys.get((int) ((client + sequence * clients) % keys.size()));
            producer.send(new ProducerRecord<>(topic, null, key, values[client], shape.headers()))
                    .get(30, TimeUnit.SECONDS);
            return true;
        });
    }

    /** A key as long as an incident id, distinct per incident, so the partitioner spreads them alike. */
    static byte[] key(int incident, int length) {
        return String.format("%0" + Math.max(length, 1) + "d", incident).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
