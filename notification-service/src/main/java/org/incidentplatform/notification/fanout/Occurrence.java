package org.incidentplatform.notification.fanout;

import java.util.Set;

import org.incidentplatform.notification.events.NoticeType;

/**
 * What a notifiable event is about, as far as choosing its audience goes.
 *
 * @param impact     the incident's impact after the event ("maintenance" for maintenance)
 * @param components every component the incident or maintenance affects
 */
record Occurrence(NoticeType type, boolean maintenance, String impact, Set<String> components) {

    Occurrence {
        components = Set.copyOf(components);
    }

    /** Retractions and cancellations only concern those who heard of the thing in the first place. */
    boolean onlyForThoseTold() {
        return type == NoticeType.incident_retracted || type == NoticeType.maintenance_cancelled;
    }
}
