package org.incidentplatform.service;

import java.time.Duration;
import org.apache.kafka.common.TopicPartition;
import org.incidentplatform.schemas.registry.SchemaRegistryException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What every service of the platform gets by depending on this module: validated
 * {@link PlatformProperties}, its topics verified (and the owned ones created) before it starts,
 * {@code kafka} and {@code schemaRegistry} health, and dead-lettering of records that cannot be read.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties({PlatformProperties.class, HeartbeatHealth.Settings.class})
class PlatformAutoConfiguration {

    /** Dead-letter topics are {@code <topic>-dlt}, as {@code TopicSpec.deadLetter()} names them. */
    static final String DEAD_LETTER_SUFFIX = "-dlt";

    /** A singleton, so created (and checked) during start, before any Kafka client is built. */
    @Bean
    @ConditionalOnBean(KafkaProperties.class)
    BootstrapServers bootstrapServers(KafkaProperties kafka) {
        return new BootstrapServers(kafka.getBootstrapServers());
    }

    @Bean
    @ConditionalOnBean({ServiceTopics.class, KafkaAdmin.class})
    TopicVerifier topicVerifier(KafkaAdmin kafkaAdmin, ServiceTopics topics, PlatformProperties platform) {
        return new TopicVerifier(kafkaAdmin, topics, platform);
    }

    @Bean
    @ConditionalOnBean(ServiceSchemas.class)
    SchemaVerifier schemaVerifier(ServiceSchemas schemas, PlatformProperties platform) {
        return new SchemaVerifier(schemas, platform);
    }

    @Bean
    @ConditionalOnBean(KafkaAdmin.class)
    @ConditionalOnEnabledHealthIndicator("kafka")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, PlatformProperties platform) {
        return new KafkaHealthIndicator(kafkaAdmin, platform.unreachableStatus());
    }

    @Bean
    @ConditionalOnEnabledHealthIndicator("schema-registry")
    SchemaRegistryHealthIndicator schemaRegistryHealthIndicator(PlatformProperties platform) {
        return new SchemaRegistryHealthIndicator(platform.schemaRegistryUrl(), platform.unreachableStatus());
    }

    @Bean
    @ConditionalOnBean(KafkaProperties.class)
    DeadLetterProducer deadLetterProducer(KafkaProperties kafka) {
        return new DeadLetterProducer(kafka);
    }

    /**
     * Boot's listener container factory picks this up. A record that cannot be deserialised is
     * not retried (it never will be readable) and goes straight to its topic's DLT, same
     * partition; a record whose listener throws is retried twice, a second apart, then
     * dead-lettered too. Either way the partition moves on. Besides Spring Kafka's
     * {@code kafka_dlt-*} headers, each dead letter carries {@link DeadLetterReason#HEADER}.
     *
     * <p>One exception: a record that could not be read because the schema registry did not answer
     * is not the record's fault. It is read again, with a backoff growing to {@link #REGISTRY_RETRY_MAX},
     * for as long as the registry stays away (its health indicator says so meanwhile), and never
     * dead-lettered for that.
     */
    @Bean
    @ConditionalOnBean(DeadLetterProducer.class)
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler kafkaErrorHandler(DeadLetterProducer deadLetters) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                deadLetters.template(),
                (record, exception) -> new TopicPartition(record.topic() + DEAD_LETTER_SUFFIX, record.partition()));
        recoverer.addHeadersFunction(DeadLetterReason.HEADERS);
        recoverer.setWaitForSendResultTimeout(Duration.ofSeconds(10));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(1_000L, 2L));
        // Retryable, so the back-off below decides: at once to the DLT unless the registry was away.
        handler.removeClassification(DeserializationException.class);
        handler.setBackOffFunction((record, exception) -> {
            if (SchemaRegistryException.isUnavailable(exception)) {
                ExponentialBackOff untilItAnswers = new ExponentialBackOff(200L, 2.0);
                untilItAnswers.setMaxInterval(REGISTRY_RETRY_MAX.toMillis());
                return untilItAnswers;
            }
            return isDeserialization(exception) ? new FixedBackOff(0L, 0L) : null;
        });
        return handler;
    }

    /** Longest pause between two reads of a record the schema registry could not help decode. */
    static final Duration REGISTRY_RETRY_MAX = Duration.ofSeconds(10);

    private static boolean isDeserialization(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof DeserializationException) {
                return true;
            }
        }
        return false;
    }

    /** Only in services with a web server; all three have one. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.web.server.WebServerFactoryCustomizer")
    static class WebServerChecks {

        @Bean
        ServerPortCheck serverPortCheck(Environment environment) {
            return new ServerPortCheck(environment);
        }
    }
}
