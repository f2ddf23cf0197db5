package org.incidentplatform.incident.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.incidentplatform.incident.web.Http.acceptAll;
import static org.incidentplatform.incident.web.Http.json;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.incidentplatform.incident.command.CommandGateway;
import org.incidentplatform.incident.command.StreamReader;
import org.incidentplatform.service.web.BodySizeLimit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Requests that are wrong before any field is read: their problems, and that nothing reaches the gateway. */
@WebSlice
@Import(RequestProblemsTests.UnknownLength.class)
class RequestProblemsTests {

    static final String UPDATE = "/api/v1/incidents/p7myq8bbtjz7/updates";

    @Autowired
    MockMvc http;

    @MockitoBean
    CommandGateway gateway;

    @MockitoBean
    StreamReader streams;

    @Test
    void malformedJson_isRejectedWith400() throws Exception {
        http.perform(json(POST, UPDATE, WebSlice.RESPONDER, "{\"message\": \"unterminated}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").value(containsString("not valid JSON")))
                .andExpect(jsonPath("$.detail").value(not(containsString("tools.jackson"))));
        verifyNoInteractions(gateway);
    }

    @Test
    void aBodyThatIsNotAnObject_isRejectedWith400() throws Exception {
        http.perform(json(POST, UPDATE, WebSlice.RESPONDER, "[\"message\"]"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("the body must be a JSON object"));
        verifyNoInteractions(gateway);
    }

    @Test
    void aMissingBody_isRejectedWith400_withoutNamingTheHandler() throws Exception {
        http.perform(json(POST, UPDATE, WebSlice.RESPONDER, null).contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("a JSON body is required"));
        verifyNoInteractions(gateway);
    }

    @Test
    void aBodyOverTheLimit_isRejectedWith413_fromItsContentLength() throws Exception {
        http.perform(json(POST, UPDATE, WebSlice.RESPONDER, oversizedUpdate()))
                .andExpect(status().isContentTooLarge())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.detail").value(containsString(String.valueOf(WebSlice.MAX_BODY_BYTES))));
        verifyNoInteractions(gateway);
    }

    @Test
    void aBodyOverTheLimit_isRejectedWith413_whileStreamed_whenItsLengthIsNotGiven() throws Exception {
        http.perform(json(POST, UPDATE, WebSlice.RESPONDER, oversizedUpdate()).header(UnknownLength.HEADER, "yes"))
                .andExpect(status().isContentTooLarge())
                .andExpect(content().contentType("application/problem+json"));
        verifyNoInteractions(gateway);
    }

    @Test
    void aBodyJustUnderTheLimit_isRead_whenItsLengthIsNotGiven() throws Exception {
        acceptAll(gateway, 2);
        String message = "x".repeat(WebSlice.MAX_BODY_BYTES - "{\"message\": \"\"}".length());

        http.perform(json(POST, UPDATE, WebSlice.RESPONDER, "{\"message\": \"" + message + "\"}")
                        .header(UnknownLength.HEADER, "yes"))
                .andExpect(status().isCreated());
    }

    @Test
    void aBodyThatIsNotJson_isRejectedWith415() throws Exception {
        http.perform(json(POST, UPDATE, WebSlice.RESPONDER, null)
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("message=hello"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType("application/problem+json"));
        verifyNoInteractions(gateway);
    }

    @Test
    void anUnknownRoute_isNotFound_withOrWithoutAToken() throws Exception {
        for (String token : new String[] {null, WebSlice.ADMIN}) {
            http.perform(json(GET, "/api/v1/no-such-thing", token, null))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentType("application/problem+json"));
        }
    }

    @Test
    void aMethodARouteDoesNotTake_isNotAllowed() throws Exception {
        http.perform(json(PATCH, "/api/v1/incidents", WebSlice.ADMIN, "{}"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(header().string("Allow", containsString("POST")));
    }

    private static String oversizedUpdate() {
        return "{\"message\": \"" + "x".repeat(WebSlice.MAX_BODY_BYTES) + "\"}";
    }

    /** Hides a request's length when asked to, as a chunked body would, so the limit must be enforced while reading. */
    @TestConfiguration(proxyBeanMethods = false)
    static class UnknownLength {

        static final String HEADER = "X-Test-Unknown-Length";

        @Bean
        FilterRegistrationBean<Filter> unknownLength() {
            Filter filter = (request, response, chain) -> {
                HttpServletRequest http = (HttpServletRequest) request;
                chain.doFilter(
                        http.getHeader(HEADER) == null
                                ? request
                                : new HttpServletRequestWrapper(http) {
                                    @Override
                                    public int getContentLength() {
                                        return -1;
                                    }

                                    @Override
                                    public long getContentLengthLong() {
                                        return -1;
                                    }

                                    @Override
                                    public String getHeader(String name) {
                                        return "Content-Length".equalsIgnoreCase(name) ? null : super.getHeader(name);
                                    }
                                },
                        response);
            };
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
            registration.setOrder(BodySizeLimit.ORDER - 1);
            return registration;
        }
    }
}
