package org.incidentplatform.projection.page;

import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.projection.status.MaintenanceStatus;
import org.incidentplatform.projection.status.PageIndicator;

/**
 * What the page says for each value of the vocabulary (DESIGN §4), in Statuspage's words, and the
 * symbol shown beside it so that a status never depends on colour alone. Templates reach it as
 * {@code words}.
 */
public final class Wording {

    public String componentStatus(ComponentStatus status) {
        return switch (status) {
            case operational -> "Operational";
            case degraded_performance -> "Degraded Performance";
            case partial_outage -> "Partial Outage";
            case major_outage -> "Major Outage";
            case under_maintenance -> "Under Maintenance";
        };
    }

    public String componentSymbol(ComponentStatus status) {
        return switch (status) {
            case operational -> "✓";
            case degraded_performance -> "!";
            case partial_outage -> "◐";
            case major_outage -> "✕";
            case under_maintenance -> "⚒";
        };
    }

    public String incidentStatus(IncidentStatus status) {
        return switch (status) {
            case investigating -> "Investigating";
            case identified -> "Identified";
            case monitoring -> "Monitoring";
            case resolved -> "Resolved";
            case postmortem -> "Postmortem";
        };
    }

    public String maintenanceStatus(MaintenanceStatus status) {
        return switch (status) {
            case scheduled -> "Scheduled";
            case in_progress -> "In progress";
            case verifying -> "Verifying";
            case completed -> "Completed";
        };
    }

    public String impact(Impact impact) {
        return switch (impact) {
            case none -> "No impact";
            case minor -> "Minor impact";
            case major -> "Major impact";
            case critical -> "Critical impact";
            case maintenance -> "Maintenance";
        };
    }

    public String indicatorSymbol(PageIndicator indicator) {
        return switch (indicator) {
            case none -> "✓";
            case minor, major -> "!";
            case critical -> "✕";
            case maintenance -> "⚒";
        };
    }
}
