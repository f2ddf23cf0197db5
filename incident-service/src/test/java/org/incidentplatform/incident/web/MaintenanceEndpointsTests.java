package org.incidentplatform.incident.web;

import static org.assertj.core.api.Assertions.assertThat;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.Map;
import org.incidentplatform.incident.command.CommandGateway;
import org.incidentplatform.incident.command.CommandRequest;
import org.incidentplatform.incident.command.StreamKind;
import org.incidentplatform.incident.command.StreamReader;
import org.incidentplatform.incident.domain.MaintenanceCommand;
import org.incidentplatform.incident.domain.MaintenanceCommand.CancelMaintenance;
import org.incidentplatform.incident.domain.MaintenanceCommand.CompleteMaintenance;
import org.incidentplatform.incident.domain.MaintenanceCommand.PostMaintenanceUpdate;
import org.incidentplatform.incident.domain.MaintenanceCommand.ScheduleMaintenance;
import org.incidentplatform.incident.domain.MaintenanceCommand.StartMaintenance;
import org.incidentplatform.incident.domain.MaintenanceCommand.VerifyMaintenance;
import org.incidentplatform.schemas.Vocabulary.ComponentStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebSlice
class MaintenanceEndpointsTests {

    static final String SCHEDULE = """
            {"title": "Database upgrade", "message": "Read-only for up to an hour.",
             "components": {"web-app": "under_maintenance"},
             "scheduledFor": "2024-03-12T22:00:00-04:00", "scheduledUntil": "2024-03-12T23:00:00-04:00",
             "autoStart": true}""";

    @Autowired
    MockMvc http;

    @MockitoBean
    CommandGateway gateway;

    @MockitoBean
    StreamReader streams;

    @Test
    void schedule_appendsTheMaintenance_underAnAssignedId() throws Exception {
        acceptAll(gateway, 1);

        String location = http.perform(json(POST, "/api/v1/maintenances", WebSlice.RESPONDER, SCHEDULE))
                .andExpect(status().isCreated())
                .andExpect(header().string("ETag", "\"1\""))
                .andReturn()
                .getResponse()
                .getHeader("Location");

        CommandRequest request = submitted(gateway);
        assertThat(request.command()).isInstanceOf(MaintenanceCommand.class);
        assertThat(request.streamId()).matches("[a-z2-7]{12}");
        assertThat(location).isEqualTo("/api/v1/maintenances/" + request.streamId());
        assertThat(request.actor()).isEqualTo("alice-oncall");
        assertThat(request.command())
                .isEqualTo(new ScheduleMaintenance(
                        request.streamId(),
                        "Database upgrade",
                        "Read-only for up to an hour.",
                        Map.of("web-app", ComponentStatus.UNDER_MAINTENANCE),
                        Instant.parse("2024-03-13T02:00:00Z"),
                        Instant.parse("2024-03-13T03:00:00Z"),
                        true,
                        false,
                        WebSlice.STAMPED_ON_DECISION));
    }

    @Test
    void schedule_isRejectedWith422_whenTheWindowHasNoEnd() throws Exception {
        http.perform(json(
                        POST,
                        "/api/v1/maintenances",
                        WebSlice.RESPONDER,
                        SCHEDULE.replace("\"scheduledUntil\": \"2024-03-12T23:00:00-04:00\",", "")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.field").value("scheduledUntil"));
        verifyNoInteractions(gateway);
    }

    @Test
    void schedule_isRejectedWith422_whenATimeHasNoOffset() throws Exception {
        http.perform(json(
                        POST,
                        "/api/v1/maintenances",
                        WebSlice.RESPONDER,
                        SCHEDULE.replace("2024-03-12T22:00:00-04:00", "2024-03-12T22:00:00")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.field").value("scheduledFor"));
        verifyNoInteractions(gateway);
    }

    @Test
    void schedule_isRejectedWith422_whenAutoStartIsNotABoolean() throws Exception {
        http.perform(json(
                        POST,
                        "/api/v1/maintenances",
                        WebSlice.RESPONDER,
                        SCHEDULE.replace("\"autoStart\": true", "\"autoStart\": \"soon\"")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.field").value("autoStart"))
                .andExpect(jsonPath("$.detail").value("autoStart must be true or false"));
        verifyNoInteractions(gateway);
    }

    @Test
    void eachStep_appendsItsCommand_byHand() throws Exception {
        acceptAll(gateway, 2);
        String note = "{\"message\": \"Under way.\", \"occurredAt\": \"2024-03-12T22:01:00-04:00\"}";
        Instant at = Instant.parse("2024-03-13T02:01:00Z");

        record Step(String path, Object command) {}
        for (Step step : new Step[] {
            new Step("start", new StartMaintenance("Under way.", false, at)),
            new Step("updates", new PostMaintenanceUpdate("Under way.", at)),
            new Step("verify", new VerifyMaintenance("Under way.", at)),
            new Step("complete", new CompleteMaintenance("Under way.", false, at)),
            new Step("cancel", new CancelMaintenance("Under way.", at))
        }) {
            http.perform(json(POST, "/api/v1/maintenances/k3ws9x2mq7ab/" + step.path(), WebSlice.RESPONDER, note))
                    .andExpect(status().isCreated())
                    .andExpect(jsonPath("$.id").value("k3ws9x2mq7ab"));
            CommandRequest request = submitted(gateway);
            assertThat(request.streamId()).isEqualTo("k3ws9x2mq7ab");
            assertThat(request.command()).isInstanceOf(MaintenanceCommand.class);
            assertThat(request.command()).as(step.path()).isEqualTo(step.command());
        }
    }

    @Test
    void aStep_isRejectedWith422_whenMessageMissing() throws Exception {
        http.perform(json(POST, "/api/v1/maintenances/k3ws9x2mq7ab/start", WebSlice.RESPONDER, "{}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.field").value("message"));
        verifyNoInteractions(gateway);
    }

    @Test
    void events_areNotFound_forAnUnknownMaintenance() throws Exception {
        when(streams.read(eq(StreamKind.MAINTENANCE), eq("k3ws9x2mq7ab"), anyLong(), anyInt()))
                .thenReturn(new StreamReader.NotFound());

        http.perform(json(GET, "/api/v1/maintenances/k3ws9x2mq7ab/events", WebSlice.RESPONDER, null))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("maintenance 'k3ws9x2mq7ab' not found"));
    }
}
