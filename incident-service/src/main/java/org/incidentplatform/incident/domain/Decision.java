package org.incidentplatform.incident.domain;

import java.util.List;
import java.util.Objects;

/**
 * What a decider answers to a command: the events to append, or why none may be.
 * A rejection is a value so the caller (HTTP, stream processor) picks its own way to report it.
 */
public sealed interface Decision<E> {

    static <E> Decision<E> accepted(List<? extends E> events) {
        return new Accepted<>(List.copyOf(events));
    }

    static <E> Decision<E> rejected(Rejection rejection) {
        return new Rejected<>(rejection);
    }

    /** Events to append in this order; empty when the command changes nothing (an idempotent no-op). */
    record Accepted<E>(List<E> events) implements Decision<E> {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    record Rejected<E>(Rejection rejection) implements Decision<E> {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }
    }
}
