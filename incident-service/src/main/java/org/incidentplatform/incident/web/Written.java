package org.incidentplatform.incident.web;

/**
 * The answer to an accepted write.
 *
 * @param id      the stream written to: the incident, maintenance or catalogue entry
 * @param version the stream's version after the write; send it back as {@code If-Match} to write only
 *                if nothing happened since, or to a read to wait until the projection has applied it
 */
record Written(String id, long version) {}
