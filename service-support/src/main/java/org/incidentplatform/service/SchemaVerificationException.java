package org.incidentplatform.service;

/** The schema registry does not answer, or holds schemas the service's own are not compatible with. */
public class SchemaVerificationException extends StartCheckException {

    public SchemaVerificationException(String message) {
        super(
                "Schema registry check failed",
                message,
                "Start the registry or fix platform.schema-registry-url; for an incompatible schema, release a "
                        + "compatible version (see schemas/history) instead of changing a released one.");
    }
}
