package org.incidentplatform.notification.dispatch;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.incidentplatform.events.ComponentAdded;
import org.incidentplatform.events.ComponentRenamed;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.notification.events.Delivery;
import org.incidentplatform.notification.events.Notice;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.service.PlatformProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * The component catalogue's display names, so a notice says "Checkout API" where the event says
 * {@code checkout-api}. Follows the catalogue stream of incident-events from the beginning on every start
 * (each instance sends to anyone, so each knows every name); other streams are skipped unread. A removed
 * component keeps its last name: notices about its past incidents still name it.
 */
@Component
class ComponentNames {

    static final String LISTENER_ID = "component-names";

    private static final Logger log = LoggerFactory.getLogger(ComponentNames.class);

    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final Deserializer<IncidentEvent> events;

    ComponentNames(PlatformProperties platform) {
        events = Topics.INCIDENT_EVENTS
                .valueSerde(platform.schemaRegistryUrl().toString())
                .deserializer();
    }

    @KafkaListener(
            id = LISTENER_ID,
            topicPartitions =
                    @TopicPartition(
                            topic = Topics.INCIDENT_EVENTS_NAME,
                            partitionOffsets =
                                    @PartitionOffset(
                                            initialOffset = "0",
                                            partition =
                                                    "0-#{T(org.incidentplatform.schemas.Topics).INCIDENT_EVENTS.partitions() - 1}")),
            properties = "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer")
    void follow(ConsumerRecord<String, byte[]> record) {
        if (!Topics.CATALOGUE_KEY.equals(record.key()) || record.value() == null) {
            return;
        }
        try {
            apply(events.deserialize(Topics.INCIDENT_EVENTS.name(), record.value()));
        } catch (RuntimeException unreadable) {
            // projection-service dead-letters unreadable records; a missing name only shows the id.
            log.warn(
                    "skipping an unreadable catalogue event at offset {}: {}",
                    record.offset(),
                    unreadable.getMessage());
        }
    }

    void apply(IncidentEvent event) {
        if (event.getPayload() instanceof ComponentAdded added) {
            names.put(added.getComponentId(), added.getName());
        } else if (event.getPayload() instanceof ComponentRenamed renamed) {
            names.put(renamed.getComponentId(), renamed.getName());
        }
    }

    /** The delivery with the current names of the components its notice mentions. */
    Delivery named(Delivery delivery) {
        Notice named = named(delivery.getNotice());
        if (named == delivery.getNotice()) {
            return delivery;
        }
        return new Delivery(
                delivery.getDeliveryId(),
                delivery.getSubscriptionId(),
                delivery.getEventId(),
                delivery.getAttempt(),
                delivery.getRequestedAt(),
                delivery.getEventRecordedAt(),
                delivery.getDueAt(),
                delivery.getLastFailure(),
                named);
    }

    /** The notice with the current names of the components it mentions: once per notice, not per subscriber. */
    Notice named(Notice notice) {
        Map<String, String> known = new HashMap<>();
        notice.getComponents().keySet().forEach(id -> put(known, id));
        notice.getChangedComponents().forEach(change -> put(known, change.getComponentId()));
        if (known.isEmpty() || known.equals(notice.getComponentNames())) {
            return notice;
        }
        return Notice.newBuilder(notice).setComponentNames(known).build();
    }

    private void put(Map<String, String> known, String id) {
        String name = names.get(id);
        if (name != null) {
            known.put(id, name);
        }
    }
}
