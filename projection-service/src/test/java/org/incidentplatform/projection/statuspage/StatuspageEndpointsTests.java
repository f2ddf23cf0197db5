package org.incidentplatform.projection.statuspage;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/** What each endpoint says about the representative page (see {@link StatuspageLog#representative()}). */
@StatuspageSlice
@Import(RepresentativeLog.class)
class StatuspageEndpointsTests {

    /** Times of the representative log: one event a minute from 09:01. */
    private static final GivenEvents LOG = StatuspageLog.representative();

    private static final String INC_OLD_DECLARED = at(6);
    private static final String INC_OLD_RESOLVED = at(7);
    private static final String INC_LIVE_DECLARED = at(8);
    private static final String INC_LIVE_MONITORING = at(10);
    private static final String INC_OOPS_RETRACTED = at(12);
    private static final String MNT_NEXT_SCHEDULED = at(13);
    private static final String MNT_NOW_SCHEDULED = at(14);
    private static final String MNT_NOW_STARTED = at(15);

    @Autowired
    MockMvc http;

    private static String at(int minute) {
        return StatuspageDocuments.time(GivenEvents.START.plus(Duration.ofMinutes(minute)));
    }

    @Test
    void summary_givesThePage_theWorstImpact_everyComponent_theUnresolvedIncident_andMaintenancesUnderWayOrAhead()
            throws Exception {
        http.perform(get("/api/v2/summary.json"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page.id").value(StatuspageSlice.PAGE_ID))
                .andExpect(jsonPath("$.page.name").value("Acme"))
                .andExpect(jsonPath("$.page.url").value(StatuspageSlice.PAGE_URL))
                .andExpect(jsonPath("$.page.time_zone").value("Europe/Paris"))
                .andExpect(jsonPath("$.page.updated_at")
                        .value(StatuspageDocuments.time(LOG.now().plusSeconds(2))))
                .andExpect(jsonPath("$.status.indicator").value("major"))
                .andExpect(jsonPath("$.status.description").value("Partial System Outage"))
                .andExpect(jsonPath("$.components[*].id").value(contains("core", "web-app", "api", "docs")))
                .andExpect(jsonPath("$.components[*].status")
                        .value(contains(
                                "partial_outage", "degraded_performance", "partial_outage", "under_maintenance")))
                .andExpect(jsonPath("$.incidents[*].id").value(contains("inc-live")))
                .andExpect(jsonPath("$.scheduled_maintenances[*].id").value(contains("mnt-now", "mnt-next")));
    }

    @Test
    void status_isTheWorstImpactOfUnresolvedIncidents_andNothingElse() throws Exception {
        http.perform(get("/api/v2/status.json"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page.id").value(StatuspageSlice.PAGE_ID))
                .andExpect(jsonPath("$.status.indicator").value("major"))
                .andExpect(jsonPath("$.status.description").value("Partial System Outage"))
                .andExpect(jsonPath("$.components").doesNotExist())
                .andExpect(jsonPath("$.incidents").doesNotExist());
    }

    @Test
    void components_listEachGroupAsAComponent_followedByItsMembers() throws Exception {
        http.perform(get("/api/v2/components.json"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components[*].id").value(contains("core", "web-app", "api", "docs")))
                .andExpect(jsonPath("$.components[0].name").value("Core"))
                .andExpect(jsonPath("$.components[0].group").value(true))
                .andExpect(jsonPath("$.components[0].components").value(contains("web-app", "api")))
                .andExpect(jsonPath("$.components[0].status").value("partial_outage"))
                .andExpect(jsonPath("$.components[0].group_id").value(nullValue()))
                .andExpect(jsonPath("$.components[0].description").value("Core services"))
                .andExpect(jsonPath("$.components[1].name").value("Web Application"))
                .andExpect(jsonPath("$.components[1].group").value(false))
                .andExpect(jsonPath("$.components[1].group_id").value("core"))
                .andExpect(jsonPath("$.components[1].components").doesNotExist())
                .andExpect(jsonPath("$.components[1].status").value("degraded_performance"))
                .andExpect(jsonPath("$.components[1].position").value(1))
                .andExpect(jsonPath("$.components[1].description").value("The Web Application"))
                .andExpect(jsonPath("$.components[1].page_id").value(StatuspageSlice.PAGE_ID))
                .andExpect(jsonPath("$.components[1].showcase").value(true))
                .andExpect(jsonPath("$.components[1].only_show_if_degraded").value(false))
                .andExpect(jsonPath("$.components[1].start_date").value("2026-03-02"))
                .andExpect(jsonPath("$.components[1].created_at").value(at(2)))
                .andExpect(jsonPath("$.components[1].updated_at").value(INC_OOPS_RETRACTED))
                .andExpect(jsonPath("$.components[2].status").value("partial_outage"))
                .andExpect(jsonPath("$.components[3].group_id").value(nullValue()))
                .andExpect(jsonPath("$.components[3].status").value("under_maintenance"));
    }

    @Test
    void incidents_areNewestFirst_resolvedOnesIncluded_eachWithItsUpdatesNewestFirst() throws Exception {
        http.perform(get("/api/v2/incidents.json"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.incidents[*].id").value(contains("inc-live", "inc-old")))
                .andExpect(jsonPath("$.incidents[0].name").value("Trouble inc-live"))
                .andExpect(jsonPath("$.incidents[0].status").value("monitoring"))
                .andExpect(jsonPath("$.incidents[0].impact").value("major"))
                .andExpect(jsonPath("$.incidents[0].created_at").value(INC_LIVE_DECLARED))
                .andExpect(jsonPath("$.incidents[0].started_at").value(INC_LIVE_DECLARED))
                .andExpect(jsonPath("$.incidents[0].updated_at").value(INC_LIVE_MONITORING))
                .andExpect(jsonPath("$.incidents[0].monitoring_at").value(INC_LIVE_MONITORING))
                .andExpect(jsonPath("$.incidents[0].resolved_at").value(nullValue()))
                .andExpect(jsonPath("$.incidents[0].shortlink").value(StatuspageSlice.PAGE_URL + "/incidents/inc-live"))
                .andExpect(jsonPath("$.incidents[0].page_id").value(StatuspageSlice.PAGE_ID))
                .andExpect(jsonPath("$.incidents[0].incident_updates[*].status")
                        .value(contains("monitoring", "identified", "investigating")))
                .andExpect(jsonPath("$.incidents[0].incident_updates[2].body").value("We are investigating inc-live"))
                .andExpect(jsonPath("$.incidents[0].incident_updates[2].incident_id")
                        .value("inc-live"))
                .andExpect(jsonPath("$.incidents[0].incident_updates[2].created_at")
                        .value(INC_LIVE_DECLARED))
                .andExpect(jsonPath("$.incidents[0].incident_updates[2].display_at")
                        .value(INC_LIVE_DECLARED))
                .andExpect(jsonPath("$.incidents[0].incident_updates[2].affected_components[*].code")
                        .value(contains("api")))
                .andExpect(jsonPath("$.incidents[0].incident_updates[1].affected_components[0].code")
                        .value("web-app"))
                .andExpect(jsonPath("$.incidents[0].incident_updates[1].affected_components[0].name")
                        .value("Web Application"))
                .andExpect(jsonPath("$.incidents[0].incident_updates[1].affected_components[0].old_status")
                        .value("operational"))
                .andExpect(jsonPath("$.incidents[0].incident_updates[1].affected_components[0].new_status")
                        .value("degraded_performance"))
                .andExpect(jsonPath("$.incidents[0].incident_updates[0].affected_components")
                        .value(empty()))
                .andExpect(jsonPath("$.incidents[0].incident_updates[0].deliver_notifications")
                        .value(true))
                .andExpect(jsonPath("$.incidents[0].components[*].id").value(contains("api", "web-app")))
                .andExpect(jsonPath("$.incidents[0].components[*].status")
                        .value(contains("partial_outage", "degraded_performance")))
                .andExpect(jsonPath("$.incidents[1].status").value("resolved"))
                .andExpect(jsonPath("$.incidents[1].impact").value("minor"))
                .andExpect(jsonPath("$.incidents[1].started_at").value(INC_OLD_DECLARED))
                .andExpect(jsonPath("$.incidents[1].resolved_at").value(INC_OLD_RESOLVED))
                .andExpect(jsonPath("$.incidents[1].components[*].id").value(contains("docs")));
    }

    @Test
    void unresolvedIncidents_leaveOutResolvedOnes() throws Exception {
        http.perform(get("/api/v2/incidents/unresolved.json"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.incidents[*].id").value(contains("inc-live")));
    }

    @Test
    void scheduledMaintenances_listEveryMaintenance_latestWindowFirst() throws Exception {
        http.perform(get("/api/v2/scheduled-maintenances.json"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scheduled_maintenances[*].id").value(contains("mnt-next", "mnt-now")))
                .andExpect(jsonPath("$.scheduled_maintenances[*].impact").value(contains("maintenance", "maintenance")))
                .andExpect(jsonPath("$.scheduled_maintenances[0].status").value("scheduled"))
                .andExpect(jsonPath("$.scheduled_maintenances[0].name").value("Works mnt-next"))
                .andExpect(jsonPath("$.scheduled_maintenances[0].scheduled_for")
                        .value(StatuspageDocuments.time(Instant.parse("2026-03-04T09:12:00Z"))))
                .andExpect(jsonPath("$.scheduled_maintenances[0].scheduled_until")
                        .value(StatuspageDocuments.time(Instant.parse("2026-03-04T10:12:00Z"))))
                .andExpect(jsonPath("$.scheduled_maintenances[0].started_at").value(MNT_NEXT_SCHEDULED))
                .andExpect(jsonPath("$.scheduled_maintenances[0].resolved_at").value(nullValue()))
                .andExpect(
                        jsonPath("$.scheduled_maintenances[0].components[*].id").value(contains("api")))
                .andExpect(jsonPath("$.scheduled_maintenances[0].incident_updates[*].status")
                        .value(contains("scheduled")))
                .andExpect(jsonPath("$.scheduled_maintenances[0].incident_updates[0].body")
                        .value("Planned works"))
                .andExpect(jsonPath("$.scheduled_maintenances[1].status").value("in_progress"))
                .andExpect(jsonPath("$.scheduled_maintenances[1].created_at").value(MNT_NOW_SCHEDULED))
                .andExpect(jsonPath("$.scheduled_maintenances[1].started_at").value(MNT_NOW_STARTED))
                .andExpect(jsonPath("$.scheduled_maintenances[1].shortlink")
                        .value(StatuspageSlice.PAGE_URL + "/incidents/mnt-now"))
                .andExpect(jsonPath("$.scheduled_maintenances[1].components[0].status")
                        .value("under_maintenance"))
                .andExpect(jsonPath("$.scheduled_maintenances[1].incident_updates[*].status")
                        .value(contains("in_progress", "scheduled")))
                .andExpect(jsonPath("$.scheduled_maintenances[1].incident_updates[0].affected_components[0].new_status")
                        .value("under_maintenance"));
    }

    @Test
    void upcomingMaintenances_areTheScheduledOnes() throws Exception {
        http.perform(get("/api/v2/scheduled-maintenances/upcoming.json"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scheduled_maintenances[*].id").value(contains("mnt-next")));
    }

    @Test
    void activeMaintenances_areTheOnesInProgress() throws Exception {
        http.perform(get("/api/v2/scheduled-maintenances/active.json"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scheduled_maintenances[*].id").value(contains("mnt-now")));
    }

    @ParameterizedTest
    @EnumSource(StatuspageEndpoint.class)
    void retractedIncident_appearsOnNoEndpoint(StatuspageEndpoint endpoint) throws Exception {
        http.perform(get(endpoint.path()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("inc-oops"))));
    }

    @ParameterizedTest
    @EnumSource(StatuspageEndpoint.class)
    void hiddenComponent_appearsOnNoEndpoint_evenWhereAnIncidentSetItsStatus(StatuspageEndpoint endpoint)
            throws Exception {
        http.perform(get(endpoint.path()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("internal-db"))))
                .andExpect(content().string(not(containsString("Internal Database"))));
    }

    @ParameterizedTest
    @EnumSource(StatuspageEndpoint.class)
    void everyAnswer_isJsonInUtf8(StatuspageEndpoint endpoint) throws Exception {
        http.perform(get(endpoint.path()).header("Accept", "text/html,*/*;q=0.8"))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/json;charset=UTF-8"));
    }
}
