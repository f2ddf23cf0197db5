package org.incidentplatform.incident.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentplatform.incident.web.Http.acceptAll;
import static org.incidentplatform.incident.web.Http.answer;
import static org.incidentplatform.incident.web.Http.json;
import static org.incidentplatform.incident.web.Http.submitted;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.incidentplatform.incident.command.CommandGateway;
import org.incidentplatform.incident.command.CommandOutcome;
import org.incidentplatform.incident.command.CommandRequest;
import org.incidentplatform.incident.command.StreamKind;
import org.incidentplatform.incident.command.StreamReader;
import org.incidentplatform.incident.domain.Catalogue;
import org.incidentplatform.incident.domain.CatalogueCommand;
import org.incidentplatform.incident.domain.CatalogueCommand.AddComponent;
import org.incidentplatform.incident.domain.CatalogueCommand.AddGroup;
import org.incidentplatform.incident.domain.CatalogueCommand.RemoveComponent;
import org.incidentplatform.incident.domain.CatalogueCommand.RemoveGroup;
import org.incidentplatform.incident.domain.CatalogueCommand.RenameGroup;
import org.incidentplatform.incident.domain.CatalogueCommand.ReviseComponent;
import org.incidentplatform.incident.domain.Rejection;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebSlice
class CatalogueEndpointsTests {

    @Autowired
    MockMvc http;

    @MockitoBean
    CommandGateway gateway;

    @MockitoBean
    StreamReader streams;

    @Test
    void addComponent_appendsToTheCatalogueStream_andAnswersWhereItIs() throws Exception {
        acceptAll(gateway, 3);

        http.perform(json(POST, "/api/v1/components", WebSlice.ADMIN, """
                        {"id": "web-app", "name": "Web Application", "group": "core", "description": "The site",
                         "position": 2, "hidden": true}"""))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/components/web-app"))
                .andExpect(header().string("ETag", "\"3\""))
                .andExpect(jsonPath("$.id").value("web-app"))
                .andExpect(jsonPath("$.version").value(3));

        CommandRequest request = submitted(gateway);
        assertThat(request.command()).isInstanceOf(CatalogueCommand.class);
        assertThat(request.streamId()).isEqualTo(Catalogue.STREAM_ID);
        assertThat(request.actor()).isEqualTo("ops-admin");
        assertThat(request.command())
                .isEqualTo(new AddComponent(
                        "web-app", "Web Application", "The site", "core", 2, true, WebSlice.STAMPED_ON_DECISION));
    }

    @Test
    void addComponent_isVisibleAndFirst_andUngrouped_unlessTheBodySaysOtherwise() throws Exception {
        acceptAll(gateway, 1);

        http.perform(json(POST, "/api/v1/components", WebSlice.ADMIN, "{\"id\": \"api\", \"name\": \"API\"}"))
                .andExpect(status().isCreated());

        assertThat(submitted(gateway).command())
                .isEqualTo(new AddComponent("api", "API", null, null, 0, false, WebSlice.STAMPED_ON_DECISION));
    }

    @Test
    void addComponent_isRejectedWith422_whenIdIsNotKebabCase() throws Exception {
        http.perform(json(POST, "/api/v1/components", WebSlice.ADMIN, "{\"id\": \"Web App\", \"name\": \"Web\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.field").value("id"));
        verifyNoInteractions(gateway);
    }

    @Test
    void addComponent_isRejectedWith422_whenNameMissing() throws Exception {
        http.perform(json(POST, "/api/v1/components", WebSlice.ADMIN, "{\"id\": \"web-app\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.field").value("name"));
        verifyNoInteractions(gateway);
    }

    @Test
    void addComponent_namesTheRequestField_whenTheDeciderRefusesTheGroup() throws Exception {
        answer(gateway, new CommandOutcome.Rejected(Rejection.invalid("groupId", "unknown group 'core'")));

        http.perform(json(
                        POST,
                        "/api/v1/components",
                        WebSlice.ADMIN,
                        "{\"id\": \"web-app\", \"name\": \"Web\", \"group\": \"core\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.field").value("group"))
                .andExpect(jsonPath("$.detail").value("unknown group 'core'"));
    }

    @Test
    void addComponent_isAConflict_whenTheIdIsTaken() throws Exception {
        answer(gateway, new CommandOutcome.Rejected(Rejection.conflict("component 'web-app' already exists")));

        http.perform(json(POST, "/api/v1/components", WebSlice.ADMIN, "{\"id\": \"web-app\", \"name\": \"Web\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("component 'web-app' already exists"));
    }

    @Test
    void reviseComponent_sendsTheWholeEditableState_absentFieldsAsNull() throws Exception {
        acceptAll(gateway, 4);

        http.perform(json(PUT, "/api/v1/components/web-app", WebSlice.ADMIN, "{\"name\": \"Website\"}"))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"4\""))
                .andExpect(jsonPath("$.id").value("web-app"))
                .andExpect(jsonPath("$.version").value(4));

        assertThat(submitted(gateway).command())
                .isEqualTo(new ReviseComponent("web-app", "Website", null, null, null, WebSlice.STAMPED_ON_DECISION));
    }

    @Test
    void reviseComponent_isNotFound_whenTheDeciderKnowsNoSuchComponent() throws Exception {
        answer(gateway, new CommandOutcome.Rejected(Rejection.notFound("component 'web-app' not found")));

        http.perform(json(PUT, "/api/v1/components/web-app", WebSlice.ADMIN, "{\"name\": \"Website\"}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("component 'web-app' not found"));
    }

    @Test
    void removeComponent_appendsTheRemoval() throws Exception {
        acceptAll(gateway, 5);

        http.perform(json(DELETE, "/api/v1/components/web-app", WebSlice.ADMIN, null))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(5));

        assertThat(submitted(gateway).command())
                .isEqualTo(new RemoveComponent("web-app", WebSlice.STAMPED_ON_DECISION));
    }

    @Test
    void groups_areAddedRenamedAndRemoved_onTheCatalogueStream() throws Exception {
        acceptAll(gateway, 6);

        http.perform(json(
                        POST,
                        "/api/v1/component-groups",
                        WebSlice.ADMIN,
                        "{\"id\": \"core\", \"name\": \"Core\", \"description\": \"What users see\", \"position\": 1}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/component-groups/core"));
        assertThat(submitted(gateway).command())
                .isEqualTo(new AddGroup("core", "Core", "What users see", 1, WebSlice.STAMPED_ON_DECISION));

        http.perform(json(PUT, "/api/v1/component-groups/core", WebSlice.ADMIN, "{\"name\": \"Core services\"}"))
                .andExpect(status().isOk());
        assertThat(submitted(gateway).command())
                .isEqualTo(new RenameGroup("core", "Core services", WebSlice.STAMPED_ON_DECISION));

        http.perform(json(DELETE, "/api/v1/component-groups/core", WebSlice.ADMIN, null))
                .andExpect(status().isOk());
        CommandRequest removal = submitted(gateway);
        assertThat(removal.command()).isEqualTo(new RemoveGroup("core", WebSlice.STAMPED_ON_DECISION));
        assertThat(removal.streamId()).isEqualTo(Catalogue.STREAM_ID);
    }

    @Test
    void addGroup_namesTheRequestField_whenTheDeciderRefusesTheId() throws Exception {
        answer(gateway, new CommandOutcome.Rejected(Rejection.invalid("groupId", "bad id")));

        http.perform(json(POST, "/api/v1/component-groups", WebSlice.ADMIN, "{\"id\": \"core\", \"name\": \"Core\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.field").value("id"));
    }

    @Test
    void events_ofAnEmptyCatalogue_areAnEmptyList() throws Exception {
        when(streams.read(eq(StreamKind.CATALOGUE), eq(Catalogue.STREAM_ID), anyLong(), anyInt()))
                .thenReturn(new StreamReader.NotFound());

        http.perform(json(GET, "/api/v1/components/events", WebSlice.ADMIN, null))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"0\""))
                .andExpect(jsonPath("$.length()").value(0));
    }
}
