package org.incidentplatform.incident.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.incidentplatform.incident.web.Http.acceptAll;
import static org.incidentplatform.incident.web.Http.allSubmitted;
import static org.incidentplatform.incident.web.Http.answer;
import static org.incidentplatform.incident.web.Http.json;
import static org.incidentplatform.incident.web.Http.submitted;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.incidentplatform.incident.command.CommandGateway;
import org.incidentplatform.incident.command.CommandOutcome;
import org.incidentplatform.incident.command.CommandRequest;
import org.incidentplatform.incident.command.StreamReader;
import org.incidentplatform.incident.domain.Rejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** How the gateway's answer and the write headers (Idempotency-Key, If-Match) meet HTTP. */
@WebSlice
class CommandOutcomesTests {

    static final String UPDATE = "/api/v1/incidents/p7myq8bbtjz7/updates";
    static final String UPDATE_BODY = "{\"message\": \"Still looking.\"}";

    @Autowired
    MockMvc http;

    @MockitoBean
    CommandGateway gateway;

    @MockitoBean
    StreamReader streams;

    @Test
    void update_isNotFound_whenTheDeciderKnowsNoSuchIncident() throws Exception {
        answer(gateway, new CommandOutcome.Rejected(Rejection.notFound("incident not found")));

        http.perform(json(POST, UPDATE, WebSlice.RESPONDER, UPDATE_BODY))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.detail").value("incident not found"))
                .andExpect(jsonPath("$.field").doesNotExist());
    }

    @Test
    void update_isAConflict_whenTheIncidentIsRetracted() throws Exception {
        answer(gateway, new CommandOutcome.Rejected(Rejection.conflict("the incident was retracted")));

        http.perform(json(POST, UPDATE, WebSlice.RESPONDER, UPDATE_BODY))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.status").value(409))
                .andExpect(jsonPath("$.detail").value("the incident was retracted"));
    }

    @Test
    void update_isRejectedWith422NamingTheField_whenTheDeciderRefusesAField() throws Exception {
        answer(
                gateway,
                new CommandOutcome.Rejected(
                        Rejection.invalid(
                                "occurredAt",
                                "occurredAt 2024-03-10T06:00:00Z is earlier than the previous event's occurredAt 2024-03-10T06:50:00Z")));

        http.perform(json(POST, UPDATE, WebSlice.RESPONDER, UPDATE_BODY))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.field").value("occurredAt"))
                .andExpect(jsonPath("$.detail").value(containsString("earlier than the previous event")));
    }

    @Test
    void update_isRejectedWith422NamingTheField_whenAComponentIsUnknown() throws Exception {
        answer(gateway, new CommandOutcome.Rejected(Rejection.invalid("components", "unknown component 'nope'")));

        http.perform(json(
                        POST,
                        UPDATE,
                        WebSlice.RESPONDER,
                        "{\"message\": \"x\", \"components\": {\"nope\": \"major_outage\"}}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.field").value("components"))
                .andExpect(jsonPath("$.detail").value("unknown component 'nope'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"7\"", "7", " \"7\" "})
    void ifMatch_becomesTheExpectedVersion_quotedOrNot(String ifMatch) throws Exception {
        acceptAll(gateway, 8);

        http.perform(json(POST, UPDATE, WebSlice.RESPONDER, UPDATE_BODY).header("If-Match", ifMatch))
                .andExpect(status().isCreated());

        assertThat(submitted(gateway).expectedVersion()).isEqualTo(7L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "W/\"7\"", "\"7\", \"8\"", "seven", "\"-1\"", "\"99999999999999999999\""})
    void ifMatch_isRejectedWith400_whenItIsNotOneVersion(String ifMatch) throws Exception {
        http.perform(json(POST, UPDATE, WebSlice.RESPONDER, UPDATE_BODY).header("If-Match", ifMatch))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.header").value("If-Match"));
        verifyNoInteractions(gateway);
    }

    @Test
    void update_isAFailedPrecondition_whenTheIncidentMovedOnSinceIfMatch() throws Exception {
        answer(gateway, new CommandOutcome.VersionMismatch(3, 5));

        http.perform(json(PUT, "/api/v1/components/web-app", WebSlice.ADMIN, "{\"name\": \"Web\"}")
                        .header("If-Match", "\"3\""))
                .andExpect(status().isPreconditionFailed())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(header().string("ETag", "\"5\""))
                .andExpect(jsonPath("$.expectedVersion").value(3))
                .andExpect(jsonPath("$.currentVersion").value(5));
        assertThat(submitted(gateway).expectedVersion()).isEqualTo(3L);
    }

    @Test
    void update_isUnavailableWithRetryAfter_whenTheEventStoreDoesNotConfirm() throws Exception {
        answer(gateway, new CommandOutcome.Unavailable("org.apache.kafka.common.errors.TimeoutException: 5000 ms"));

        http.perform(json(POST, UPDATE, WebSlice.RESPONDER, UPDATE_BODY))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.detail").value(not(containsString("kafka"))));
    }

    @Test
    void idempotencyKey_isPassedOn_withAFingerprintOfTheRequest() throws Exception {
        acceptAll(gateway, 2);

        http.perform(json(
                                POST,
                                UPDATE,
                                WebSlice.RESPONDER,
                                "{\"message\": \"Still looking.\", \"status\": \"identified\"}")
                        .header("Idempotency-Key", "k-1"))
                .andExpect(status().isCreated());
        http.perform(json(
                                POST,
                                UPDATE,
                                WebSlice.RESPONDER,
                                "{ \"status\":\"identified\",\n \"message\":\"Still looking.\" }")
                        .header("Idempotency-Key", "k-1"))
                .andExpect(status().isCreated());
        http.perform(json(
                                POST,
                                UPDATE,
                                WebSlice.RESPONDER,
                                "{\"message\": \"Still looking!\", \"status\": \"identified\"}")
                        .header("Idempotency-Key", "k-1"))
                .andExpect(status().isCreated());
        http.perform(json(
                                POST,
                                "/api/v1/incidents/p7myq8bbtjz7/resolve",
                                WebSlice.RESPONDER,
                                "{\"message\": \"Still looking.\"}")
                        .header("Idempotency-Key", "k-1"))
                .andExpect(status().isCreated());

        List<CommandRequest> requests = allSubmitted(gateway);
        assertThat(requests).extracting(CommandRequest::idempotencyKey).containsOnly("k-1");
        assertThat(requests.get(0).requestHash())
                .matches("[0-9a-f]{64}")
                .as("spacing and key order do not make another request")
                .isEqualTo(requests.get(1).requestHash())
                .as("another body is another request")
                .isNotEqualTo(requests.get(2).requestHash())
                .as("another endpoint is another request")
                .isNotEqualTo(requests.get(3).requestHash());
    }

    @Test
    void declare_derivesItsId_fromTheKeyAndThePrincipal() throws Exception {
        acceptAll(gateway, 1);

        for (String token : new String[] {WebSlice.RESPONDER, WebSlice.RESPONDER, WebSlice.REPORTER}) {
            http.perform(json(POST, "/api/v1/incidents", token, IncidentEndpointsTests.DECLARATION)
                            .header("Idempotency-Key", "declare-1"))
                    .andExpect(status().isCreated());
        }
        http.perform(json(POST, "/api/v1/maintenances", WebSlice.RESPONDER, MaintenanceEndpointsTests.SCHEDULE)
                        .header("Idempotency-Key", "declare-1"))
                .andExpect(status().isCreated());

        List<String> ids =
                allSubmitted(gateway).stream().map(CommandRequest::streamId).toList();
        assertThat(ids.get(0))
                .matches("[a-z2-7]{12}")
                .as("a retry lands on the same stream")
                .isEqualTo(ids.get(1))
                .as("another caller's key is not this caller's")
                .isNotEqualTo(ids.get(2))
                .as("a maintenance never shares an incident's stream")
                .isNotEqualTo(ids.get(3));
    }

    @Test
    void aReplayedAnswer_saysSo() throws Exception {
        answer(gateway, new CommandOutcome.Accepted("p7myq8bbtjz7", 4, List.of(), true));

        http.perform(json(POST, UPDATE, WebSlice.RESPONDER, UPDATE_BODY).header("Idempotency-Key", "k-2"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(jsonPath("$.version").value(4));
    }

    @Test
    void idempotencyKey_reusedForAnotherRequest_isRejectedWith422() throws Exception {
        answer(gateway, new CommandOutcome.IdempotencyKeyReused("k-3"));

        http.perform(json(POST, UPDATE, WebSlice.RESPONDER, UPDATE_BODY).header("Idempotency-Key", "k-3"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.header").value("Idempotency-Key"))
                .andExpect(jsonPath("$.detail").value(containsString("k-3")));
    }

    @Test
    void idempotencyKey_isRejectedWith400_whenNotPrintable() throws Exception {
        http.perform(json(POST, UPDATE, WebSlice.RESPONDER, UPDATE_BODY).header("Idempotency-Key", "two words"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.header").value("Idempotency-Key"));
        verifyNoInteractions(gateway);
    }

    @Test
    void correlationId_isTakenFromTheRequest_andEchoed() throws Exception {
        acceptAll(gateway, 2);

        http.perform(json(POST, UPDATE, WebSlice.RESPONDER, UPDATE_BODY).header("X-Correlation-Id", "deploy-42"))
                .andExpect(status().isCreated())
                .andExpect(header().string("X-Correlation-Id", "deploy-42"));

        assertThat(submitted(gateway).correlationId()).isEqualTo("deploy-42");
    }
}
