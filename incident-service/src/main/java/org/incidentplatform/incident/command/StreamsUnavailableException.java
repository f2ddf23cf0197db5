package org.incidentplatform.incident.command;

/** The event store cannot answer right now (starting, rebalancing, or the stream is served elsewhere). */
public final class StreamsUnavailableException extends RuntimeException {

    public StreamsUnavailableException(String message) {
        super(message);
    }
}
