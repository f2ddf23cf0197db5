package org.incidentplatform.service;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a failed schema check into Boot's short start-up failure report instead of a stack trace. */
final class SchemaVerificationFailureAnalyzer extends AbstractFailureAnalyzer<SchemaVerificationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SchemaVerificationException cause) {
        return new FailureAnalysis("Schema registry check failed: " + cause.getMessage(),
                "Start the registry or fix platform.schema-registry-url; for an incompatible schema, release a "
                        + "compatible version (see schemas/history) instead of changing a released one.",
                cause);
    }
}
