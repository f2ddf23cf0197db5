package org.incidentplatform.incident.domain;

import java.io.Serial;

/**
 * Carries a {@link Rejection} out of the depths of a decider to its {@code decide} entry point,
 * which turns it back into a {@link Decision.Rejected}; it never leaves this package.
 */
final class CommandRejected extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Rejection rejection;

    CommandRejected(Rejection rejection) {
        super(rejection.reason(), null, false, false);
        this.rejection = rejection;
    }

    Rejection rejection() {
        return rejection;
    }

    static CommandRejected notFound(String reason) {
        return new CommandRejected(Rejection.notFound(reason));
    }

    static CommandRejected conflict(String reason) {
        return new CommandRejected(Rejection.conflict(reason));
    }

    static CommandRejected invalid(String field, String reason) {
        return new CommandRejected(Rejection.invalid(field, reason));
    }
}
