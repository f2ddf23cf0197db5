package org.incidentplatform.incident.command;

import java.util.Objects;
import org.incidentplatform.incident.domain.Command;

/**
 * A command on its way to the owner of its stream.
 *
 * @param command         what is asked; its family says which kind of stream it is for
 * @param actor           the authenticated principal; becomes the events' actor
 * @param idempotencyKey  the client's {@code Idempotency-Key}, or null
 * @param requestHash     fingerprint of the request, to tell a retry from a different request under the same key
 * @param expectedVersion the version from {@code If-Match}, or null when the client does not care
 * @param correlationId   ties the events to this request
 */
public record CommandRequest(
        String streamId,
        Command command,
        String actor,
        String idempotencyKey,
        String requestHash,
        Long expectedVersion,
        String correlationId) {

    public CommandRequest {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(actor, "actor");
    }
}
