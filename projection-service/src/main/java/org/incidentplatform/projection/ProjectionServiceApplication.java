package org.incidentplatform.projection;

import org.incidentplatform.schemas.Topics;
import org.incidentplatform.service.ServiceSchemas;
import org.incidentplatform.service.ServiceTopics;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Reads {@code incident-events} and answers the questions asked of it: status, history,
 * durations, MTTR and uptime, and the Statuspage-compatible public API.
 */
@SpringBootApplication
public class ProjectionServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProjectionServiceApplication.class, args);
    }

    /**
     * Reads incident-events and dead-letters what it cannot read; creates neither. incident-service
     * owns both topics, so their definition has one author; if this service starts first, it waits
     * for them up to {@code platform.startup-timeout}.
     */
    @Bean
    ServiceTopics serviceTopics() {
        return ServiceTopics.requires(Topics.INCIDENT_EVENTS, Topics.INCIDENT_EVENTS_DLT);
    }

    /** Writes no records, but reads every one through the registry: it must answer at start. */
    @Bean
    ServiceSchemas serviceSchemas() {
        return ServiceSchemas.readsOnly();
    }
}
