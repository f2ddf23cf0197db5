package org.incidentplatform.notification.fanout;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.incidentplatform.notification.audience.Audience;

/**
 * What the fan-out remembers of one incident or maintenance: enough to write a whole notice from a
 * single event (an update carries no title), the last sequence applied (a redelivered event is
 * recognised and ignored) and what its notices have concerned so far (whoever that concerns has been
 * told). Its size does not grow with the incident's history nor with its audience: the timeline keeps
 * the most recent {@link IncidentDigests#MAX_UPDATES} updates, the reach at most
 * {@link Audience#MAX_REACH} entries, and no subscriber is named.
 */
record IncidentDigest(
        String incidentId,
        boolean maintenance,
        boolean backfilled,
        String title,
        String status,
        String impact,
        Map<String, String> components,
        List<Update> updates,
        Instant createdAt,
        Instant resolvedAt,
        Instant scheduledFor,
        Instant scheduledUntil,
        long lastSequence,
        List<Audience.Reach> reach) {

    IncidentDigest {
        components = Map.copyOf(components);
        updates = List.copyOf(updates);
        // A digest written before reach existed (it named everyone told instead) reads as reaching nobody yet.
        reach = reach == null ? List.of() : List.copyOf(reach);
    }

    IncidentDigest withSequence(long sequence) {
        return new IncidentDigest(
                incidentId,
                maintenance,
                backfilled,
                title,
                status,
                impact,
                components,
                updates,
                createdAt,
                resolvedAt,
                scheduledFor,
                scheduledUntil,
                sequence,
                reach);
    }

    IncidentDigest withReach(List<Audience.Reach> widened) {
        return new IncidentDigest(
                incidentId,
                maintenance,
                backfilled,
                title,
                status,
                impact,
                components,
                updates,
                createdAt,
                resolvedAt,
                scheduledFor,
                scheduledUntil,
                lastSequence,
                widened);
    }

    /** One entry of the public timeline. */
    record Update(String id, String status, String body, Instant at) {}
}
