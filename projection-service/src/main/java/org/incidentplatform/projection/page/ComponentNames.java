package org.incidentplatform.projection.page;

import java.util.List;
import java.util.Optional;
import org.incidentplatform.projection.status.StatusSnapshot;
import org.incidentplatform.projection.status.StatusSnapshot.Component;

/** Names of the public components an incident or maintenance touches, for "Affects …" lines. */
public final class ComponentNames {

    private final StatusSnapshot snapshot;

    ComponentNames(StatusSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** Comma-separated, in the order given; hidden and removed components are left out. */
    public String of(List<String> componentIds) {
        return String.join(
                ", ",
                componentIds.stream()
                        .map(snapshot::component)
                        .flatMap(Optional::stream)
                        .map(Component::name)
                        .toList());
    }
}
