package org.incidentplatform.projection.page;

import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.projection.status.MaintenanceStatus;
import org.incidentplatform.projection.status.PageIndicator;
import org.incidentplatform.schemas.Vocabulary;
import org.incidentplatform.schemas.Vocabulary.Words;

/**
 * What the page says for each value of the vocabulary, in Statuspage's words (the platform's
 * {@link Vocabulary}, title-cased for component statuses), and the symbol shown beside it so that a
 * status never depends on colour alone. Templates reach it as {@code words}.
 */
public final class Wording {

    public String componentStatus(ComponentStatus status) {
        return Vocabulary.ComponentStatus.fromWireValue(status.name()).words().title();
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
        return Words.of(status.name()).sentence();
    }

    public String maintenanceStatus(MaintenanceStatus status) {
        return Words.of(status.name()).sentence();
    }

    public String impact(Impact impact) {
        return Vocabulary.Impact.fromWireValue(impact.name()).words().sentence();
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
