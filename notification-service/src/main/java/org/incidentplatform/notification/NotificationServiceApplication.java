package org.incidentplatform.notification;

import org.incidentplatform.schemas.Topics;
import org.incidentplatform.service.ServiceSchemas;
import org.incidentplatform.service.ServiceTopics;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * Reads {@code incident-events} and tells subscribers by email, webhook and Slack, each
 * delivery retried and recorded.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NotificationServiceApplication {

    static {
        AvroTrust.trust();
    }

    public static void main(String[] args) {
        SpringApplication.run(NotificationServiceApplication.class, args);
    }

    /**
     * Creates its own topics; reads incident-events and dead-letters what it cannot read, creating
     * neither: incident-service owns both, so their definition has one author. If this service starts
     * first, it waits for them up to {@code platform.startup-timeout}.
     */
    @Bean
    ServiceTopics serviceTopics() {
        return ServiceTopics.owns(
                        NotificationTopics.SUBSCRIPTIONS,
                        NotificationTopics.SUBSCRIPTIONS_DLT,
                        NotificationTopics.NOTICES,
                        NotificationTopics.NOTICES_DLT,
                        NotificationTopics.DELIVERIES,
                        NotificationTopics.DELIVERIES_DLT,
                        NotificationTopics.DELIVERY_RETRIES,
                        NotificationTopics.DELIVERY_ATTEMPTS,
                        NotificationTopics.DELIVERY_ATTEMPTS_DLT)
                .andRequires(Topics.INCIDENT_EVENTS, Topics.INCIDENT_EVENTS_DLT);
    }

    /** The records it writes to its own topics: checked against the registry's latest at start. */
    @Bean
    ServiceSchemas serviceSchemas() {
        return ServiceSchemas.writes(
                NotificationTopics.SUBSCRIPTIONS,
                NotificationTopics.NOTICES,
                NotificationTopics.DELIVERIES,
                NotificationTopics.DELIVERY_RETRIES,
                NotificationTopics.DELIVERY_ATTEMPTS);
    }
}
