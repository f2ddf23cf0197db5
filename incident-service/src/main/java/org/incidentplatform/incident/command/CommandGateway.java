package org.incidentplatform.incident.command;

/** Sends a command to the owner of its stream and waits, bounded, for the decision. */
public interface CommandGateway {

    CommandOutcome submit(CommandRequest request);
}
