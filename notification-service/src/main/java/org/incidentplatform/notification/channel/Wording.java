package org.incidentplatform.notification.channel;

import java.util.stream.Collectors;
import org.incidentplatform.notification.events.Notice;
import org.incidentplatform.schemas.Vocabulary.Words;

/**
 * The words notices share across channels. Those of the platform's values are its vocabulary's
 * {@link Words}, in the casing of a message ("Partial outage") or of a list ("partial outage").
 */
final class Wording {

    private Wording() {}

    static String headline(Notice notice) {
        String what = switch (notice.getType()) {
            case incident_declared -> "New incident";
            case incident_updated -> "Incident update";
            case incident_resolved -> "Resolved";
            case incident_reopened -> "Incident reopened";
            case incident_retracted -> "Retracted (declared in error)";
            case postmortem_published -> "Postmortem published";
            case maintenance_scheduled -> "Maintenance scheduled";
            case maintenance_started -> "Maintenance in progress";
            case maintenance_completed -> "Maintenance completed";
            case maintenance_cancelled -> "Maintenance cancelled";
        };
        return what + ": " + notice.getTitle();
    }

    static String components(Notice notice) {
        return notice.getComponents().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .map(entry -> StatuspagePayload.name(notice, entry.getKey()) + " ("
                        + Words.of(entry.getValue()).lowerCase() + ")")
                .collect(Collectors.joining(", "));
    }
}
