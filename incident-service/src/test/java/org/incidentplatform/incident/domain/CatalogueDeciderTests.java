package org.incidentplatform.incident.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentplatform.incident.domain.Decisions.events;
import static org.incidentplatform.incident.domain.Decisions.rejection;
import static org.incidentplatform.incident.domain.Rejection.Kind.CONFLICT;
import static org.incidentplatform.incident.domain.Rejection.Kind.INVALID;
import static org.incidentplatform.incident.domain.Rejection.Kind.NOT_FOUND;

import java.time.Instant;
import java.util.List;
import org.incidentplatform.incident.domain.CatalogueCommand.AddComponent;
import org.incidentplatform.incident.domain.CatalogueCommand.AddGroup;
import org.incidentplatform.incident.domain.CatalogueCommand.DescribeComponent;
import org.incidentplatform.incident.domain.CatalogueCommand.MoveComponentToGroup;
import org.incidentplatform.incident.domain.CatalogueCommand.RemoveComponent;
import org.incidentplatform.incident.domain.CatalogueCommand.RemoveGroup;
import org.incidentplatform.incident.domain.CatalogueCommand.RenameComponent;
import org.incidentplatform.incident.domain.CatalogueCommand.RenameGroup;
import org.incidentplatform.incident.domain.CatalogueCommand.ReviseComponent;
import org.incidentplatform.incident.domain.CatalogueEvent.ComponentAdded;
import org.incidentplatform.incident.domain.CatalogueEvent.ComponentDescribed;
import org.incidentplatform.incident.domain.CatalogueEvent.ComponentGroupAdded;
import org.incidentplatform.incident.domain.CatalogueEvent.ComponentGroupRemoved;
import org.incidentplatform.incident.domain.CatalogueEvent.ComponentGroupRenamed;
import org.incidentplatform.incident.domain.CatalogueEvent.ComponentMovedToGroup;
import org.incidentplatform.incident.domain.CatalogueEvent.ComponentRemoved;
import org.incidentplatform.incident.domain.CatalogueEvent.ComponentRenamed;
import org.junit.jupiter.api.Test;

class CatalogueDeciderTests {

    private static final Instant T = Instant.parse("2026-03-01T09:00:00Z");

    private static final ComponentGroupAdded CORE = new ComponentGroupAdded("core", "Core", null, 0, T);
    private static final ComponentGroupAdded EDGE = new ComponentGroupAdded("edge", "Edge", null, 1, T);
    private static final ComponentAdded WEB_APP =
            new ComponentAdded("web-app", "Web Application", "The site", "core", 0, false, T);
    private static final ComponentAdded API = new ComponentAdded("api", "API", null, null, 0, false, T);

    private static Decision<CatalogueEvent> decide(CatalogueCommand command, CatalogueEvent... given) {
        return CatalogueDecider.decide(command, CatalogueDecider.replay(List.of(given)));
    }

    private static AddComponent add(String id) {
        return new AddComponent(id, "Name", null, null, 0, false, T);
    }

    @Test
    void theCataloguesStream_isKeyedAsTheTopicsDeclareIt() {
        assertThat(Catalogue.STREAM_ID).isEqualTo(org.incidentplatform.schemas.Topics.CATALOGUE_KEY);
    }

    @Test
    void addComponent_addsItToTheKnownComponents() {
        var command = new AddComponent("web-app", "Web Application", "The site", "core", 0, false, T);

        var events = events(decide(command, CORE));

        assertThat(events).containsExactly(WEB_APP);
        assertThat(CatalogueDecider.replay(List.of(CORE, events.get(0))).knownComponents())
                .containsExactly("web-app");
    }

    @Test
    void addComponent_isRejected_whenIdIsTaken() {
        rejection(decide(add("api"), API), CONFLICT);
    }

    @Test
    void addComponent_isRejected_forAMalformedId() {
        for (String id : new String[] {"Web-App", "-web", "", "web_app", "web app", "x".repeat(64)}) {
            rejection(decide(add(id)), INVALID, "componentId");
        }
        rejection(decide(add(null)), INVALID, "componentId");
        assertThat(events(decide(add("a" + "-".repeat(62))))).hasSize(1);
        assertThat(events(decide(add("9")))).hasSize(1);
    }

    @Test
    void addComponent_isRejected_whenGroupUnknown() {
        rejection(decide(new AddComponent("web-app", "Web", null, "core", 0, false, T)), INVALID, "groupId");
    }

    @Test
    void addComponent_isRejected_withoutNameOrWithNegativePosition() {
        rejection(decide(new AddComponent("web-app", " ", null, null, 0, false, T)), INVALID, "name");
        rejection(decide(new AddComponent("web-app", "Web", null, null, -1, false, T)), INVALID, "position");
    }

    @Test
    void commandsOnAComponent_areRejected_whenItIsUnknown() {
        for (CatalogueCommand command : List.of(
                new RenameComponent("cdn", "CDN", T),
                new DescribeComponent("cdn", "d", T),
                new MoveComponentToGroup("cdn", null, 0, T),
                new ReviseComponent("cdn", "CDN", null, null, null, T),
                new RemoveComponent("cdn", T))) {
            rejection(decide(command, API), NOT_FOUND);
        }
    }

    @Test
    void renameComponent_renamesIt_andIsANoOpForTheSameName() {
        assertThat(events(decide(new RenameComponent("api", "Public API", T), API)))
                .containsExactly(new ComponentRenamed("api", "Public API", T));
        assertThat(events(decide(new RenameComponent("api", "API", T), API))).isEmpty();
    }

    @Test
    void describeComponent_setsOrClearsTheDescription() {
        assertThat(events(decide(new DescribeComponent("api", "REST API", T), API)))
                .containsExactly(new ComponentDescribed("api", "REST API", T));
        assertThat(events(decide(new DescribeComponent("web-app", " ", T), CORE, WEB_APP)))
                .containsExactly(new ComponentDescribed("web-app", null, T));
        assertThat(events(decide(new DescribeComponent("api", null, T), API))).isEmpty();
    }

    @Test
    void moveComponent_intoAndOutOfAGroup() {
        assertThat(events(decide(new MoveComponentToGroup("api", "core", 2, T), CORE, API)))
                .containsExactly(new ComponentMovedToGroup("api", "core", 2, T));
        assertThat(events(decide(new MoveComponentToGroup("web-app", null, 0, T), CORE, WEB_APP)))
                .containsExactly(new ComponentMovedToGroup("web-app", null, 0, T));
        assertThat(events(decide(new MoveComponentToGroup("web-app", "core", 0, T), CORE, WEB_APP)))
                .isEmpty();
    }

    @Test
    void moveComponent_isRejected_whenGroupUnknown() {
        rejection(decide(new MoveComponentToGroup("api", "edge", 0, T), CORE, API), INVALID, "groupId");
    }

    @Test
    void reviseComponent_appendsOnlyWhatChanged() {
        CatalogueEvent[] given = {CORE, EDGE, WEB_APP};

        assertThat(events(
                        decide(new ReviseComponent("web-app", "Web Application", "The site", "core", null, T), given)))
                .isEmpty();
        assertThat(events(decide(new ReviseComponent("web-app", "Website", "The site", "core", 0, T), given)))
                .containsExactly(new ComponentRenamed("web-app", "Website", T));
        assertThat(events(decide(new ReviseComponent("web-app", "Website", null, "edge", null, T), given)))
                .containsExactly(
                        new ComponentRenamed("web-app", "Website", T),
                        new ComponentDescribed("web-app", null, T),
                        new ComponentMovedToGroup("web-app", "edge", 0, T));
        assertThat(events(decide(new ReviseComponent("web-app", "Web Application", "The site", "core", 3, T), given)))
                .containsExactly(new ComponentMovedToGroup("web-app", "core", 3, T));
    }

    @Test
    void reviseComponent_isRejected_whenGroupUnknownOrNameBlank() {
        rejection(decide(new ReviseComponent("api", "API", null, "nope", null, T), API), INVALID, "groupId");
        rejection(decide(new ReviseComponent("api", "", null, null, null, T), API), INVALID, "name");
    }

    @Test
    void removeComponent_forgetsIt_andItsIdMayBeAddedAgain() {
        var events = events(decide(new RemoveComponent("api", T), API));
        var catalogue = CatalogueDecider.replay(List.of(API, events.get(0)));

        assertThat(events).containsExactly(new ComponentRemoved("api", T));
        assertThat(catalogue.knownComponents()).isEmpty();
        assertThat(events(CatalogueDecider.decide(add("api"), catalogue))).hasSize(1);
    }

    @Test
    void addGroup_addsIt_andIsRejected_whenIdTakenOrMalformed() {
        assertThat(events(decide(new AddGroup("core", "Core", null, 0, T)))).containsExactly(CORE);
        rejection(decide(new AddGroup("core", "Core 2", null, 0, T), CORE), CONFLICT);
        rejection(decide(new AddGroup("Core", "Core", null, 0, T)), INVALID, "groupId");
    }

    @Test
    void renameGroup_renamesIt_andIsRejected_whenUnknown() {
        assertThat(events(decide(new RenameGroup("core", "Core services", T), CORE)))
                .containsExactly(new ComponentGroupRenamed("core", "Core services", T));
        assertThat(events(decide(new RenameGroup("core", "Core", T), CORE))).isEmpty();
        rejection(decide(new RenameGroup("edge", "Edge", T), CORE), NOT_FOUND);
    }

    @Test
    void removeGroup_ungroupsItsComponents() {
        var events = events(decide(new RemoveGroup("core", T), CORE, WEB_APP, API));
        var catalogue = CatalogueDecider.replay(List.of(CORE, WEB_APP, API, events.get(0)));

        assertThat(events).containsExactly(new ComponentGroupRemoved("core", T));
        assertThat(catalogue.groups()).isEmpty();
        assertThat(catalogue.components().get("web-app").groupId()).isNull();
        assertThat(catalogue.knownComponents()).containsExactlyInAnyOrder("web-app", "api");
        rejection(decide(new RemoveGroup("core", T), CORE, events.get(0)), NOT_FOUND);
    }

    @Test
    void evolve_buildsTheCatalogueAndCountsVersions() {
        var catalogue = CatalogueDecider.replay(List.of(
                CORE,
                WEB_APP,
                API,
                new ComponentRenamed("api", "Public API", T),
                new ComponentMovedToGroup("api", "core", 1, T)));

        assertThat(CatalogueDecider.initialState().version()).isZero();
        assertThat(catalogue.version()).isEqualTo(5);
        assertThat(catalogue.components().get("api"))
                .isEqualTo(new Catalogue.Component("api", "Public API", null, "core", 1, false));
    }

    @Test
    void command_isRejected_withoutOccurredAt() {
        rejection(decide(new AddComponent("api", "API", null, null, 0, false, null)), INVALID, "occurredAt");
    }
}
