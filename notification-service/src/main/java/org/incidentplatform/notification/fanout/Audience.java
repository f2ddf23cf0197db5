package org.incidentplatform.notification.fanout;

import java.util.Collections;

import org.incidentplatform.notification.subscription.Impact;
import org.incidentplatform.notification.subscription.Subscription;

/** Who hears about what: the matching rules, plain Java. */
final class Audience {

    private Audience() {
    }

    /**
     * @param told whether this subscription was already told about this incident or maintenance
     */
    static boolean shouldTell(Subscription subscription, Occurrence occurrence, boolean told) {
        if (!subscription.receives()) {
            return false;
        }
        if (occurrence.onlyForThoseTold() || told) {
            // Someone told of the start hears the rest of the story, even if the impact later drops
            // below their minimum; nobody hears of a retraction of something they never heard of.
            return told;
        }
        boolean components = subscription.components().isEmpty()
                || !Collections.disjoint(subscription.components(), occurrence.components());
        if (!components) {
            return false;
        }
        if (occurrence.maintenance()) {
            return subscription.maintenance();
        }
        return Impact.of(occurrence.impact())
                .map(impact -> impact.compareTo(subscription.minImpact()) >= 0)
                .orElse(false);
    }
}
