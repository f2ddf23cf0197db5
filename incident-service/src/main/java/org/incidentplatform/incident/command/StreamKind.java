package org.incidentplatform.incident.command;

/** The three kinds of stream incident-service decides for; the stream id is the Kafka key. */
public enum StreamKind {
    INCIDENT,
    MAINTENANCE,
    CATALOGUE
}
