package org.incidentplatform.incident.web;

import static org.incidentplatform.incident.web.Http.json;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.incidentplatform.incident.command.CommandGateway;
import org.incidentplatform.incident.command.StreamReader;
import org.junit.jupiter.api.Test;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebSlice
@ImportAutoConfiguration({
    SpringDocConfiguration.class,
    SpringDocConfigProperties.class,
    SpringDocWebMvcConfiguration.class
})
class ApiDocumentationTests {

    @Autowired
    MockMvc http;

    @MockitoBean
    CommandGateway gateway;

    @MockitoBean
    StreamReader streams;

    @Test
    void apiDocs_arePublic_andDescribeEveryEndpoint_withItsProblems() throws Exception {
        http.perform(json(GET, "/v3/api-docs", null, null))
                .andExpect(status().isOk())
                .andExpect(
                        jsonPath("$.components.securitySchemes.bearer.scheme").value("bearer"))
                .andExpect(jsonPath("$.paths['/api/v1/components'].post.responses['201']")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/v1/components/{id}'].put").exists())
                .andExpect(jsonPath("$.paths['/api/v1/components/{id}'].delete").exists())
                .andExpect(jsonPath("$.paths['/api/v1/components/events'].get").exists())
                .andExpect(jsonPath("$.paths['/api/v1/component-groups'].post").exists())
                .andExpect(
                        jsonPath("$.paths['/api/v1/component-groups/{id}'].put").exists())
                .andExpect(jsonPath("$.paths['/api/v1/incidents'].post.responses['201']")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/v1/incidents'].post.responses['422']")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/v1/incidents'].post.parameters[?(@.name == 'Idempotency-Key')]")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/v1/incidents/{id}/updates'].post.responses['412']")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/v1/incidents/{id}/resolve'].post")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/v1/incidents/{id}/reopen'].post")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/v1/incidents/{id}/retract'].post")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/v1/incidents/{id}/postmortem'].post")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/v1/incidents/{id}/action-items'].post")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/v1/incidents/{id}/action-items/{itemId}/complete'].post")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/v1/incidents/{id}/events'].get.responses['404']")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/v1/maintenances'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/maintenances/{id}/start'].post")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/v1/maintenances/{id}/events'].get")
                        .exists());
    }
}
