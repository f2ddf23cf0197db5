package org.incidentplatform.incident.command;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A command as it travels on {@code incident-commands}: who sent it, for which stream, under which
 * Idempotency-Key and expected version, and the domain command itself as JSON with its type name.
 *
 * @param occurredAtGiven false when the client gave no time: the processor then stamps the command
 *                        with its own clock, so that two instances' clocks cannot put concurrent
 *                        commands of one stream out of order
 */
record CommandEnvelope(
        String requestId,
        String streamId,
        String type,
        JsonNode command,
        boolean occurredAtGiven,
        String actor,
        String idempotencyKey,
        String requestHash,
        Long expectedVersion,
        String correlationId,
        Instant sentAt) {}
