package org.incidentplatform.incident.web;

import java.util.List;

import org.incidentplatform.incident.command.RecordedEvent;

import org.springframework.http.ResponseEntity;

/** Answers for the audit reads of a stream's events. */
final class Streams {

    private Streams() {
    }

    /** The events, with the stream's version as ETag: the value an {@code If-Match} on the next write would take. */
    static ResponseEntity<List<RecordedEvent>> events(List<RecordedEvent> events) {
        long version = events.isEmpty() ? 0 : events.get(events.size() - 1).sequence();
        return ResponseEntity.ok().eTag(CommandExchange.etag(version)).body(events);
    }
}
