package org.incidentplatform.projection.statuspage;

import java.util.Arrays;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.incidentplatform.projection.status.StatusSnapshot;

/** The Statuspage v2 endpoints and the document each answers with. */
enum StatuspageEndpoint {
    SUMMARY("/api/v2/summary.json", StatuspageDocuments::summary),
    STATUS("/api/v2/status.json", StatuspageDocuments::status),
    COMPONENTS("/api/v2/components.json", StatuspageDocuments::components),
    INCIDENTS("/api/v2/incidents.json", StatuspageDocuments::incidents),
    UNRESOLVED_INCIDENTS("/api/v2/incidents/unresolved.json", StatuspageDocuments::unresolvedIncidents),
    SCHEDULED_MAINTENANCES("/api/v2/scheduled-maintenances.json", StatuspageDocuments::scheduledMaintenances),
    UPCOMING_MAINTENANCES("/api/v2/scheduled-maintenances/upcoming.json", StatuspageDocuments::upcomingMaintenances),
    ACTIVE_MAINTENANCES("/api/v2/scheduled-maintenances/active.json", StatuspageDocuments::activeMaintenances);

    private static final Map<String, StatuspageEndpoint> BY_PATH = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(StatuspageEndpoint::path, Function.identity()));

    private final String path;
    private final BiFunction<StatuspageDocuments, StatusSnapshot, Object> document;

    StatuspageEndpoint(String path, BiFunction<StatuspageDocuments, StatusSnapshot, Object> document) {
        this.path = path;
        this.document = document;
    }

    String path() {
        return path;
    }

    /** Every endpoint by its path. */
    static Map<String, StatuspageEndpoint> byPath() {
        return BY_PATH;
    }

    Object document(StatuspageDocuments documents, StatusSnapshot snapshot) {
        return document.apply(documents, snapshot);
    }
}
