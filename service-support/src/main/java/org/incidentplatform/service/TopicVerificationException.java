package org.incidentplatform.service;

/** The topics a service depends on are missing, unreachable or not as declared; the service must not start. */
final class TopicVerificationException extends IllegalStateException {

    TopicVerificationException(String message) {
        super(message);
    }
}
