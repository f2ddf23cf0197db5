package org.incidentplatform.service;

/** The topics a service depends on are missing, unreachable or not as declared; the service must not start. */
final class TopicVerificationException extends StartCheckException {

    TopicVerificationException(String message) {
        super(
                "Kafka topics are not usable",
                message,
                "Create or fix the topics as declared in org.incidentplatform.schemas.Topics, or check "
                        + "spring.kafka.bootstrap-servers and platform.startup-timeout.");
    }
}
