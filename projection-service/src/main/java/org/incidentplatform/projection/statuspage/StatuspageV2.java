package org.incidentplatform.projection.statuspage;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The objects of Atlassian Statuspage's public v2 API, field for field, in Statuspage's order. Every
 * field is written, null or not, as Statuspage does, except {@code components} of a component, which
 * Statuspage gives groups only. Record components are camelCase; the serializer writes snake_case.
 * Times are ISO-8601 UTC strings with milliseconds and {@code Z}, formatted by {@link StatuspageDocuments}.
 */
final class StatuspageV2 {

    private StatuspageV2() {}

    record Page(String id, String name, String url, String timeZone, String updatedAt) {}

    record Status(String indicator, String description) {}

    /**
     * A component, or a group (then {@code group} is true and {@code components} lists its members' ids).
     *
     * @param startDate the day its uptime is counted from, {@code yyyy-MM-dd}; null for groups
     */
    record Component(
            String id,
            String name,
            String status,
            String createdAt,
            String updatedAt,
            int position,
            String description,
            boolean showcase,
            String startDate,
            String groupId,
            String pageId,
            boolean group,
            boolean onlyShowIfDegraded,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> components) {}

    /** @param code the component's id, as Statuspage names it here */
    record AffectedComponent(String code, String name, String oldStatus, String newStatus) {}

    /** An update of an incident or a maintenance; {@code incidentId} names either. */
    record IncidentUpdate(
            String id,
            String status,
            String body,
            String incidentId,
            String createdAt,
            String updatedAt,
            String displayAt,
            List<AffectedComponent> affectedComponents,
            boolean deliverNotifications,
            String customTweet,
            String tweetId) {}

    record Incident(
            String id,
            String name,
            String status,
            String createdAt,
            String updatedAt,
            String monitoringAt,
            String resolvedAt,
            String impact,
            String shortlink,
            String startedAt,
            String pageId,
            List<IncidentUpdate> incidentUpdates,
            List<Component> components) {}

    record ScheduledMaintenance(
            String id,
            String name,
            String status,
            String createdAt,
            String updatedAt,
            String monitoringAt,
            String resolvedAt,
            String impact,
            String shortlink,
            String startedAt,
            String pageId,
            List<IncidentUpdate> incidentUpdates,
            List<Component> components,
            String scheduledFor,
            String scheduledUntil) {}

    record Summary(
            Page page,
            Status status,
            List<Component> components,
            List<Incident> incidents,
            List<ScheduledMaintenance> scheduledMaintenances) {}

    record PageStatus(Page page, Status status) {}

    record Components(Page page, List<Component> components) {}

    record Incidents(Page page, List<Incident> incidents) {}

    record ScheduledMaintenances(Page page, List<ScheduledMaintenance> scheduledMaintenances) {}
}
