package org.incidentplatform.incident.domain;

import java.util.Set;
import java.util.function.BiFunction;

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

    /** A decider from a stream's three rules, as each decider class writes them (static methods). */
    static <C extends Command, E, S> Decider<C, E, S> of(
            S initialState, Decide<C, E, S> decide, BiFunction<S, E, S> evolve) {
        return new Decider<>() {
            @Override
            public S initialState() {
                return initialState;
            }

            @Override
            public Decision<E> decide(C command, S state, Set<String> knownComponents) {
                return decide.decide(command, state, knownComponents);
            }

            @Override
            public S evolve(S state, E event) {
                return evolve.apply(state, event);
            }
        };
    }

    @FunctionalInterface
    interface Decide<C extends Command, E, S> {
        Decision<E> decide(C command, S state, Set<String> knownComponents);
    }
}
