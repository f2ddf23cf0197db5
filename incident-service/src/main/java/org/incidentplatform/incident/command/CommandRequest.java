package org.incidentplatform.incident.command;

import java.util.Objects;

/**
 * A command on its way to the owner of its stream.
 *
 * @param command         a domain command: {@code IncidentCommand}, {@code MaintenanceCommand} or {@code CatalogueCommand}
 * @param actor           the authenticated principal; becomes the events' actor
 * @param idempotencyKey  the client's {@code Idempotency-Key}, or null
 * @param requestHash     fingerprint of the request, to tell a retry from a different request under the same key
 * @param expectedVersion the version from {@code If-Match}, or null when the client does not care
 * @param correlationId   ties the events to this request
 */
public record CommandRequest(StreamKind kind, String streamId, Object command, String actor, String idempotencyKey,
                             String requestHash, Long expectedVersion, String correlationId) {

    public CommandRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(actor, "actor");
    }
}
