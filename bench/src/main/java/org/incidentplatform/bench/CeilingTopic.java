package org.incidentplatform.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The topic the producer ceilings write to: as many partitions as {@code incident-events} on the
 * same broker, so the raw producer spreads over the same number of partition leaders. Never
 * {@code incident-events} itself, whose readers would meet records that are not events.
 */
final class CeilingTopic {

    static final String NAME = "bench-producer-ceiling";

    private CeilingTopic() {}

    /** Creates the topic unless it exists; its records expire after an hour, they are only load. */
    static String ensure(String bootstrapServers) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            int partitions = admin.describeTopics(List.of(RecordShape.EVENTS_TOPIC))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(RecordShape.EVENTS_TOPIC)
                    .partitions()
                    .size();
            NewTopic topic = new NewTopic(NAME, Optional.of(partitions), Optional.empty())
                    .configs(Map.of("retention.ms", String.valueOf(3_600_000)));
            try {
                admin.createTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            return NAME;
        } catch (ExecutionException | TimeoutException e) {
            throw new BenchException("cannot create topic " + NAME + " on " + bootstrapServers + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }
}
