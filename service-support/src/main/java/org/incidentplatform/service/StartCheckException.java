package org.incidentplatform.service;

/**
 * A check at start that failed: the service must not start. Boot reports it as one problem and the
 * action that fixes it ({@link StartCheckFailureAnalyzer}), not as a stack trace.
 */
abstract class StartCheckException extends IllegalStateException {

    private final String problem;
    private final String action;

    /**
     * @param problem what is wrong, in a few words ("Kafka topics are not usable")
     * @param message the details: which address, topic or subject, and why
     * @param action  what the operator does about it
     */
    StartCheckException(String problem, String message, String action) {
        super(message);
        this.problem = problem;
        this.action = action;
    }

    String problem() {
        return problem;
    }

    String action() {
        return action;
    }
}
