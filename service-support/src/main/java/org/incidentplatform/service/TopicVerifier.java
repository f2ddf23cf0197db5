package org.incidentplatform.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.incidentplatform.schemas.TopicSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Makes sure, before any listener or web endpoint starts, that the topics a service depends on
 * exist exactly as {@code Topics} declares them. Owned topics are created when missing; required
 * ones are waited for (their owner may be starting at the same moment). A topic with other
 * partitions or configs is never altered: more partitions would reorder an incident's events,
 * so the service refuses to start and says what differs.
 *
 * <p>Runs as a {@link SmartInitializingSingleton}: after all beans exist but before the lifecycle
 * phase that starts Kafka listener containers and the web server.
 */
final class TopicVerifier implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(TopicVerifier.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final int REQUEST_TIMEOUT_MS = 5_000;

    private final KafkaAdmin kafkaAdmin;
    private final ServiceTopics topics;
    private final PlatformProperties platform;

    TopicVerifier(KafkaAdmin kafkaAdmin, ServiceTopics topics, PlatformProperties platform) {
        this.kafkaAdmin = kafkaAdmin;
        this.topics = topics;
        this.platform = platform;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long deadline = System.nanoTime() + platform.startupTimeout().toNanos();
        try (Admin admin = Admin.create(adminConfig())) {
            awaitBroker(admin, deadline);
            createOwned(admin, deadline);
            Map<String, TopicDescription> descriptions = awaitRequired(admin, deadline);
            List<String> problems = compare(descriptions, configsOf(admin, descriptions.keySet(), deadline));
            if (!problems.isEmpty()) {
                throw new TopicVerificationException(String.join("; ", problems));
            }
            log.info("Topics verified: {}", descriptions.keySet());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicVerificationException("interrupted while verifying topics");
        }
    }

    private Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        // Bounded: without these an unreachable broker would hold the start for the client defaults (minutes).
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int)
                Math.max(REQUEST_TIMEOUT_MS, platform.startupTimeout().toMillis()));
        return config;
    }

    private void awaitBroker(Admin admin, long deadline) throws InterruptedException {
        try {
            await(admin.describeCluster().clusterId(), deadline);
        } catch (ExecutionException | TimeoutException e) {
            throw new TopicVerificationException("Kafka at "
                    + kafkaAdmin.getConfigurationProperties().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
                    + " (spring.kafka.bootstrap-servers) is not reachable within "
                    + platform.startupTimeout() + " (platform.startup-timeout): " + reason(e));
        }
    }

    private void createOwned(Admin admin, long deadline) throws InterruptedException {
        if (topics.owned().isEmpty()) {
            return;
        }
        List<NewTopic> newTopics = topics.owned().stream().map(this::newTopic).toList();
        Map<String, KafkaFuture<Void>> results = admin.createTopics(newTopics).values();
        for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
            try {
                await(result.getValue(), deadline);
                log.info("Created topic {}", result.getKey());
            } catch (ExecutionException e) {
                // Already there, created by an earlier start or another instance: compared below like any other.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new TopicVerificationException("cannot create topic '" + result.getKey() + "': " + reason(e));
                }
            } catch (TimeoutException e) {
                throw new TopicVerificationException("cannot create topic '" + result.getKey() + "' within "
                        + platform.startupTimeout() + " (platform.startup-timeout)");
            }
        }
    }

    private NewTopic newTopic(TopicSpec<?, ?> spec) {
        return TopicBuilder.name(spec.name())
                .partitions(spec.partitions())
                .replicas(platform.replicationFactor())
                .configs(spec.configs())
                .build();
    }

    private Map<String, TopicDescription> awaitRequired(Admin admin, long deadline) throws InterruptedException {
        List<String> names = topics.all().map(TopicSpec::name).toList();
        boolean waiting = false;
        while (true) {
            Map<String, TopicDescription> found = new HashMap<>();
            List<String> missing = new ArrayList<>();
            for (Map.Entry<String, KafkaFuture<TopicDescription>> described :
                    admin.describeTopics(names).topicNameValues().entrySet()) {
                try {
                    found.put(described.getKey(), await(described.getValue(), deadline));
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw new TopicVerificationException(
                                "cannot describe topic '" + described.getKey() + "': " + reason(e));
                    }
                    missing.add(described.getKey());
                } catch (TimeoutException e) {
                    missing.add(described.getKey());
                }
            }
            if (missing.isEmpty()) {
                return found;
            }
            if (System.nanoTime() + POLL_INTERVAL.toNanos() > deadline) {
                throw new TopicVerificationException(missing.stream()
                        .map(name -> "required topic '" + name + "' does not exist after " + platform.startupTimeout()
                                + " (platform.startup-timeout); it is created by the service that owns it")
                        .collect(Collectors.joining("; ")));
            }
            if (!waiting) {
                log.info(
                        "Waiting up to {} for topics {} to be created by their owner",
                        platform.startupTimeout(),
                        missing);
                waiting = true;
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    private Map<String, Config> configsOf(Admin admin, Iterable<String> names, long deadline)
            throws InterruptedException {
        List<ConfigResource> resources = new ArrayList<>();
        names.forEach(name -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, name)));
        try {
            return await(admin.describeConfigs(resources).all(), deadline).entrySet().stream()
                    .collect(Collectors.toMap(entry -> entry.getKey().name(), Map.Entry::getValue));
        } catch (ExecutionException | TimeoutException e) {
            throw new TopicVerificationException("cannot read the configs of topics " + names + ": " + reason(e));
        }
    }

    private List<String> compare(Map<String, TopicDescription> descriptions, Map<String, Config> configs) {
        Map<String, TopicSpec<?, ?>> specs =
                topics.all().collect(Collectors.toMap(TopicSpec::name, Function.identity()));
        List<String> problems = new ArrayList<>();
        specs.forEach((name, spec) -> {
            int partitions = descriptions.get(name).partitions().size();
            if (partitions != spec.partitions()) {
                problems.add("topic '" + name + "' has " + partitions + " partitions, expected " + spec.partitions());
            }
            Config actual = configs.get(name);
            spec.configs().forEach((key, expected) -> {
                ConfigEntry entry = actual == null ? null : actual.get(key);
                String value = entry == null ? null : entry.value();
                if (!sameValue(key, expected, value)) {
                    problems.add("topic '" + name + "' has " + key + "=" + value + ", expected " + expected);
                }
            });
        });
        return problems;
    }

    private static boolean sameValue(String key, String expected, String actual) {
        if (TopicConfig.CLEANUP_POLICY_CONFIG.equals(key) && actual != null) {
            // A list: "compact,delete" and "delete,compact" are the same policy.
            return policies(expected).equals(policies(actual));
        }
        return Objects.equals(expected, actual);
    }

    private static List<String> policies(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .sorted()
                .toList();
    }

    private static <T> T await(KafkaFuture<T> future, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private static String reason(Exception e) {
        if (e instanceof TimeoutException) {
            return "no answer";
        }
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
