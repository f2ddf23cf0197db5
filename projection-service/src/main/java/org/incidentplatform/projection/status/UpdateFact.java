package org.incidentplatform.projection.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.projection.status.StatusSnapshot.AffectedComponent;
import org.incidentplatform.projection.status.StatusSnapshot.Update;

/**
 * A public update as the log states it, before the catalogue names its components: names and
 * visibility are looked up when a snapshot is built, so a renamed component reads right everywhere.
 */
record UpdateFact<S extends Enum<S>>(String id, S status, String body, Instant createdAt, List<Change> changes,
                                     long version) {

    record Change(String componentId, ComponentStatus oldStatus, ComponentStatus newStatus) {
    }

    Update<S> view(Catalogue catalogue) {
        List<AffectedComponent> affected = new ArrayList<>(changes.size());
        for (Change change : changes) {
            if (!catalogue.isHidden(change.componentId())) {
                affected.add(new AffectedComponent(change.componentId(), catalogue.nameOf(change.componentId()),
                        change.oldStatus(), change.newStatus()));
            }
        }
        return new Update<>(id, status, body, createdAt, affected, version);
    }

    static <S extends Enum<S>> List<Update<S>> newestFirst(List<UpdateFact<S>> facts, Catalogue catalogue) {
        List<Update<S>> updates = new ArrayList<>(facts.size());
        for (int i = facts.size() - 1; i >= 0; i--) {
            updates.add(facts.get(i).view(catalogue));
        }
        return updates;
    }

    static List<String> publicIds(Iterable<String> componentIds, Catalogue catalogue) {
        List<String> ids = new ArrayList<>();
        for (String id : componentIds) {
            if (!catalogue.isHidden(id)) {
                ids.add(id);
            }
        }
        return ids;
    }
}
