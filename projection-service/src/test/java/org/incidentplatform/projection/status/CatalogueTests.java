package org.incidentplatform.projection.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.incidentplatform.events.ComponentStatus.degraded_performance;
import static org.incidentplatform.events.ComponentStatus.major_outage;
import static org.incidentplatform.events.ComponentStatus.operational;
import static org.incidentplatform.events.ComponentStatus.partial_outage;

import java.util.List;
import java.util.Map;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.projection.status.StatusSnapshot.AffectedComponent;
import org.incidentplatform.projection.status.StatusSnapshot.Component;
import org.incidentplatform.projection.status.StatusSnapshot.Group;
import org.incidentplatform.projection.status.StatusSnapshot.Incident;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.Test;

class CatalogueTests {

    private final StatusProjection projection = new StatusProjection();
    private final GivenEvents given = AppliedEvents.to(projection);

    @Test
    void components_comeInDisplayOrder_groupsAndLoneComponentsSharingTheTopLevel() {
        given.catalogue()
                .groupAdded("data", "Data", 3)
                .groupAdded("core", "Core", 1)
                .componentAdded("db", "Database", "data", 1)
                .componentAdded("api", "API", "core", 2)
                .componentAdded("web-app", "Web Application", "core", 1)
                .componentAdded("docs", "Documentation", null, 2)
                .componentAdded("blog", "Blog", null, 4);

        StatusSnapshot snapshot = projection.publish();

        assertThat(snapshot.components())
                .extracting(Component::id)
                .containsExactly("web-app", "api", "docs", "db", "blog");
        assertThat(snapshot.components())
                .extracting(Component::groupId)
                .containsExactly("core", "core", null, "data", null);
        assertThat(snapshot.groups())
                .extracting(Group::id, Group::componentIds)
                .containsExactly(tuple("core", List.of("web-app", "api")), tuple("data", List.of("db")));
        Component webApp = snapshot.component("web-app").orElseThrow();
        assertThat(webApp.name()).isEqualTo("Web Application");
        assertThat(webApp.description()).isEqualTo("The Web Application");
        assertThat(webApp.position()).isEqualTo(1);
    }

    @Test
    void hiddenComponent_isNeverShown_notInListsNorInIncidents() {
        given.standardCatalogue();
        given.catalogue().hiddenComponentAdded("smoke-test", "Smoke test");
        given.declared("inc-1", Impact.minor, Map.of("smoke-test", major_outage, "api", degraded_performance));

        StatusSnapshot snapshot = projection.publish();

        assertThat(snapshot.components()).extracting(Component::id).doesNotContain("smoke-test");
        assertThat(snapshot.component("smoke-test")).isEmpty();
        assertThat(snapshot.groups()).flatExtracting(Group::componentIds).doesNotContain("smoke-test");
        Incident incident = snapshot.incident("inc-1").orElseThrow();
        assertThat(incident.componentIds()).containsExactly("api");
        assertThat(incident.updates().get(0).affectedComponents())
                .extracting(AffectedComponent::componentId)
                .containsExactly("api");
    }

    @Test
    void rename_showsInTheListAndInPastIncidents() {
        given.standardCatalogue();
        given.declared("inc-1", Impact.minor, Map.of("api", degraded_performance));

        IncidentEvent renamed = given.catalogue().renamed("api", "Public API").event();
        given.catalogue().described("api", "REST and GraphQL");

        StatusSnapshot snapshot = projection.publish();
        Component api = snapshot.component("api").orElseThrow();
        assertThat(api.name()).isEqualTo("Public API");
        assertThat(api.description()).isEqualTo("REST and GraphQL");
        assertThat(api.updatedAt()).isAfter(renamed.getOccurredAt());
        assertThat(snapshot.incident("inc-1").orElseThrow().updates().get(0).affectedComponents())
                .extracting(AffectedComponent::name)
                .containsExactly("Public API");
    }

    @Test
    void moveToGroup_changesMembershipOrderAndGroupStatus() {
        given.standardCatalogue();
        given.catalogue().groupAdded("edge", "Edge", 0);
        given.declared("inc-1", Impact.major, Map.of("web-app", partial_outage));

        IncidentEvent moved =
                given.catalogue().movedToGroup("web-app", "edge", 5).event();

        StatusSnapshot snapshot = projection.publish();
        assertThat(snapshot.components()).extracting(Component::id).containsExactly("web-app", "api", "docs");
        assertThat(snapshot.groups())
                .extracting(Group::id, Group::status)
                .containsExactly(tuple("edge", partial_outage), tuple("core", operational));
        Component webApp = snapshot.component("web-app").orElseThrow();
        assertThat(webApp.groupId()).isEqualTo("edge");
        assertThat(webApp.position()).as("the first and only component of edge").isEqualTo(1);
        assertThat(webApp.updatedAt()).isEqualTo(moved.getOccurredAt());
    }

    @Test
    void removedComponent_leavesTheList_butPastIncidentsKeepItsName() {
        given.standardCatalogue();
        given.declared("inc-1", Impact.minor, Map.of("docs", degraded_performance))
                .resolved();

        given.catalogue().removed("docs");

        StatusSnapshot snapshot = projection.publish();
        assertThat(snapshot.components()).extracting(Component::id).containsExactly("web-app", "api");
        assertThat(snapshot.component("docs")).isEmpty();
        assertThat(snapshot.incident("inc-1").orElseThrow().updates().get(1).affectedComponents())
                .extracting(AffectedComponent::name)
                .containsExactly("Documentation");
    }

    @Test
    void removedGroup_ungroupsItsComponents_andRenamedGroupShowsNewName() {
        given.standardCatalogue();
        given.catalogue()
                .groupAdded("data", "Data", 3)
                .componentAdded("db", "Database", "data", 1)
                .groupRenamed("data", "Storage");
        assertThat(projection.publish().groups()).extracting(Group::name).containsExactly("Core", "Storage");

        given.catalogue().groupRemoved("core");

        StatusSnapshot snapshot = projection.publish();
        assertThat(snapshot.groups()).extracting(Group::id).containsExactly("data");
        assertThat(snapshot.component("api").orElseThrow().groupId()).isNull();
        assertThat(snapshot.components()).extracting(Component::id).containsExactly("web-app", "api", "docs", "db");
    }

    @Test
    void groupWithoutPublicComponents_isNotShown() {
        given.catalogue()
                .groupAdded("empty", "Empty", 1)
                .groupAdded("internal", "Internal", 2)
                .hiddenComponentAdded("probe", "Probe")
                .movedToGroup("probe", "internal", 1);

        assertThat(projection.publish().groups()).isEmpty();
    }
}
