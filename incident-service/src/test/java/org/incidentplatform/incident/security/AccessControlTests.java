package org.incidentplatform.incident.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.incidentplatform.incident.web.Http.acceptAll;
import static org.incidentplatform.incident.web.Http.json;
import static org.incidentplatform.incident.web.Http.submitted;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.incidentplatform.incident.command.CommandGateway;
import org.incidentplatform.incident.command.StreamReader;
import org.incidentplatform.incident.web.WebSlice;
import org.incidentplatform.service.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may call what: every API endpoint against every caller, from one table. An endpoint the
 * application maps without a row here fails {@link #everyMappedEndpoint_hasARowInTheMatrix}.
 */
@WebSlice
@Import(AccessControlTests.Undeclared.class)
public class AccessControlTests {

    /** The lowest role each endpoint needs; the roles above it include it. */
    public record Endpoint(HttpMethod method, String pattern, String path, String body, Role needs) {

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    static final String NOTE = "{\"message\": \"x\"}";

    /** Every API endpoint and the lowest role it needs; IncidentServiceTests checks the running service maps no other. */
    public static final List<Endpoint> MATRIX = List.of(
            new Endpoint(
                    POST,
                    "/api/v1/components",
                    "/api/v1/components",
                    "{\"id\": \"web\", \"name\": \"Web\"}",
                    Role.ADMIN),
            new Endpoint(PUT, "/api/v1/components/{id}", "/api/v1/components/web", "{\"name\": \"Web\"}", Role.ADMIN),
            new Endpoint(DELETE, "/api/v1/components/{id}", "/api/v1/components/web", null, Role.ADMIN),
            new Endpoint(GET, "/api/v1/components/events", "/api/v1/components/events", null, Role.ADMIN),
            new Endpoint(
                    POST,
                    "/api/v1/component-groups",
                    "/api/v1/component-groups",
                    "{\"id\": \"core\", \"name\": \"Core\"}",
                    Role.ADMIN),
            new Endpoint(
                    PUT,
                    "/api/v1/component-groups/{id}",
                    "/api/v1/component-groups/core",
                    "{\"name\": \"Core\"}",
                    Role.ADMIN),
            new Endpoint(DELETE, "/api/v1/component-groups/{id}", "/api/v1/component-groups/core", null, Role.ADMIN),
            new Endpoint(POST, "/api/v1/incidents", "/api/v1/incidents", """
                    {"title": "t", "impact": "minor", "status": "investigating", "message": "m", "components": {}}""", Role.REPORTER),
            new Endpoint(POST, "/api/v1/incidents/{id}/updates", "/api/v1/incidents/abc/updates", NOTE, Role.REPORTER),
            new Endpoint(POST, "/api/v1/incidents/{id}/resolve", "/api/v1/incidents/abc/resolve", NOTE, Role.RESPONDER),
            new Endpoint(POST, "/api/v1/incidents/{id}/reopen", "/api/v1/incidents/abc/reopen", NOTE, Role.RESPONDER),
            new Endpoint(
                    POST,
                    "/api/v1/incidents/{id}/retract",
                    "/api/v1/incidents/abc/retract",
                    "{\"reason\": \"r\"}",
                    Role.RESPONDER),
            new Endpoint(
                    POST,
                    "/api/v1/incidents/{id}/postmortem",
                    "/api/v1/incidents/abc/postmortem",
                    "{\"body\": \"b\", \"rootCause\": \"c\"}",
                    Role.RESPONDER),
            new Endpoint(
                    POST,
                    "/api/v1/incidents/{id}/action-items",
                    "/api/v1/incidents/abc/action-items",
                    "{\"title\": \"t\"}",
                    Role.RESPONDER),
            new Endpoint(
                    POST,
                    "/api/v1/incidents/{id}/action-items/{itemId}/complete",
                    "/api/v1/incidents/abc/action-items/a1/complete",
                    null,
                    Role.RESPONDER),
            new Endpoint(GET, "/api/v1/incidents/{id}/events", "/api/v1/incidents/abc/events", null, Role.RESPONDER),
            new Endpoint(POST, "/api/v1/maintenances", "/api/v1/maintenances", """
                    {"title": "t", "message": "m", "components": {}, "scheduledFor": "2024-03-12T22:00:00Z",
                     "scheduledUntil": "2024-03-12T23:00:00Z"}""", Role.RESPONDER),
            new Endpoint(
                    POST,
                    "/api/v1/maintenances/{id}/updates",
                    "/api/v1/maintenances/abc/updates",
                    NOTE,
                    Role.RESPONDER),
            new Endpoint(
                    POST, "/api/v1/maintenances/{id}/start", "/api/v1/maintenances/abc/start", NOTE, Role.RESPONDER),
            new Endpoint(
                    POST, "/api/v1/maintenances/{id}/verify", "/api/v1/maintenances/abc/verify", NOTE, Role.RESPONDER),
            new Endpoint(
                    POST,
                    "/api/v1/maintenances/{id}/complete",
                    "/api/v1/maintenances/abc/complete",
                    NOTE,
                    Role.RESPONDER),
            new Endpoint(
                    POST, "/api/v1/maintenances/{id}/cancel", "/api/v1/maintenances/abc/cancel", NOTE, Role.RESPONDER),
            new Endpoint(
                    GET, "/api/v1/maintenances/{id}/events", "/api/v1/maintenances/abc/events", null, Role.RESPONDER));

    @Autowired
    MockMvc http;

    @Autowired
    RequestMappingHandlerMapping handlers;

    @MockitoBean
    CommandGateway gateway;

    @MockitoBean
    StreamReader streams;

    @BeforeEach
    void everythingSucceedsOnceAllowed() {
        acceptAll(gateway, 1);
        when(streams.read(any(), any(), anyLong(), anyInt())).thenReturn(new StreamReader.Page(List.of(), false));
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : MATRIX) {
            for (Role caller : Role.values()) {
                cases.add(Arguments.of(endpoint, caller));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void eachRole_reachesWhatItNeeds_andIsRefusedTheRest(Endpoint endpoint, Role caller) throws Exception {
        boolean allowed = caller.compareTo(endpoint.needs()) >= 0;
        var result = http.perform(json(endpoint.method(), endpoint.path(), token(caller), endpoint.body()));

        if (allowed) {
            result.andExpect(status().is(endpoint.method() == POST ? 201 : 200));
            if (endpoint.method() != GET) {
                assertThat(submitted(gateway).actor()).isEqualTo(principal(caller));
            }
        } else {
            result.andExpect(status().isForbidden())
                    .andExpect(content().contentType("application/problem+json"))
                    .andExpect(header().string("WWW-Authenticate", containsString("insufficient_scope")));
            verifyNoInteractions(gateway);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void everyEndpoint_needsAToken(Endpoint endpoint) throws Exception {
        http.perform(json(endpoint.method(), endpoint.path(), null, endpoint.body()))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", startsWith("Bearer")))
                .andExpect(content().contentType("application/problem+json"));
        verifyNoInteractions(gateway, streams);
    }

    static Stream<Endpoint> endpoints() {
        return MATRIX.stream();
    }

    @Test
    void aTokenNotConfigured_isRefusedWith401_sayingTheTokenIsInvalid() throws Exception {
        for (String token : new String[] {
            "not-a-token", WebSlice.ADMIN.substring(1), WebSlice.ADMIN + "0", WebSlice.ADMIN.toUpperCase()
        }) {
            http.perform(json(POST, "/api/v1/incidents/abc/updates", token, NOTE))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().string("WWW-Authenticate", containsString("invalid_token")))
                    .andExpect(content().contentType("application/problem+json"));
        }
        verifyNoInteractions(gateway);
    }

    @Test
    void aMappedEndpointWithoutARule_isDenied_evenToAnAdmin() throws Exception {
        http.perform(json(GET, Undeclared.PATH, null, null)).andExpect(status().isUnauthorized());
        http.perform(json(GET, Undeclared.PATH, WebSlice.ADMIN, null))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType("application/problem+json"));
    }

    @Test
    void everyMappedEndpoint_hasARowInTheMatrix() {
        Set<String> mapped = new TreeSet<>();
        for (RequestMappingInfo info : handlers.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api/")) {
                    info.getMethodsCondition().getMethods().forEach(verb -> mapped.add(verb + " " + pattern));
                }
            }
        }
        Set<String> declared =
                new TreeSet<>(MATRIX.stream().map(Endpoint::toString).toList());
        declared.add("GET " + Undeclared.PATH);

        assertThat(mapped).isEqualTo(declared);
    }

    private static String token(Role role) {
        return switch (role) {
            case REPORTER -> WebSlice.REPORTER;
            case RESPONDER -> WebSlice.RESPONDER;
            case ADMIN -> WebSlice.ADMIN;
        };
    }

    private static String principal(Role role) {
        return switch (role) {
            case REPORTER -> "synthetic-monitor";
            case RESPONDER -> "alice-oncall";
            case ADMIN -> "ops-admin";
        };
    }

    /** An endpoint someone added without declaring who may call it. */
    @RestController
    static class Undeclared {

        static final String PATH = "/api/v1/forgotten";

        @GetMapping(PATH)
        String forgotten() {
            return "should never be served";
        }
    }
}
