package org.incidentplatform.incident.domain;

import java.util.List;
import java.util.Set;

/**
 * The shape of every stream's rules: {@code decide} a command against the state into events (or a
 * rejection), and {@code evolve} the state by one event. Both are pure. The state is a snapshot
 * that holds everything deciding needs, so a command costs the same at any length of history.
 *
 * @param <C> the stream's commands
 * @param <E> the stream's events
 * @param <S> the stream's state
 */
public interface Decider<C extends Command, E, S> {

    S initialState();

    /** @param knownComponents ids of the components in the catalogue now; streams that name none ignore it */
    Decision<E> decide(C command, S state, Set<String> knownComponents);

    S evolve(S state, E event);

    default S evolve(S state, List<? extends E> events) {
        S next = state;
        for (E event : events) {
            next = evolve(next, event);
        }
        return next;
    }
}
