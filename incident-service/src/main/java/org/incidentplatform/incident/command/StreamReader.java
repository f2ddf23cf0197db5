package org.incidentplatform.incident.command;

import java.util.List;
import java.util.Optional;

/** Reads a stream's events back, for the audit endpoints. */
public interface StreamReader {

    /** The stream's events in sequence order, or empty when no such stream of that kind exists. */
    Optional<List<RecordedEvent>> read(StreamKind kind, String streamId);
}
