package org.incidentplatform.incident.command;

import java.util.List;
import org.incidentplatform.incident.domain.Rejection;

/** How a submitted command ended, as the web layer needs to answer it. */
public sealed interface CommandOutcome {

    /**
     * The events are committed to incident-events (or, for a retry, were committed by the first request).
     *
     * @param version  the stream's version after the command: the sequence of its latest event
     * @param eventIds ids of the events this command appended; empty when it changed nothing
     * @param replayed true when this answers a retry with a known Idempotency-Key and nothing was appended
     */
    record Accepted(String streamId, long version, List<String> eventIds, boolean replayed) implements CommandOutcome {
        public Accepted {
            eventIds = List.copyOf(eventIds);
        }
    }

    /** The decider refused the command; nothing was appended. */
    record Rejected(Rejection rejection) implements CommandOutcome {}

    /** {@code If-Match} named a version the stream has moved past (or not reached); nothing was appended. */
    record VersionMismatch(long expectedVersion, long currentVersion) implements CommandOutcome {}

    /** The Idempotency-Key was used before for a different request; nothing was appended. */
    record IdempotencyKeyReused(String idempotencyKey) implements CommandOutcome {}

    /** The command failed inside the processor (a defect, not the input's fault); nothing was appended. */
    record Failed(String reason) implements CommandOutcome {}

    /**
     * Kafka did not confirm in time. The command may still be applied later; a retry with the same
     * Idempotency-Key is safe.
     */
    record Unavailable(String reason) implements CommandOutcome {}
}
