package org.incidentplatform.service;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The producer that writes dead letters. Kept apart from the service's own {@link KafkaTemplate}
 * (not a bean of that type, so injection of the service's template stays unambiguous) because it
 * must write raw bytes, not the service's Avro serializer's objects.
 */
final class DeadLetterProducer implements DisposableBean {

    private final DefaultKafkaProducerFactory<Object, Object> producers;
    private final KafkaTemplate<Object, Object> template;

    DeadLetterProducer(KafkaProperties kafka) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        // A dead letter must not be lost either, whatever the service's own producer settings.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "dead-letters");
        this.producers =
                new DefaultKafkaProducerFactory<>(config, new DeadLetterSerializer(), new DeadLetterSerializer());
        this.template = new KafkaTemplate<>(producers);
    }

    KafkaTemplate<Object, Object> template() {
        return template;
    }

    @Override
    public void destroy() {
        producers.destroy();
    }
}
