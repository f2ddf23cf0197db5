package org.incidentplatform.projection.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.projection.status.StatusSnapshot.AffectedComponent;
import org.incidentplatform.projection.status.StatusSnapshot.Update;

/**
 * A public update as the log states it, before the catalogue names its components: names and
 * visibility are looked up when its view is built, so a renamed component reads right everywhere.
 * Kept compact, as there is one per event: the event id as its two halves, the time in epoch
 * milliseconds (the precision of the log's timestamps), component ids interned.
 */
record UpdateFact<S extends Enum<S>>(
        long idHigh, long idLow, S status, String body, long createdAt, List<Change> changes, long version) {

    record Change(String componentId, ComponentStatus oldStatus, ComponentStatus newStatus) {}

    static <S extends Enum<S>> UpdateFact<S> of(IncidentEvent event, S status, String body, List<Change> changes) {
        UUID id = event.getEventId();
        return new UpdateFact<>(
                id.getMostSignificantBits(),
                id.getLeastSignificantBits(),
                status,
                body,
                event.getOccurredAt().toEpochMilli(),
                List.copyOf(changes),
                event.getSequence());
    }

    Update<S> view(CatalogueNames names) {
        List<AffectedComponent> affected = new ArrayList<>(changes.size());
        for (Change change : changes) {
            if (!names.isHidden(change.componentId())) {
                affected.add(new AffectedComponent(
                        change.componentId(),
                        names.nameOf(change.componentId()),
                        change.oldStatus(),
                        change.newStatus()));
            }
        }
        return new Update<>(
                new UUID(idHigh, idLow).toString(), status, body, Instant.ofEpochMilli(createdAt), affected, version);
    }

    static List<String> publicIds(Iterable<String> componentIds, CatalogueNames names) {
        List<String> ids = new ArrayList<>();
        for (String id : componentIds) {
            if (!names.isHidden(id)) {
                ids.add(id);
            }
        }
        return ids;
    }
}
