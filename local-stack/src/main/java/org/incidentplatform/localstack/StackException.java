package org.incidentplatform.localstack;

/** A reason the local stack cannot start, worded for the person at the terminal. */
final class StackException extends RuntimeException {

    StackException(String message) {
        super(message);
    }

    StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
