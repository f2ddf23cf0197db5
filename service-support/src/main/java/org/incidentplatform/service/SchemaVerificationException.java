package org.incidentplatform.service;

/** The schema registry does not answer, or holds schemas the service's own are not compatible with. */
public class SchemaVerificationException extends RuntimeException {

    public SchemaVerificationException(String message) {
        super(message);
    }
}
