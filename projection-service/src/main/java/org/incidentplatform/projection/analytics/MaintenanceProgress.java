package org.incidentplatform.projection.analytics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.MaintenanceCancelled;
import org.incidentplatform.events.MaintenanceCompleted;
import org.incidentplatform.events.MaintenanceScheduled;
import org.incidentplatform.events.MaintenanceStarted;
import org.incidentplatform.events.MaintenanceUpdatePosted;
import org.incidentplatform.events.MaintenanceVerifying;

/**
 * One maintenance, as far as component time goes: its planned statuses hold from start (or verifying,
 * if it skipped the start) to completion or cancellation, as on the status page.
 */
final class MaintenanceProgress {

    final int stream;
    private final Map<String, ComponentStatus> planned;
    private boolean active;
    private boolean over;

    MaintenanceProgress(int stream, MaintenanceScheduled scheduled) {
        this.stream = stream;
        this.planned = new LinkedHashMap<>(scheduled.getComponents());
    }

    /** @return false when the payload is no maintenance event or comes after the maintenance is over */
    boolean apply(Object payload) {
        if (over) {
            return false;
        }
        if (payload instanceof MaintenanceStarted || payload instanceof MaintenanceVerifying) {
            active = true;
        } else if (payload instanceof MaintenanceCompleted || payload instanceof MaintenanceCancelled) {
            active = false;
            over = true;
        } else {
            return payload instanceof MaintenanceUpdatePosted;
        }
        return true;
    }

    Map<String, ComponentStatus> imposed() {
        return active ? planned : Map.of();
    }
}
