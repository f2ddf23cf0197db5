package org.incidentplatform.notification.channel;

import java.util.stream.Collectors;

import org.incidentplatform.notification.events.Notice;

/** The words notices share across channels. */
final class Wording {

    private Wording() {
    }

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

    static String status(String status) {
        String spaced = status.replace('_', ' ');
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    static String components(Notice notice) {
        return notice.getComponents().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .map(entry -> StatuspagePayload.name(notice, entry.getKey()) + " (" + entry.getValue().replace('_', ' ') + ")")
                .collect(Collectors.joining(", "));
    }
}
