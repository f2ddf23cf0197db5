package org.incidentplatform.notification.fanout;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the fan-out remembers of one incident or maintenance: enough to write a whole notice from a
 * single event (an update carries no title), the last sequence applied (a redelivered event is
 * recognised and ignored) and who has been told about it (only they hear of a retraction).
 */
record IncidentDigest(String incidentId, boolean maintenance, String title, String status, String impact,
                      Map<String, String> components, List<Update> updates, Instant createdAt,
                      Instant resolvedAt, Instant scheduledFor, Instant scheduledUntil, long lastSequence,
                      Set<String> told) {

    IncidentDigest {
        components = Map.copyOf(components);
        updates = List.copyOf(updates);
        told = Set.copyOf(told);
    }

    /** One entry of the public timeline. */
    record Update(String id, String status, String body, Instant at) {
    }
}
