package org.incidentplatform.projection.status;

/**
 * Status of a scheduled maintenance, Statuspage's four values. There is no {@code cancelled}:
 * Statuspage clients know none, so a cancelled maintenance reads as {@link #completed} and
 * carries {@link StatusSnapshot.Maintenance#cancelled()} for those who care.
 */
public enum MaintenanceStatus {
    scheduled,
    in_progress,
    verifying,
    completed
}
