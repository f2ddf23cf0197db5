package org.incidentplatform.incident.web;

import static org.incidentplatform.incident.web.Http.json;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;
import org.incidentplatform.incident.command.CommandGateway;
import org.incidentplatform.incident.command.StreamReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Times are bounded where they enter: what happened lies between 1970 and a few minutes from now,
 * what is planned at most five years ahead. Each value here once passed validation and then broke the
 * processor while its event was encoded; now it is a 422 naming the field, and nothing is sent.
 */
@WebSlice
class TimeLimitsTests {

    @Autowired
    MockMvc http;

    @MockitoBean
    CommandGateway gateway;

    @MockitoBean
    StreamReader streams;

    static final String DECLARE = """
            {"title": "t", "impact": "minor", "status": "investigating", "message": "m",
             "components": {"web-app": "partial_outage"}, "%s": "%s"}""";

    static Stream<Arguments> hostileTimes() {
        String anHourAhead = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        String sixYearsAhead = Instant.now().plus(6 * 366, ChronoUnit.DAYS).toString();
        String maintenance = """
                {"title": "t", "message": "m", "components": {"db": "under_maintenance"},
                 "scheduledFor": "%s", "scheduledUntil": "%s"}""";
        String soon = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        String later = Instant.now().plus(2, ChronoUnit.DAYS).toString();
        return Stream.of(
                Arguments.of(
                        "/api/v1/incidents",
                        DECLARE.formatted("occurredAt", "+500000000-01-01T00:00:00Z"),
                        "occurredAt"),
                Arguments.of(
                        "/api/v1/incidents",
                        DECLARE.formatted("occurredAt", "-500000000-01-01T00:00:00Z"),
                        "occurredAt"),
                Arguments.of("/api/v1/incidents", DECLARE.formatted("startedAt", "1969-12-31T23:59:59Z"), "startedAt"),
                Arguments.of("/api/v1/incidents", DECLARE.formatted("detectedAt", anHourAhead), "detectedAt"),
                Arguments.of(
                        "/api/v1/incidents/p7myq8bbtjz7/updates",
                        "{\"message\": \"m\", \"occurredAt\": \"+999999999-12-31T23:59:59Z\"}",
                        "occurredAt"),
                Arguments.of(
                        "/api/v1/incidents/p7myq8bbtjz7/resolve",
                        "{\"message\": \"m\", \"occurredAt\": \"" + anHourAhead + "\"}",
                        "occurredAt"),
                Arguments.of(
                        "/api/v1/maintenances", maintenance.formatted("+10000-01-01T00:00:00Z", later), "scheduledFor"),
                Arguments.of("/api/v1/maintenances", maintenance.formatted(soon, sixYearsAhead), "scheduledUntil"),
                Arguments.of(
                        "/api/v1/incidents/p7myq8bbtjz7/action-items",
                        "{\"title\": \"t\", \"dueDate\": \"+999999999-12-31\"}",
                        "dueDate"),
                Arguments.of(
                        "/api/v1/incidents/p7myq8bbtjz7/action-items",
                        "{\"title\": \"t\", \"dueDate\": \"1969-07-20\"}",
                        "dueDate"));
    }

    @ParameterizedTest(name = "{2} in {0}")
    @MethodSource("hostileTimes")
    void aTimeOutOfBounds_isRefusedNamingTheField_andNothingIsSent(String path, String body, String field)
            throws Exception {
        http.perform(json(POST, path, WebSlice.RESPONDER, body))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.field").value(field));
        verifyNoInteractions(gateway);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backFilledTimes")
    void aBackFilledTime_orOneAMinuteAhead_isAccepted(String occurredAt) throws Exception {
        Http.acceptAll(gateway, 1);

        http.perform(json(POST, "/api/v1/incidents", WebSlice.RESPONDER, DECLARE.formatted("occurredAt", occurredAt)))
                .andExpect(status().isCreated());
    }

    static Stream<String> backFilledTimes() {
        return Stream.of(
                "1970-01-01T00:00:00Z",
                "2023-06-01T12:00:00+02:00",
                Instant.now().plus(1, ChronoUnit.MINUTES).toString(),
                LocalDate.now() + "T00:00:00Z");
    }
}
