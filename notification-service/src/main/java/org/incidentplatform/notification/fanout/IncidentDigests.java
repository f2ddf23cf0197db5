package org.incidentplatform.notification.fanout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.incidentplatform.events.IncidentDeclared;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentReopened;
import org.incidentplatform.events.IncidentResolved;
import org.incidentplatform.events.IncidentRetracted;
import org.incidentplatform.events.IncidentUpdatePosted;
import org.incidentplatform.events.MaintenanceCancelled;
import org.incidentplatform.events.MaintenanceCompleted;
import org.incidentplatform.events.MaintenanceScheduled;
import org.incidentplatform.events.MaintenanceStarted;
import org.incidentplatform.events.MaintenanceUpdatePosted;
import org.incidentplatform.events.MaintenanceVerifying;
import org.incidentplatform.events.PostmortemPublished;
import org.incidentplatform.notification.audience.Audience;
import org.incidentplatform.notification.events.ComponentChange;
import org.incidentplatform.notification.events.Notice;
import org.incidentplatform.notification.events.NoticeType;
import org.incidentplatform.notification.events.NoticeUpdate;

/**
 * Folds incident-events into {@link IncidentDigest}s and says which events are worth a notice:
 * declared, update posted, resolved, reopened, retracted, postmortem published, maintenance
 * scheduled, started, completed and cancelled. Action items, maintenance updates and verification
 * change the digest silently; catalogue events are not about an incident at all.
 */
final class IncidentDigests {

    /** A notice carries this many of the most recent updates: a long incident's notice stays small. */
    static final int MAX_UPDATES = 25;

    private static final String OPERATIONAL = "operational";

    private IncidentDigests() {}

    /**
     * @param digest the digest after the event; null when the event is not about an incident or maintenance
     * @param type   the notice the event deserves, or null for none
     */
    record Step(
            IncidentDigest digest,
            NoticeType type,
            String message,
            List<ComponentChange> changes,
            String postmortemBody) {

        Step(IncidentDigest digest, NoticeType type, String message, List<ComponentChange> changes) {
            this(digest, type, message, changes, null);
        }

        /** What this notice concerns. */
        Audience.Reach reach() {
            return Audience.Reach.of(
                    digest.maintenance(), digest.impact(), digest.components().keySet());
        }

        /** Retractions and cancellations only concern those who heard of the thing in the first place. */
        boolean onlyForThoseTold() {
            return Audience.onlyForThoseTold(type.name());
        }

        Notice notice(long sequence, Instant occurredAt) {
            List<NoticeUpdate> updates = digest.updates().stream()
                    .map(update -> new NoticeUpdate(update.id(), update.status(), update.body(), update.at()))
                    .toList();
            return Notice.newBuilder()
                    .setType(type)
                    .setIncidentId(digest.incidentId())
                    .setSequence(sequence)
                    .setMaintenance(digest.maintenance())
                    .setBackfilled(digest.backfilled())
                    .setTitle(digest.title())
                    .setStatus(digest.status())
                    .setImpact(digest.impact())
                    .setMessage(message)
                    .setComponents(new TreeMap<>(digest.components()))
                    .setChangedComponents(changes)
                    .setUpdates(updates)
                    .setCreatedAt(digest.createdAt())
                    .setOccurredAt(occurredAt)
                    .setResolvedAt(digest.resolvedAt())
                    .setScheduledFor(digest.scheduledFor())
                    .setScheduledUntil(digest.scheduledUntil())
                    .setPostmortemBody(postmortemBody)
                    .setPostmortemPublishedAt(postmortemBody == null ? null : occurredAt)
                    .build();
        }
    }

    static Step apply(IncidentDigest digest, IncidentEvent event) {
        Object payload = event.getPayload();
        String eventId = event.getEventId().toString();
        Instant at = event.getOccurredAt();
        long sequence = event.getSequence();
        if (payload instanceof IncidentDeclared declared) {
            Map<String, String> components = names(declared.getComponents());
            IncidentDigest declaredDigest = new IncidentDigest(
                    event.getIncidentId(),
                    false,
                    declared.getBackfilled(),
                    declared.getTitle(),
                    declared.getStatus().name(),
                    declared.getImpact().name(),
                    components,
                    List.of(new IncidentDigest.Update(
                            eventId, declared.getStatus().name(), declared.getMessage(), at)),
                    at,
                    declared.getStatus().name().equals("resolved") ? at : null,
                    null,
                    null,
                    sequence,
                    List.of());
            // An incident written up after the fact is history, not news: nobody is woken for it.
            NoticeType type = declared.getBackfilled() ? null : NoticeType.incident_declared;
            return new Step(declaredDigest, type, declared.getMessage(), changes(Map.of(), components));
        }
        if (payload instanceof MaintenanceScheduled scheduled) {
            Map<String, String> components = names(scheduled.getComponents());
            IncidentDigest scheduledDigest = new IncidentDigest(
                    event.getIncidentId(),
                    true,
                    false,
                    scheduled.getTitle(),
                    "scheduled",
                    "maintenance",
                    components,
                    List.of(new IncidentDigest.Update(eventId, "scheduled", scheduled.getMessage(), at)),
                    at,
                    null,
                    scheduled.getScheduledFor(),
                    scheduled.getScheduledUntil(),
                    sequence,
                    List.of());
            return new Step(scheduledDigest, NoticeType.maintenance_scheduled, scheduled.getMessage(), List.of());
        }
        if (digest == null) {
            return new Step(null, null, null, List.of());
        }
        if (payload instanceof IncidentUpdatePosted update) {
            String status = update.getStatus() == null
                    ? digest.status()
                    : update.getStatus().name();
            String impact = update.getImpact() == null
                    ? digest.impact()
                    : update.getImpact().name();
            return changed(
                    digest,
                    eventId,
                    at,
                    sequence,
                    status,
                    impact,
                    names(update.getComponents()),
                    false,
                    NoticeType.incident_updated,
                    update.getMessage(),
                    digest.resolvedAt());
        }
        if (payload instanceof IncidentResolved resolved) {
            Map<String, String> after = new LinkedHashMap<>();
            digest.components().keySet().forEach(id -> after.put(id, OPERATIONAL));
            after.putAll(names(resolved.getComponents()));
            return changed(
                    digest,
                    eventId,
                    at,
                    sequence,
                    "resolved",
                    digest.impact(),
                    after,
                    false,
                    NoticeType.incident_resolved,
                    resolved.getMessage(),
                    at);
        }
        if (payload instanceof IncidentReopened reopened) {
            return changed(
                    digest,
                    eventId,
                    at,
                    sequence,
                    reopened.getStatus().name(),
                    digest.impact(),
                    names(reopened.getComponents()),
                    false,
                    NoticeType.incident_reopened,
                    reopened.getMessage(),
                    null);
        }
        if (payload instanceof IncidentRetracted retracted) {
            return changed(
                    digest,
                    eventId,
                    at,
                    sequence,
                    digest.status(),
                    digest.impact(),
                    Map.of(),
                    false,
                    NoticeType.incident_retracted,
                    retracted.getReason(),
                    digest.resolvedAt());
        }
        if (payload instanceof PostmortemPublished postmortem) {
            Step step = changed(
                    digest,
                    eventId,
                    at,
                    sequence,
                    "postmortem",
                    digest.impact(),
                    Map.of(),
                    false,
                    NoticeType.postmortem_published,
                    postmortem.getRootCause(),
                    digest.resolvedAt());
            return new Step(step.digest(), step.type(), step.message(), step.changes(), postmortem.getBody());
        }
        if (payload instanceof MaintenanceStarted started) {
            return changed(
                    digest,
                    eventId,
                    at,
                    sequence,
                    "in_progress",
                    digest.impact(),
                    digest.components(),
                    true,
                    NoticeType.maintenance_started,
                    started.getMessage(),
                    null);
        }
        if (payload instanceof MaintenanceCompleted completed) {
            Map<String, String> after = new LinkedHashMap<>();
            digest.components().keySet().forEach(id -> after.put(id, OPERATIONAL));
            return changed(
                    digest,
                    eventId,
                    at,
                    sequence,
                    "completed",
                    digest.impact(),
                    after,
                    false,
                    NoticeType.maintenance_completed,
                    completed.getMessage(),
                    at);
        }
        if (payload instanceof MaintenanceCancelled cancelled) {
            return changed(
                    digest,
                    eventId,
                    at,
                    sequence,
                    "cancelled",
                    digest.impact(),
                    Map.of(),
                    false,
                    NoticeType.maintenance_cancelled,
                    cancelled.getMessage(),
                    digest.resolvedAt());
        }
        if (payload instanceof MaintenanceUpdatePosted update) {
            return changed(
                    digest,
                    eventId,
                    at,
                    sequence,
                    digest.status(),
                    digest.impact(),
                    Map.of(),
                    false,
                    null,
                    update.getMessage(),
                    digest.resolvedAt());
        }
        if (payload instanceof MaintenanceVerifying verifying) {
            return changed(
                    digest,
                    eventId,
                    at,
                    sequence,
                    "verifying",
                    digest.impact(),
                    Map.of(),
                    false,
                    null,
                    verifying.getMessage(),
                    digest.resolvedAt());
        }
        // Action items: the digest only moves its sequence on.
        return new Step(digest.withSequence(sequence), null, null, List.of());
    }

    private static Step changed(
            IncidentDigest digest,
            String eventId,
            Instant at,
            long sequence,
            String status,
            String impact,
            Map<String, String> componentChanges,
            boolean fromOperational,
            NoticeType type,
            String message,
            Instant resolvedAt) {
        Map<String, String> before = fromOperational ? Map.of() : digest.components();
        Map<String, String> components = new LinkedHashMap<>(digest.components());
        components.putAll(componentChanges);
        List<IncidentDigest.Update> updates = new ArrayList<>();
        if (message != null) {
            updates.add(new IncidentDigest.Update(eventId, status, message, at));
        }
        updates.addAll(digest.updates());
        if (updates.size() > MAX_UPDATES) {
            updates = updates.subList(0, MAX_UPDATES);
        }
        IncidentDigest next = new IncidentDigest(
                digest.incidentId(),
                digest.maintenance(),
                digest.backfilled(),
                digest.title(),
                status,
                impact,
                components,
                updates,
                digest.createdAt(),
                resolvedAt,
                digest.scheduledFor(),
                digest.scheduledUntil(),
                sequence,
                digest.reach());
        return new Step(next, type, message, changes(before, componentChanges));
    }

    private static Map<String, String> names(Map<String, ? extends Enum<?>> statuses) {
        Map<String, String> names = new TreeMap<>();
        statuses.forEach((id, status) -> names.put(id, status.name()));
        return names;
    }

    private static List<ComponentChange> changes(Map<String, String> before, Map<String, String> after) {
        List<ComponentChange> changes = new ArrayList<>();
        new TreeMap<>(after).forEach((id, status) -> {
            String old = before.getOrDefault(id, OPERATIONAL);
            if (!old.equals(status)) {
                changes.add(new ComponentChange(id, old, status));
            }
        });
        return changes;
    }
}
