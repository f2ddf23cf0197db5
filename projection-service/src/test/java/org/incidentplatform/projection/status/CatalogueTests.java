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
import org.junit.jupiter.api.Test;

class CatalogueTests {

    private final EventLog log = new EventLog();

    @Test
    void components_comeInDisplayOrder_groupsAndLoneComponentsSharingTheTopLevel() {
        log.group("data", "Data", 3);
        log.group("core", "Core", 1);
        log.component("db", "Database", "data", 1);
        log.component("api", "API", "core", 2);
        log.component("web-app", "Web Application", "core", 1);
        log.component("docs", "Documentation", null, 2);
        log.component("blog", "Blog", null, 4);

        StatusSnapshot snapshot = log.snapshot();

        assertThat(snapshot.components()).extracting(Component::id)
                .containsExactly("web-app", "api", "docs", "db", "blog");
        assertThat(snapshot.components()).extracting(Component::groupId)
                .containsExactly("core", "core", null, "data", null);
        assertThat(snapshot.groups()).extracting(Group::id, Group::componentIds).containsExactly(
                tuple("core", List.of("web-app", "api")),
                tuple("data", List.of("db")));
        Component webApp = snapshot.component("web-app").orElseThrow();
        assertThat(webApp.name()).isEqualTo("Web Application");
        assertThat(webApp.description()).isEqualTo("The Web Application");
        assertThat(webApp.position()).isEqualTo(1);
    }

    @Test
    void hiddenComponent_isNeverShown_notInListsNorInIncidents() {
        log.standardCatalogue();
        log.hiddenComponent("smoke-test", "Smoke test");
        log.declare("inc-1", Impact.minor, Map.of("smoke-test", major_outage, "api", degraded_performance));

        StatusSnapshot snapshot = log.snapshot();

        assertThat(snapshot.components()).extracting(Component::id).doesNotContain("smoke-test");
        assertThat(snapshot.component("smoke-test")).isEmpty();
        assertThat(snapshot.groups()).flatExtracting(Group::componentIds).doesNotContain("smoke-test");
        Incident incident = snapshot.incident("inc-1").orElseThrow();
        assertThat(incident.componentIds()).containsExactly("api");
        assertThat(incident.updates().get(0).affectedComponents()).extracting(AffectedComponent::componentId)
                .containsExactly("api");
    }

    @Test
    void rename_showsInTheListAndInPastIncidents() {
        log.standardCatalogue();
        log.declare("inc-1", Impact.minor, Map.of("api", degraded_performance));

        IncidentEvent renamed = log.rename("api", "Public API");
        log.describe("api", "REST and GraphQL");

        StatusSnapshot snapshot = log.snapshot();
        Component api = snapshot.component("api").orElseThrow();
        assertThat(api.name()).isEqualTo("Public API");
        assertThat(api.description()).isEqualTo("REST and GraphQL");
        assertThat(api.updatedAt()).isAfter(renamed.getOccurredAt());
        assertThat(snapshot.incident("inc-1").orElseThrow().updates().get(0).affectedComponents())
                .extracting(AffectedComponent::name).containsExactly("Public API");
    }

    @Test
    void moveToGroup_changesMembershipOrderAndGroupStatus() {
        log.standardCatalogue();
        log.group("edge", "Edge", 0);
        log.declare("inc-1", Impact.major, Map.of("web-app", partial_outage));

        IncidentEvent moved = log.move("web-app", "edge", 5);

        StatusSnapshot snapshot = log.snapshot();
        assertThat(snapshot.components()).extracting(Component::id).containsExactly("web-app", "api", "docs");
        assertThat(snapshot.groups()).extracting(Group::id, Group::status).containsExactly(
                tuple("edge", partial_outage),
                tuple("core", operational));
        Component webApp = snapshot.component("web-app").orElseThrow();
        assertThat(webApp.groupId()).isEqualTo("edge");
        assertThat(webApp.position()).as("the first and only component of edge").isEqualTo(1);
        assertThat(webApp.updatedAt()).isEqualTo(moved.getOccurredAt());
    }

    @Test
    void removedComponent_leavesTheList_butPastIncidentsKeepItsName() {
        log.standardCatalogue();
        log.declare("inc-1", Impact.minor, Map.of("docs", degraded_performance));
        log.resolve("inc-1", Map.of());

        log.remove("docs");

        StatusSnapshot snapshot = log.snapshot();
        assertThat(snapshot.components()).extracting(Component::id).containsExactly("web-app", "api");
        assertThat(snapshot.component("docs")).isEmpty();
        assertThat(snapshot.incident("inc-1").orElseThrow().updates().get(1).affectedComponents())
                .extracting(AffectedComponent::name).containsExactly("Documentation");
    }

    @Test
    void removedGroup_ungroupsItsComponents_andRenamedGroupShowsNewName() {
        log.standardCatalogue();
        log.group("data", "Data", 3);
        log.component("db", "Database", "data", 1);
        log.renameGroup("data", "Storage");
        assertThat(log.snapshot().groups()).extracting(Group::name).containsExactly("Core", "Storage");

        log.removeGroup("core");

        StatusSnapshot snapshot = log.snapshot();
        assertThat(snapshot.groups()).extracting(Group::id).containsExactly("data");
        assertThat(snapshot.component("api").orElseThrow().groupId()).isNull();
        assertThat(snapshot.components()).extracting(Component::id).containsExactly("web-app", "api", "docs", "db");
    }

    @Test
    void groupWithoutPublicComponents_isNotShown() {
        log.group("empty", "Empty", 1);
        log.group("internal", "Internal", 2);
        log.hiddenComponent("probe", "Probe");
        log.move("probe", "internal", 1);

        assertThat(log.snapshot().groups()).isEmpty();
    }
}
