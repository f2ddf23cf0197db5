package org.incidentplatform.incident.command;

import java.util.List;
import org.incidentplatform.incident.domain.Rejection;

/**
 * The processor's answer to one command, on {@code incident-command-results}, keyed by request id.
 * Written in the same Kafka transaction as the events, so a reader that sees it (read_committed)
 * knows the events are committed.
 */
record CommandResult(
        String requestId,
        Outcome outcome,
        String streamId,
        long version,
        List<String> eventIds,
        Rejection.Kind rejectionKind,
        String field,
        String reason,
        Long expectedVersion) {

    enum Outcome {
        ACCEPTED,
        REPLAYED,
        REJECTED,
        VERSION_MISMATCH,
        KEY_REUSED,
        FAILED
    }

    static CommandResult accepted(
            String requestId, String streamId, long version, List<String> eventIds, boolean replayed) {
        return new CommandResult(
                requestId,
                replayed ? Outcome.REPLAYED : Outcome.ACCEPTED,
                streamId,
                version,
                List.copyOf(eventIds),
                null,
                null,
                null,
                null);
    }

    static CommandResult rejected(String requestId, String streamId, long version, Rejection rejection) {
        return new CommandResult(
                requestId,
                Outcome.REJECTED,
                streamId,
                version,
                List.of(),
                rejection.kind(),
                rejection.field(),
                rejection.reason(),
                null);
    }

    static CommandResult versionMismatch(String requestId, String streamId, long version, long expected) {
        return new CommandResult(
                requestId, Outcome.VERSION_MISMATCH, streamId, version, List.of(), null, null, null, expected);
    }

    static CommandResult keyReused(String requestId, String streamId, long version, String key) {
        return new CommandResult(requestId, Outcome.KEY_REUSED, streamId, version, List.of(), null, null, key, null);
    }

    /** Something went wrong inside the processor while deciding or encoding this command; nothing was appended. */
    static CommandResult failed(String requestId, String streamId, String reason) {
        return new CommandResult(requestId, Outcome.FAILED, streamId, 0, List.of(), null, null, reason, null);
    }

    CommandOutcome toOutcome() {
        return switch (outcome) {
            case ACCEPTED -> new CommandOutcome.Accepted(streamId, version, eventIds, false);
            case REPLAYED -> new CommandOutcome.Accepted(streamId, version, eventIds, true);
            case REJECTED -> new CommandOutcome.Rejected(new Rejection(rejectionKind, field, reason));
            case VERSION_MISMATCH -> new CommandOutcome.VersionMismatch(expectedVersion, version);
            case KEY_REUSED -> new CommandOutcome.IdempotencyKeyReused(reason);
            case FAILED -> new CommandOutcome.Failed(reason);
        };
    }
}
