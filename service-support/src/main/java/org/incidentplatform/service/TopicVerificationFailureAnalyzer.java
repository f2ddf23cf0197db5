package org.incidentplatform.service;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a failed topic check into Boot's short start-up failure report instead of a stack trace. */
final class TopicVerificationFailureAnalyzer extends AbstractFailureAnalyzer<TopicVerificationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TopicVerificationException cause) {
        return new FailureAnalysis("Kafka topics are not usable: " + cause.getMessage(),
                "Create or fix the topics as declared in org.incidentplatform.schemas.Topics, or check "
                        + "spring.kafka.bootstrap-servers and platform.startup-timeout.",
                cause);
    }
}
