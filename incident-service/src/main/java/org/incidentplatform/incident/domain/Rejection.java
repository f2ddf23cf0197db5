package org.incidentplatform.incident.domain;

import java.util.Objects;

/**
 * Why a command was refused.
 *
 * @param kind   what sort of refusal it is; the web edge maps it to a status code
 * @param field  the command field at fault, or null when the refusal is about the stream's state
 * @param reason a sentence a person can act on
 */
public record Rejection(Kind kind, String field, String reason) {

    public Rejection {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    public enum Kind {
        /** The stream or an entity the command addresses does not exist (HTTP 404). */
        NOT_FOUND,
        /** The command is well formed but illegal in the stream's current state, e.g. resolving twice (HTTP 409). */
        CONFLICT,
        /** A field value is unacceptable, e.g. an unknown component or a time before the previous event (HTTP 422). */
        INVALID
    }

    public static Rejection notFound(String reason) {
        return new Rejection(Kind.NOT_FOUND, null, reason);
    }

    public static Rejection conflict(String reason) {
        return new Rejection(Kind.CONFLICT, null, reason);
    }

    public static Rejection invalid(String field, String reason) {
        return new Rejection(Kind.INVALID, field, reason);
    }
}
