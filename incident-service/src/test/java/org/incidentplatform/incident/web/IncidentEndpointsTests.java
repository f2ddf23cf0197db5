package org.incidentplatform.incident.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.incidentplatform.incident.web.Http.acceptAll;
import static org.incidentplatform.incident.web.Http.json;
import static org.incidentplatform.incident.web.Http.submitted;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.incidentplatform.incident.command.CommandGateway;
import org.incidentplatform.incident.command.CommandRequest;
import org.incidentplatform.incident.command.RecordedEvent;
import org.incidentplatform.incident.command.StreamKind;
import org.incidentplatform.incident.command.StreamReader;
import org.incidentplatform.incident.domain.IncidentCommand;
import org.incidentplatform.incident.domain.IncidentCommand.AddActionItem;
import org.incidentplatform.incident.domain.IncidentCommand.CompleteActionItem;
import org.incidentplatform.incident.domain.IncidentCommand.DeclareIncident;
import org.incidentplatform.incident.domain.IncidentCommand.PostUpdate;
import org.incidentplatform.incident.domain.IncidentCommand.PublishPostmortem;
import org.incidentplatform.incident.domain.IncidentCommand.ReopenIncident;
import org.incidentplatform.incident.domain.IncidentCommand.ResolveIncident;
import org.incidentplatform.incident.domain.IncidentCommand.RetractIncident;
import org.incidentplatform.incident.domain.IncidentStatus;
import org.incidentplatform.schemas.Vocabulary.ComponentStatus;
import org.incidentplatform.schemas.Vocabulary.Impact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@WebSlice
class IncidentEndpointsTests {

    static final String DECLARATION = """
            {"title": "Checkout fails", "impact": "major", "status": "investigating",
             "message": "We are looking into failed payments.",
             "components": {"web-app": "partial_outage", "payments": "major_outage"},
             "startedAt": "2024-03-10T01:50:00-05:00", "detectedBy": "synthetic monitor"}""";

    @Autowired
    MockMvc http;

    @MockitoBean
    CommandGateway gateway;

    @MockitoBean
    StreamReader streams;

    @Test
    void declare_appendsTheIncident_asThePrincipal_andAnswersWhereItIs() throws Exception {
        acceptAll(gateway, 1);

        MvcResult result = http.perform(json(POST, "/api/v1/incidents", WebSlice.RESPONDER, DECLARATION))
                .andExpect(status().isCreated())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.version").value(1))
                .andReturn();

        CommandRequest request = submitted(gateway);
        assertThat(request.command()).isInstanceOf(IncidentCommand.class);
        assertThat(request.actor()).isEqualTo("alice-oncall");
        assertThat(request.streamId()).matches("[a-z2-7]{12}");
        assertThat(result.getResponse().getHeader("Location")).isEqualTo("/api/v1/incidents/" + request.streamId());
        assertThat(result.getResponse().getContentAsString()).contains("\"id\":\"" + request.streamId() + "\"");
        var declare = (DeclareIncident) request.command();
        assertThat(declare.incidentId()).isEqualTo(request.streamId());
        assertThat(declare.title()).isEqualTo("Checkout fails");
        assertThat(declare.impact()).isEqualTo(Impact.MAJOR);
        assertThat(declare.status()).isEqualTo(IncidentStatus.INVESTIGATING);
        assertThat(declare.message()).isEqualTo("We are looking into failed payments.");
        assertThat(declare.components())
                .containsExactly(
                        Map.entry("web-app", ComponentStatus.PARTIAL_OUTAGE),
                        Map.entry("payments", ComponentStatus.MAJOR_OUTAGE));
        assertThat(declare.startedAt()).isEqualTo(Instant.parse("2024-03-10T06:50:00Z"));
        assertThat(declare.detectedAt()).isNull();
        assertThat(declare.detectedBy()).isEqualTo("synthetic monitor");
        assertThat(declare.occurredAt())
                .as("left for the stream's owner to stamp")
                .isNull();
        assertThat(request.idempotencyKey()).isNull();
        assertThat(request.expectedVersion()).isNull();
        assertThat(request.correlationId()).isNotBlank();
    }

    @Test
    void declare_assignsEachIncidentItsOwnId_whenNoIdempotencyKey() throws Exception {
        acceptAll(gateway, 1);

        http.perform(json(POST, "/api/v1/incidents", WebSlice.REPORTER, DECLARATION))
                .andExpect(status().isCreated());
        String first = submitted(gateway).streamId();
        http.perform(json(POST, "/api/v1/incidents", WebSlice.REPORTER, DECLARATION))
                .andExpect(status().isCreated());

        assertThat(submitted(gateway).streamId()).isNotEqualTo(first);
    }

    @Test
    void declare_takesItsBackfilledTimes_andWhenItHappened_fromTheBody() throws Exception {
        acceptAll(gateway, 1);

        http.perform(json(POST, "/api/v1/incidents", WebSlice.RESPONDER, """
                        {"title": "Outage last night", "impact": "critical", "status": "resolved", "message": "Written up.",
                         "components": {}, "startedAt": "2024-03-10T01:50:00-05:00",
                         "detectedAt": "2024-03-10T07:55:00+01:00", "occurredAt": "2024-03-10T08:30:00Z"}""")).andExpect(status().isCreated());

        var declare = (DeclareIncident) submitted(gateway).command();
        assertThat(declare.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(declare.detectedAt()).isEqualTo(Instant.parse("2024-03-10T06:55:00Z"));
        assertThat(declare.occurredAt()).isEqualTo(Instant.parse("2024-03-10T08:30:00Z"));
        assertThat(declare.components()).isEmpty();
    }

    @Test
    void declare_isRejectedWith422_whenComponentStatusUnknown() throws Exception {
        http.perform(json(
                        POST,
                        "/api/v1/incidents",
                        WebSlice.RESPONDER,
                        DECLARATION.replace("\"partial_outage\"", "\"kaput\"")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.field").value("components.web-app"))
                .andExpect(jsonPath("$.detail").value(containsString("degraded_performance")));
        verifyNoInteractions(gateway);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "impact unknown         | \"impact\": \"major\"         | \"impact\": \"severe\"           | impact     | one of none, minor, major, critical",
                "status unknown         | \"status\": \"investigating\" | \"status\": \"Investigating\"    | status     | one of investigating, identified",
                "title missing          | \"title\": \"Checkout fails\",|                                  | title      | title is required",
                "message blank          | \"We are looking into failed payments.\" | \"  \"                  | message    | must not be blank",
                "components missing     | \"components\": {\"web-app\": \"partial_outage\", \"payments\": \"major_outage\"}, | | components | components is required",
                "time without offset    | 2024-03-10T01:50:00-05:00      | 2024-03-10T01:50:00              | startedAt  | with an offset",
                "time not a time        | 2024-03-10T01:50:00-05:00      | yesterday                        | startedAt  | ISO-8601",
                "field misspelt         | \"detectedBy\"                 | \"detectdBy\"                    | detectdBy  | unknown field",
                "field of wrong type    | \"components\": {\"web-app\": \"partial_outage\", \"payments\": \"major_outage\"} | \"components\": [\"web-app\"] | components | a JSON object"
            })
    void declare_isRejectedWith422NamingTheField_whenAFieldIsWrong(
            String what, String valid, String wrong, String field, String detail) throws Exception {
        String body = DECLARATION.replace(valid, wrong == null ? "" : wrong);
        assertThat(body).as("the test replaced something").isNotEqualTo(DECLARATION);

        http.perform(json(POST, "/api/v1/incidents", WebSlice.RESPONDER, body))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.status").value(422))
                .andExpect(jsonPath("$.field").value(field))
                .andExpect(jsonPath("$.detail").value(containsString(detail)));
        verifyNoInteractions(gateway);
    }

    @Test
    void postUpdate_appendsTheUpdate_leavingWhatItDoesNotSayUnchanged() throws Exception {
        acceptAll(gateway, 4);

        http.perform(
                        json(
                                POST,
                                "/api/v1/incidents/p7myq8bbtjz7/updates",
                                WebSlice.REPORTER,
                                "{\"message\": \"Fix deployed.\", \"status\": \"monitoring\", \"components\": {\"web-app\": \"operational\"}}"))
                .andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Location"))
                .andExpect(jsonPath("$.id").value("p7myq8bbtjz7"))
                .andExpect(jsonPath("$.version").value(4));

        CommandRequest request = submitted(gateway);
        assertThat(request.streamId()).isEqualTo("p7myq8bbtjz7");
        assertThat(request.actor()).isEqualTo("synthetic-monitor");
        assertThat(request.command())
                .isEqualTo(new PostUpdate(
                        "Fix deployed.",
                        IncidentStatus.MONITORING,
                        null,
                        Map.of("web-app", ComponentStatus.OPERATIONAL),
                        WebSlice.STAMPED_ON_DECISION));
    }

    @Test
    void resolve_appendsTheResolution() throws Exception {
        acceptAll(gateway, 5);

        http.perform(json(
                        POST,
                        "/api/v1/incidents/p7myq8bbtjz7/resolve",
                        WebSlice.RESPONDER,
                        "{\"message\": \"All clear.\", \"occurredAt\": \"2024-03-10T03:00:00-05:00\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.version").value(5));

        assertThat(submitted(gateway).command())
                .isEqualTo(new ResolveIncident("All clear.", null, Instant.parse("2024-03-10T08:00:00Z")));
    }

    @Test
    void reopen_goesBackToInvestigating_unlessTheBodySaysOtherwise() throws Exception {
        acceptAll(gateway, 6);

        http.perform(json(
                        POST,
                        "/api/v1/incidents/p7myq8bbtjz7/reopen",
                        WebSlice.RESPONDER,
                        "{\"message\": \"It is back.\"}"))
                .andExpect(status().isCreated());
        assertThat(((ReopenIncident) submitted(gateway).command()).status()).isEqualTo(IncidentStatus.INVESTIGATING);

        http.perform(json(
                        POST,
                        "/api/v1/incidents/p7myq8bbtjz7/reopen",
                        WebSlice.RESPONDER,
                        "{\"message\": \"It is back.\", \"status\": \"identified\"}"))
                .andExpect(status().isCreated());
        assertThat(((ReopenIncident) submitted(gateway).command()).status()).isEqualTo(IncidentStatus.IDENTIFIED);
    }

    @Test
    void retract_appendsTheRetraction_withItsReason() throws Exception {
        acceptAll(gateway, 2);

        http.perform(json(
                        POST,
                        "/api/v1/incidents/p7myq8bbtjz7/retract",
                        WebSlice.RESPONDER,
                        "{\"reason\": \"Declared in error: the monitor was misconfigured.\"}"))
                .andExpect(status().isCreated());

        assertThat(submitted(gateway).command())
                .isEqualTo(new RetractIncident(
                        "Declared in error: the monitor was misconfigured.", WebSlice.STAMPED_ON_DECISION));
    }

    @Test
    void retract_isRejectedWith422_whenReasonMissing() throws Exception {
        http.perform(json(POST, "/api/v1/incidents/p7myq8bbtjz7/retract", WebSlice.RESPONDER, "{}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.field").value("reason"));
        verifyNoInteractions(gateway);
    }

    @Test
    void postmortem_appendsThePostmortem() throws Exception {
        acceptAll(gateway, 7);

        http.perform(json(POST, "/api/v1/incidents/p7myq8bbtjz7/postmortem", WebSlice.RESPONDER, """
                        {"body": "# What happened", "rootCause": "An expired certificate.",
                         "contributingFactors": ["no expiry alert", "manual renewal"]}"""))
                .andExpect(status().isCreated());

        assertThat(submitted(gateway).command())
                .isEqualTo(new PublishPostmortem(
                        "# What happened",
                        "An expired certificate.",
                        List.of("no expiry alert", "manual renewal"),
                        WebSlice.STAMPED_ON_DECISION));
    }

    @Test
    void addActionItem_keepsTheGivenId() throws Exception {
        acceptAll(gateway, 8);

        http.perform(
                        json(
                                POST,
                                "/api/v1/incidents/p7myq8bbtjz7/action-items",
                                WebSlice.RESPONDER,
                                "{\"id\": \"cert-alerts\", \"title\": \"Alert on expiry\", \"owner\": \"sre\", \"dueDate\": \"2024-04-01\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value("p7myq8bbtjz7"))
                .andExpect(jsonPath("$.actionItemId").value("cert-alerts"))
                .andExpect(jsonPath("$.version").value(8));

        assertThat(submitted(gateway).command())
                .isEqualTo(new AddActionItem(
                        "cert-alerts",
                        "Alert on expiry",
                        "sre",
                        LocalDate.of(2024, 4, 1),
                        WebSlice.STAMPED_ON_DECISION));
    }

    @Test
    void addActionItem_assignsAnId_andTheSameOneToARetryWithTheSameKey() throws Exception {
        acceptAll(gateway, 8);
        String body = "{\"title\": \"Alert on expiry\"}";

        String first = http.perform(json(POST, "/api/v1/incidents/p7myq8bbtjz7/action-items", WebSlice.RESPONDER, body)
                        .header("Idempotency-Key", "item-1"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String itemId = ((AddActionItem) submitted(gateway).command()).actionItemId();
        http.perform(json(POST, "/api/v1/incidents/p7myq8bbtjz7/action-items", WebSlice.RESPONDER, body)
                        .header("Idempotency-Key", "item-1"))
                .andExpect(status().isCreated());

        assertThat(itemId).matches("[a-z2-7]{12}");
        assertThat(first).contains("\"actionItemId\":\"" + itemId + "\"");
        assertThat(((AddActionItem) submitted(gateway).command()).actionItemId())
                .isEqualTo(itemId);
    }

    @Test
    void addActionItem_isRejectedWith422_whenDueDateIsNotADate() throws Exception {
        http.perform(json(
                        POST,
                        "/api/v1/incidents/p7myq8bbtjz7/action-items",
                        WebSlice.RESPONDER,
                        "{\"title\": \"Alert on expiry\", \"dueDate\": \"01/04/2024\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.field").value("dueDate"))
                .andExpect(jsonPath("$.detail").value(containsString("YYYY-MM-DD")));
        verifyNoInteractions(gateway);
    }

    @Test
    void completeActionItem_needsNoBody() throws Exception {
        acceptAll(gateway, 9);

        http.perform(json(
                        POST,
                        "/api/v1/incidents/p7myq8bbtjz7/action-items/cert-alerts/complete",
                        WebSlice.RESPONDER,
                        null))
                .andExpect(status().isCreated());
        assertThat(submitted(gateway).command())
                .isEqualTo(new CompleteActionItem("cert-alerts", null, WebSlice.STAMPED_ON_DECISION));

        http.perform(json(
                        POST,
                        "/api/v1/incidents/p7myq8bbtjz7/action-items/cert-alerts/complete",
                        WebSlice.RESPONDER,
                        "{\"note\": \"Alert added.\"}"))
                .andExpect(status().isCreated());
        assertThat(submitted(gateway).command())
                .isEqualTo(new CompleteActionItem("cert-alerts", "Alert added.", WebSlice.STAMPED_ON_DECISION));
    }

    @Test
    void events_areTheIncidentsStream_withTimesInUtc() throws Exception {
        when(streams.read(eq(StreamKind.INCIDENT), eq("p7myq8bbtjz7"), anyLong(), anyInt()))
                .thenReturn(new StreamReader.Page(
                        List.of(
                                new RecordedEvent(
                                        "e-1",
                                        "p7myq8bbtjz7",
                                        1,
                                        Instant.parse("2024-03-10T06:50:00Z"),
                                        Instant.parse("2024-03-10T07:00:00.123Z"),
                                        "alice-oncall",
                                        "c-1",
                                        "IncidentDeclared",
                                        Map.of("title", "Checkout fails")),
                                new RecordedEvent(
                                        "e-2",
                                        "p7myq8bbtjz7",
                                        2,
                                        Instant.parse("2024-03-10T07:10:00Z"),
                                        Instant.parse("2024-03-10T07:10:01Z"),
                                        "alice-oncall",
                                        null,
                                        "IncidentResolved",
                                        Map.of("message", "All clear."))),
                        false));

        http.perform(json(GET, "/api/v1/incidents/p7myq8bbtjz7/events", WebSlice.RESPONDER, null))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"2\""))
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].type").value("IncidentDeclared"))
                .andExpect(jsonPath("$[0].occurredAt").value("2024-03-10T06:50:00Z"))
                .andExpect(jsonPath("$[0].recordedAt").value("2024-03-10T07:00:00.123Z"))
                .andExpect(jsonPath("$[0].payload.title").value("Checkout fails"))
                .andExpect(jsonPath("$[1].sequence").value(2));
    }

    @Test
    void events_areNotFound_forAnUnknownIncident() throws Exception {
        when(streams.read(eq(StreamKind.INCIDENT), eq("nosuchthing1"), anyLong(), anyInt()))
                .thenReturn(new StreamReader.NotFound());

        http.perform(json(GET, "/api/v1/incidents/nosuchthing1/events", WebSlice.RESPONDER, null))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.detail").value("incident 'nosuchthing1' not found"));
    }

    @Test
    void events_areNotFound_forAnIdNoIncidentCanHave_withoutReadingAnyStream() throws Exception {
        http.perform(json(GET, "/api/v1/incidents/NOT_AN_ID/events", WebSlice.RESPONDER, null))
                .andExpect(status().isNotFound());
        verifyNoInteractions(streams);
    }
}
