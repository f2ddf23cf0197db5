package org.incidentplatform.incident.command;

import java.time.Instant;
import java.util.Map;

/** One event of a stream as the audit endpoint shows it: the envelope, the payload's type and fields. */
public record RecordedEvent(
        String eventId,
        String incidentId,
        long sequence,
        Instant occurredAt,
        Instant recordedAt,
        String actor,
        String correlationId,
        String type,
        Map<String, Object> payload) {}
