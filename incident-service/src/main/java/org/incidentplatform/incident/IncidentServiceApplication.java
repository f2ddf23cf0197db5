package org.incidentplatform.incident;

import org.incidentplatform.schemas.Topics;
import org.incidentplatform.service.ServiceSchemas;
import org.incidentplatform.service.ServiceTopics;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Accepts commands over HTTP, decides them against an incident's past events, and appends the
 * new events to {@code incident-events}, of which it is the only writer.
 */
@SpringBootApplication
public class IncidentServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(IncidentServiceApplication.class, args);
    }

    /**
     * The single writer of incident-events, so also its creator; the creator of its dead-letter
     * topic, which the consumers in other services write to but must not each define; and the
     * owner of its own command and answer topics.
     */
    @Bean
    ServiceTopics serviceTopics() {
        return ServiceTopics.owns(
                Topics.INCIDENT_EVENTS,
                Topics.INCIDENT_EVENTS_DLT,
                Topics.INCIDENT_COMMANDS,
                Topics.INCIDENT_COMMAND_RESULTS);
    }

    /** The event envelope it appends: checked against the registry's latest at start. */
    @Bean
    ServiceSchemas serviceSchemas() {
        return ServiceSchemas.writes(Topics.INCIDENT_EVENTS);
    }
}
