package org.incidentplatform.incident.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.incidentplatform.incident.domain.MaintenanceCommand.CancelMaintenance;
import org.incidentplatform.incident.domain.MaintenanceCommand.CompleteMaintenance;
import org.incidentplatform.incident.domain.MaintenanceCommand.PostMaintenanceUpdate;
import org.incidentplatform.incident.domain.MaintenanceCommand.ScheduleMaintenance;
import org.incidentplatform.incident.domain.MaintenanceCommand.StartMaintenance;
import org.incidentplatform.incident.domain.MaintenanceCommand.VerifyMaintenance;
import org.incidentplatform.incident.domain.MaintenanceEvent.MaintenanceCancelled;
import org.incidentplatform.incident.domain.MaintenanceEvent.MaintenanceCompleted;
import org.incidentplatform.incident.domain.MaintenanceEvent.MaintenanceScheduled;
import org.incidentplatform.incident.domain.MaintenanceEvent.MaintenanceStarted;
import org.incidentplatform.incident.domain.MaintenanceEvent.MaintenanceUpdatePosted;
import org.incidentplatform.incident.domain.MaintenanceEvent.MaintenanceVerifying;
import org.incidentplatform.schemas.Vocabulary.ComponentStatus;

/**
 * The maintenance's rules: scheduled, in progress, verifying (optional), completed; cancelled only
 * while scheduled or in progress. The schedule may start and complete it on its own only when asked to
 * ({@code autoStart}, {@code autoComplete}) and not before the planned time.
 */
public final class MaintenanceDecider {

    /** These rules in the shape every stream's rules take. */
    public static final Decider<MaintenanceCommand, MaintenanceEvent, Maintenance> RULES =
            Decider.of(initialState(), MaintenanceDecider::decide, MaintenanceDecider::evolve);

    private MaintenanceDecider() {}

    public static Maintenance initialState() {
        return Maintenance.NONE;
    }

    /**
     * @param knownComponents ids of the components in the catalogue now; a command naming another is rejected
     */
    public static Decision<MaintenanceEvent> decide(
            MaintenanceCommand command, Maintenance state, Set<String> knownComponents) {
        try {
            return Decision.accepted(List.of(handle(command, state, knownComponents)));
        } catch (CommandRejected rejected) {
            return Decision.rejected(rejected.rejection());
        }
    }

    public static Maintenance replay(List<? extends MaintenanceEvent> events) {
        Maintenance state = initialState();
        for (MaintenanceEvent event : events) {
            state = evolve(state, event);
        }
        return state;
    }

    private static MaintenanceEvent handle(MaintenanceCommand command, Maintenance state, Set<String> known) {
        if (command instanceof ScheduleMaintenance schedule) {
            return schedule(schedule, state, known);
        }
        if (!state.isScheduled()) {
            throw CommandRejected.notFound("maintenance not found");
        }
        if (state.isOver()) {
            throw CommandRejected.conflict(
                    "the maintenance is " + state.status().wireValue() + "; it accepts no more changes");
        }
        Instant occurredAt = Require.occurredAt(command.occurredAt(), state.lastOccurredAt());
        if (command instanceof StartMaintenance start) {
            requireStatus(state, "start", MaintenanceStatus.SCHEDULED);
            if (start.automatic()) {
                requireAutomatic(state.autoStart(), "start", occurredAt, state.scheduledFor(), "scheduledFor");
            }
            return new MaintenanceStarted(message(start.message()), start.automatic(), occurredAt);
        }
        if (command instanceof PostMaintenanceUpdate update) {
            return new MaintenanceUpdatePosted(message(update.message()), occurredAt);
        }
        if (command instanceof VerifyMaintenance verify) {
            requireStatus(state, "move to verifying", MaintenanceStatus.IN_PROGRESS);
            return new MaintenanceVerifying(message(verify.message()), occurredAt);
        }
        if (command instanceof CompleteMaintenance complete) {
            requireStatus(state, "complete", MaintenanceStatus.IN_PROGRESS, MaintenanceStatus.VERIFYING);
            if (complete.automatic()) {
                requireAutomatic(
                        state.autoComplete(), "complete", occurredAt, state.scheduledUntil(), "scheduledUntil");
            }
            return new MaintenanceCompleted(message(complete.message()), complete.automatic(), occurredAt);
        }
        if (command instanceof CancelMaintenance cancel) {
            requireStatus(state, "be cancelled", MaintenanceStatus.SCHEDULED, MaintenanceStatus.IN_PROGRESS);
            return new MaintenanceCancelled(message(cancel.message()), occurredAt);
        }
        throw new IllegalArgumentException(
                "unhandled command " + command.getClass().getName());
    }

    private static MaintenanceScheduled schedule(ScheduleMaintenance c, Maintenance state, Set<String> known) {
        if (state.isScheduled()) {
            throw CommandRejected.conflict("maintenance '" + state.id() + "' is already scheduled");
        }
        String id = Require.text("maintenanceId", c.maintenanceId(), Require.TITLE_MAX);
        String title = Require.text("title", c.title(), Require.TITLE_MAX);
        String message = message(c.message());
        Map<String, ComponentStatus> components = Require.components(c.components(), known);
        Instant scheduledFor = Require.time("scheduledFor", c.scheduledFor());
        Instant scheduledUntil = Require.time("scheduledUntil", c.scheduledUntil());
        if (!scheduledUntil.isAfter(scheduledFor)) {
            throw CommandRejected.invalid(
                    "scheduledUntil",
                    "scheduledUntil " + scheduledUntil + " must be after scheduledFor " + scheduledFor);
        }
        Instant occurredAt = Require.time("occurredAt", c.occurredAt());
        return new MaintenanceScheduled(
                id,
                title,
                message,
                components,
                scheduledFor,
                scheduledUntil,
                c.autoStart(),
                c.autoComplete(),
                occurredAt);
    }

    private static String message(String message) {
        return Require.text("message", message, Require.MESSAGE_MAX);
    }

    private static void requireStatus(Maintenance state, String action, MaintenanceStatus... allowed) {
        for (MaintenanceStatus status : allowed) {
            if (state.status() == status) {
                return;
            }
        }
        throw CommandRejected.conflict("a maintenance that is " + state.status().wireValue() + " cannot " + action);
    }

    private static void requireAutomatic(
            boolean enabled, String action, Instant occurredAt, Instant planned, String plannedField) {
        if (!enabled) {
            throw CommandRejected.conflict("the maintenance was not scheduled to " + action + " automatically");
        }
        if (occurredAt.isBefore(planned)) {
            throw CommandRejected.invalid(
                    "occurredAt",
                    "an automatic " + action + " at " + occurredAt + " cannot come before " + plannedField + " "
                            + planned);
        }
    }

    public static Maintenance evolve(Maintenance s, MaintenanceEvent event) {
        Instant at = s.lastOccurredAt() == null || event.occurredAt().isAfter(s.lastOccurredAt())
                ? event.occurredAt()
                : s.lastOccurredAt();
        long version = s.version() + 1;
        if (event instanceof MaintenanceScheduled e) {
            return new Maintenance(
                    e.maintenanceId(),
                    e.title(),
                    MaintenanceStatus.SCHEDULED,
                    e.components(),
                    e.scheduledFor(),
                    e.scheduledUntil(),
                    e.autoStart(),
                    e.autoComplete(),
                    at,
                    version);
        }
        MaintenanceStatus status;
        if (event instanceof MaintenanceStarted) {
            status = MaintenanceStatus.IN_PROGRESS;
        } else if (event instanceof MaintenanceVerifying) {
            status = MaintenanceStatus.VERIFYING;
        } else if (event instanceof MaintenanceCompleted) {
            status = MaintenanceStatus.COMPLETED;
        } else if (event instanceof MaintenanceCancelled) {
            status = MaintenanceStatus.CANCELLED;
        } else if (event instanceof MaintenanceUpdatePosted) {
            status = s.status();
        } else {
            throw new IllegalArgumentException(
                    "unhandled event " + event.getClass().getName());
        }
        return new Maintenance(
                s.id(),
                s.title(),
                status,
                s.components(),
                s.scheduledFor(),
                s.scheduledUntil(),
                s.autoStart(),
                s.autoComplete(),
                at,
                version);
    }
}
