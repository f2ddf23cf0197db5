package org.incidentplatform.incident.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;

/** Unwraps a {@link Decision} in tests, failing with the other side's content when it is not the expected one. */
final class Decisions {

    private Decisions() {}

    static <E> List<E> events(Decision<E> decision) {
        if (decision instanceof Decision.Rejected<E> rejected) {
            return fail("expected events but the command was rejected: " + rejected.rejection());
        }
        return ((Decision.Accepted<E>) decision).events();
    }

    static Rejection rejection(Decision<?> decision) {
        if (decision instanceof Decision.Accepted<?> accepted) {
            return fail("expected a rejection but got " + accepted.events());
        }
        return ((Decision.Rejected<?>) decision).rejection();
    }

    static Rejection rejection(Decision<?> decision, Rejection.Kind kind) {
        Rejection rejection = rejection(decision);
        assertThat(rejection.kind()).as("kind of %s", rejection).isEqualTo(kind);
        return rejection;
    }

    static Rejection rejection(Decision<?> decision, Rejection.Kind kind, String field) {
        Rejection rejection = rejection(decision, kind);
        assertThat(rejection.field()).as("field of %s", rejection).isEqualTo(field);
        return rejection;
    }
}
