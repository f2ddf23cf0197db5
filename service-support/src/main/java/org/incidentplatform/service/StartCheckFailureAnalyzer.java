package org.incidentplatform.service;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a failed start-up check into Boot's short start-up failure report instead of a stack trace. */
final class StartCheckFailureAnalyzer extends AbstractFailureAnalyzer<StartCheckException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StartCheckException cause) {
        return new FailureAnalysis(cause.problem() + ": " + cause.getMessage(), cause.action(), cause);
    }
}
