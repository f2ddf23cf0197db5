package org.incidentplatform.projection.status;

import org.incidentplatform.events.ComponentStatus;

/**
 * How bad each component status is, for "worst wins". Maintenance ranks just above operational and
 * below every real problem: an outage that happens during planned maintenance is news to users,
 * and the page must show it rather than hide it behind "under maintenance".
 */
public final class ComponentSeverity {

    private ComponentSeverity() {
    }

    /** operational 0 &lt; under_maintenance 1 &lt; degraded_performance 2 &lt; partial_outage 3 &lt; major_outage 4. */
    public static int rank(ComponentStatus status) {
        return switch (status) {
            case operational -> 0;
            case under_maintenance -> 1;
            case degraded_performance -> 2;
            case partial_outage -> 3;
            case major_outage -> 4;
        };
    }

    public static ComponentStatus worst(ComponentStatus a, ComponentStatus b) {
        return rank(b) > rank(a) ? b : a;
    }

    /** The worst of the statuses, {@code operational} when there are none. */
    public static ComponentStatus worst(Iterable<ComponentStatus> statuses) {
        ComponentStatus worst = ComponentStatus.operational;
        for (ComponentStatus status : statuses) {
            worst = worst(worst, status);
        }
        return worst;
    }
}
