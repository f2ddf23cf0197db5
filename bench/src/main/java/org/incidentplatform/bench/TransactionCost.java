package org.incidentplatform.bench;

import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What one Kafka transaction costs on this broker, done as the command processor's commit does it: one
 * record produced, the input's offsets sent to the transaction, the transaction committed, and the
 * next begun at once. It bounds the command path: a command is answered only after the transaction
 * that holds it commits, so C clients get at most C answers per transaction.
 */
final class TransactionCost {

    private TransactionCost() {}

    /** Milliseconds per transaction over {@code count} transactions in a row, after 50 to warm up. */
    static double millisPerTransaction(String bootstrapServers, String topic, int count) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                "bench-transaction-cost-" + UUID.randomUUID(),
                ProducerConfig.LINGER_MS_CONFIG,
                0);
        ConsumerGroupMetadata group = new ConsumerGroupMetadata("bench-transaction-cost");
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            long begin = 0;
            for (int i = 0; i < count + 50; i++) {
                if (i == 50) {
                    begin = System.nanoTime();
                }
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, 0, new byte[12], new byte[200]));
                producer.sendOffsetsToTransaction(Map.of(partition, new OffsetAndMetadata(i)), group);
                producer.commitTransaction();
            }
            return (System.nanoTime() - begin) / 1e6 / count;
        }
    }
}
