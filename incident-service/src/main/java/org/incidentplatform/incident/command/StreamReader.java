package org.incidentplatform.incident.command;

import java.util.List;

/** Reads a stream's events back, for the audit endpoints. */
public interface StreamReader {

    /** The most events one read answers. */
    int PAGE_MAX = 1_000;

    /**
     * Up to {@code limit} events of the stream after sequence {@code after}, in sequence order, when this
     * instance owns the stream's partition; otherwise where to ask.
     */
    Read read(StreamKind kind, String streamId, long after, int limit);

    sealed interface Read {}

    /** No stream of that kind has that id. */
    record NotFound() implements Read {}

    /** @param more true when events after the last one given exist */
    record Page(List<RecordedEvent> events, boolean more) implements Read {}

    /** Another instance owns the stream's partition and answers at {@code host:port}. */
    record OwnedElsewhere(String hostAndPort) implements Read {}
}
