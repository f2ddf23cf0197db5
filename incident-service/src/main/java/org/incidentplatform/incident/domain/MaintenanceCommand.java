package org.incidentplatform.incident.domain;

import java.time.Instant;
import java.util.Map;
import org.incidentplatform.schemas.Vocabulary.ComponentStatus;

/**
 * What a responder, or the schedule itself ({@code automatic}), asks of one scheduled maintenance.
 * Fields are taken as given so that {@link MaintenanceDecider} can name the field at fault.
 */
public sealed interface MaintenanceCommand extends Command {

    @Override
    default <R> R dispatch(Handler<R> handler) {
        return handler.maintenance(this);
    }

    /** @param components the components affected and the status each is in while the work is in progress */
    record ScheduleMaintenance(
            String maintenanceId,
            String title,
            String message,
            Map<String, ComponentStatus> components,
            Instant scheduledFor,
            Instant scheduledUntil,
            boolean autoStart,
            boolean autoComplete,
            Instant occurredAt)
            implements MaintenanceCommand {
        public ScheduleMaintenance {
            components = Require.orderedCopy(components);
        }
    }

    record StartMaintenance(String message, boolean automatic, Instant occurredAt) implements MaintenanceCommand {}

    record PostMaintenanceUpdate(String message, Instant occurredAt) implements MaintenanceCommand {}

    record VerifyMaintenance(String message, Instant occurredAt) implements MaintenanceCommand {}

    record CompleteMaintenance(String message, boolean automatic, Instant occurredAt) implements MaintenanceCommand {}

    record CancelMaintenance(String message, Instant occurredAt) implements MaintenanceCommand {}
}
