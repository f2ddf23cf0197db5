package org.incidentplatform.projection.analytics;

import java.time.LocalDate;
import java.util.List;
import org.incidentplatform.events.ComponentStatus;

/**
 * Uptime of a component (or of a group: every member up) over whole UTC days.
 *
 * @param components    the component ids it covers: one, or a group's members
 * @param partialWeight how much a minute of partial outage counts as down (ARCHITECTURE.md, Durations: 0.3)
 * @param uptimePercent over the observed minutes of all days; null if none was observed
 */
public record UptimeReport(
        List<String> components,
        LocalDate from,
        LocalDate to,
        double partialWeight,
        List<Day> days,
        Double uptimePercent) {

    public UptimeReport {
        components = List.copyOf(components);
        days = List.copyOf(days);
    }

    /**
     * One UTC day. Each minute counts once, in the worst status the component had then; outage during
     * maintenance is outage. Minutes are exact (fractions of a minute kept).
     *
     * @param observedMinutes  1440, less what lies before the component was known or after {@code now};
     *                         0 for a day not observed at all, which then has no uptime and no worst status
     * @param uptimePercent    100 × (1 − (major + partialWeight × partial) / observed); maintenance and
     *                         degraded performance do not count as down; null when nothing was observed
     * @param worstStatus      the worst status of the day, operational if nothing happened; null when
     *                         nothing was observed
     * @param incidents        ids of the incidents that held the component in a non-operational status
     *                         during the day, sorted
     * @param maintenances     ids of the maintenances that did, sorted
     */
    public record Day(
            LocalDate date,
            double observedMinutes,
            double degradedMinutes,
            double partialMinutes,
            double majorMinutes,
            double maintenanceMinutes,
            Double uptimePercent,
            ComponentStatus worstStatus,
            List<String> incidents,
            List<String> maintenances) {

        public Day {
            incidents = List.copyOf(incidents);
            maintenances = List.copyOf(maintenances);
        }
    }
}
