package org.incidentplatform.notification.dispatch;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.incidentplatform.notification.NotificationTopics;
import org.incidentplatform.notification.subscription.SubscriptionDirectory;
import org.incidentplatform.schemas.TopicSpec;
import org.incidentplatform.service.PlatformProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Starts the dispatcher only once this instance has read the subscriptions and the delivery log as
 * far as they reached at start: before that, it could not tell a delivered delivery from a new one,
 * nor find the subscription a delivery is for.
 */
@Component
class DispatchStarter {

    private static final Logger log = LoggerFactory.getLogger(DispatchStarter.class);

    private final KafkaListenerEndpointRegistry listeners;
    private final KafkaAdmin kafkaAdmin;
    private final SubscriptionDirectory directory;
    private final DeliveryLog deliveryLog;
    private final PlatformProperties platform;

    DispatchStarter(
            KafkaListenerEndpointRegistry listeners,
            KafkaAdmin kafkaAdmin,
            SubscriptionDirectory directory,
            DeliveryLog deliveryLog,
            PlatformProperties platform) {
        this.listeners = listeners;
        this.kafkaAdmin = kafkaAdmin;
        this.directory = directory;
        this.deliveryLog = deliveryLog;
        this.platform = platform;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startWhenCaughtUp() {
        Thread starter = new Thread(this::awaitThenStart, "dispatch-starter");
        starter.setDaemon(true);
        starter.start();
    }

    private void awaitThenStart() {
        Instant deadline = Instant.now().plus(platform.startupTimeout());
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            Map<Integer, Long> subscriptions = ends(admin, NotificationTopics.SUBSCRIPTIONS);
            Map<Integer, Long> attempts = ends(admin, NotificationTopics.DELIVERY_ATTEMPTS);
            while (!(reached(directory::position, subscriptions) && reached(deliveryLog::position, attempts))) {
                if (Instant.now().isAfter(deadline)) {
                    log.warn("starting the dispatcher before catching up with subscriptions and the delivery log");
                    break;
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            log.warn("could not read end offsets, starting the dispatcher anyway: {}", e.getMessage());
        }
        for (String id : List.of(Dispatcher.NOTICES_LISTENER_ID, Dispatcher.LISTENER_ID)) {
            var container = listeners.getListenerContainer(id);
            if (container != null && !container.isRunning()) {
                container.start();
            }
        }
        log.info("dispatcher started");
    }

    private static Map<Integer, Long> ends(Admin admin, TopicSpec topic) throws Exception {
        Map<TopicPartition, OffsetSpec> request = IntStream.range(0, topic.partitions())
                .boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(topic.name(), p), p -> OffsetSpec.latest()));
        Map<Integer, Long> ends = new HashMap<>();
        admin.listOffsets(request)
                .all()
                .get()
                .forEach((partition, info) -> ends.put(partition.partition(), info.offset()));
        return ends;
    }

    private static boolean reached(Supplier<Map<Integer, Long>> position, Map<Integer, Long> ends) {
        Map<Integer, Long> now = position.get();
        return ends.entrySet().stream()
                .allMatch(end -> end.getValue() == 0 || now.getOrDefault(end.getKey(), 0L) >= end.getValue());
    }
}
