package org.incidentplatform.projection.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import org.incidentplatform.projection.analytics.MttrReport;
import org.incidentplatform.projection.live.LiveStatus;
import org.incidentplatform.projection.statuspage.ReadYourWrites;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

/** The analytics API over {@link KnownIncidents#known()}, through HTTP. */
@AnalyticsSlice
@Import(AnalyticsApiTests.KnownLog.class)
class AnalyticsApiTests {

    @TestConfiguration(proxyBeanMethods = false)
    static class KnownLog {

        @Bean
        LiveStatus liveStatus() {
            return KnownIncidents.caughtUp(KnownIncidents.known());
        }

        @Bean
        Clock clock() {
            return KnownIncidents.CLOCK;
        }

        @Bean
        ReadYourWrites readYourWrites(LiveStatus live) {
            return new ReadYourWrites(live, Duration.ofMillis(200), 10);
        }
    }

    @Autowired
    MockMvc http;

    // ------------------------------------------------------------ /api/v1/incidents/{id}

    @Test
    void incident_hasStateMilestonesDurationsAndTimelineOldestFirst() throws Exception {
        http.perform(get("/api/v1/incidents/inc-outage"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.id").value("inc-outage"))
                .andExpect(jsonPath("$.title").value("API down"))
                .andExpect(jsonPath("$.status").value("resolved"))
                .andExpect(jsonPath("$.impact").value("major"))
                .andExpect(jsonPath("$.retracted").value(false))
                .andExpect(jsonPath("$.backfilled").value(false))
                .andExpect(jsonPath("$.open").value(false))
                .andExpect(jsonPath("$.startedAt").value("2024-03-05T10:00:00Z"))
                .andExpect(jsonPath("$.detectedAt").value("2024-03-05T10:00:00Z"))
                .andExpect(jsonPath("$.identifiedAt").value("2024-03-05T11:00:00Z"))
                .andExpect(jsonPath("$.mitigatedAt").value("2024-03-05T11:15:00Z"))
                .andExpect(jsonPath("$.resolvedAt").value("2024-03-05T11:30:00Z"))
                .andExpect(jsonPath("$.durations.timeToDetect").value(0))
                .andExpect(jsonPath("$.durations.timeToIdentify").value(3600))
                .andExpect(jsonPath("$.durations.timeToMitigate").value(4500))
                .andExpect(jsonPath("$.durations.timeToResolve").value(5400))
                .andExpect(jsonPath("$.timeline", hasSize(4)))
                .andExpect(jsonPath("$.timeline[*].status")
                        .value(contains("investigating", "identified", "monitoring", "resolved")))
                .andExpect(jsonPath("$.timeline[*].time")
                        .value(contains(
                                "2024-03-05T10:00:00Z",
                                "2024-03-05T11:00:00Z",
                                "2024-03-05T11:15:00Z",
                                "2024-03-05T11:30:00Z")))
                .andExpect(jsonPath("$.timeline[1].message").value("Found it"))
                .andExpect(jsonPath("$.timeline[0].components[0].componentId").value("api"))
                .andExpect(jsonPath("$.timeline[0].components[0].newStatus").value("partial_outage"))
                .andExpect(jsonPath("$.timeline[1].components[0].oldStatus").value("partial_outage"))
                .andExpect(jsonPath("$.timeline[1].components[0].newStatus").value("major_outage"))
                .andExpect(jsonPath("$.timeline[2].components", empty()));
    }

    @Test
    void reopenedIncident_workedExample2_resolvesIn6300Seconds() throws Exception {
        http.perform(get("/api/v1/incidents/inc-reopen"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("resolved"))
                .andExpect(jsonPath("$.resolvedAt").value("2024-03-12T11:45:00Z"))
                .andExpect(jsonPath("$.durations.timeToResolve").value(6300))
                .andExpect(jsonPath("$.timeline[*].status")
                        .value(contains("investigating", "resolved", "investigating", "resolved")));
    }

    @Test
    void openIncident_hasNullWhereAMilestoneNeverHappened() throws Exception {
        http.perform(get("/api/v1/incidents/inc-open"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.open").value(true))
                .andExpect(jsonPath("$.status").value("investigating"))
                .andExpect(jsonPath("$.identifiedAt").value(nullValue()))
                .andExpect(jsonPath("$.resolvedAt").value(nullValue()))
                .andExpect(jsonPath("$.durations.timeToDetect").value(0))
                .andExpect(jsonPath("$.durations.timeToIdentify").value(nullValue()))
                .andExpect(jsonPath("$.durations.timeToMitigate").value(nullValue()))
                .andExpect(jsonPath("$.durations.timeToResolve").value(nullValue()));
    }

    /** Declared in error: the page hides it, so here it is exactly as unknown as an id never used. */
    @Test
    void retractedIncident_isA404Problem_asIfItNeverExisted() throws Exception {
        http.perform(get("/api/v1/incidents/inc-oops"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("no incident 'inc-oops'"))
                .andExpect(content().string(not(containsString("Not really"))));
    }

    @Test
    void hiddenComponent_isNotNamed_evenByAnIncidentThatSetItsStatus() throws Exception {
        http.perform(get("/api/v1/incidents/inc-outage"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components").value(contains("api")))
                .andExpect(content().string(not(containsString("probe"))));
    }

    @Test
    void unknownIncident_is404Problem() throws Exception {
        http.perform(get("/api/v1/incidents/inc-nope"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.incident").value("inc-nope"));
    }

    // ------------------------------------------------------------ /api/v1/analytics/mttr

    @Test
    void mttr_byDefault_oneGroupWithoutRetracted_andOpenCountedApart() throws Exception {
        http.perform(get("/api/v1/analytics/mttr"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.groups", hasSize(1)))
                .andExpect(jsonPath("$.groups[0].key").value("all"))
                .andExpect(jsonPath("$.groups[0].incidents").value(3))
                .andExpect(jsonPath("$.groups[0].open").value(1))
                .andExpect(jsonPath("$.groups[0].timeToDetect.count").value(3))
                .andExpect(jsonPath("$.groups[0].timeToDetect.mean").value(0.0))
                .andExpect(jsonPath("$.groups[0].timeToIdentify.count").value(2))
                .andExpect(jsonPath("$.groups[0].timeToIdentify.mean").value(2700.0))
                .andExpect(jsonPath("$.groups[0].timeToMitigate.max").value(4500.0))
                .andExpect(jsonPath("$.groups[0].timeToResolve.count").value(2))
                .andExpect(jsonPath("$.groups[0].timeToResolve.mean").value(5850.0))
                .andExpect(jsonPath("$.groups[0].timeToResolve.median").value(5850.0))
                .andExpect(jsonPath("$.groups[0].timeToResolve.p90").value(6210.0))
                .andExpect(jsonPath("$.groups[0].timeToResolve.max").value(6300.0));
    }

    @Test
    void mttr_groupedByMonth_countsByStart() throws Exception {
        http.perform(get("/api/v1/analytics/mttr").param("groupBy", "month"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.groupBy").value("month"))
                .andExpect(jsonPath("$.groups[*].key").value(contains("2024-03", "2024-04")))
                .andExpect(jsonPath("$.groups[0].incidents").value(2))
                .andExpect(jsonPath("$.groups[0].open").value(0))
                .andExpect(jsonPath("$.groups[1].incidents").value(1))
                .andExpect(jsonPath("$.groups[1].open").value(1))
                .andExpect(jsonPath("$.groups[1].timeToResolve.count").value(0))
                .andExpect(jsonPath("$.groups[1].timeToResolve.mean").value(nullValue()));
    }

    @Test
    void mttr_groupedByIsoWeek() throws Exception {
        http.perform(get("/api/v1/analytics/mttr").param("groupBy", "week"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.groups[*].key").value(contains("2024-W10", "2024-W11", "2024-W14")));
    }

    @Test
    void mttr_groupedByImpact_inImpactOrder() throws Exception {
        http.perform(get("/api/v1/analytics/mttr").param("groupBy", "impact"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.groups[*].key").value(contains("minor", "major")))
                .andExpect(jsonPath("$.groups[1].timeToResolve.max").value(5400.0));
    }

    @Test
    void mttr_groupedByComponent() throws Exception {
        http.perform(get("/api/v1/analytics/mttr").param("groupBy", "component"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.groups[*].key").value(contains("(no component)", "api", "web-app")))
                .andExpect(jsonPath("$.groups[*].incidents").value(contains(1, 1, 1)));
        http.perform(get("/api/v1/analytics/mttr.csv").param("groupBy", "component"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("\napi,")))
                .andExpect(content().string(not(containsString("probe"))));
    }

    @Test
    void mttr_filters() throws Exception {
        http.perform(get("/api/v1/analytics/mttr").param("includeRetracted", "true"))
                .andExpect(jsonPath("$.groups[0].incidents").value(4));
        http.perform(get("/api/v1/analytics/mttr").param("impact", "major"))
                .andExpect(jsonPath("$.groups[0].incidents").value(1))
                .andExpect(jsonPath("$.groups[0].timeToResolve.mean").value(5400.0));
        http.perform(get("/api/v1/analytics/mttr").param("component", "api"))
                .andExpect(jsonPath("$.groups[0].incidents").value(1));
        http.perform(get("/api/v1/analytics/mttr").param("component", "api").param("component", "web-app"))
                .andExpect(jsonPath("$.groups[0].incidents").value(2))
                .andExpect(jsonPath("$.filters.components").value(contains("api", "web-app")));
        http.perform(get("/api/v1/analytics/mttr").param("from", "2024-03-10").param("to", "2024-04-01"))
                .andExpect(jsonPath("$.groups[0].incidents").value(1))
                .andExpect(jsonPath("$.groups[0].timeToResolve.mean").value(6300.0))
                .andExpect(jsonPath("$.filters.from").value("2024-03-10T00:00:00Z"))
                .andExpect(jsonPath("$.filters.to").value("2024-04-01T00:00:00Z"));
    }

    @Test
    void mttr_instantsWithAnOffset_areTheInstantTheyName() throws Exception {
        // 10:30+01:00 is 09:30Z: inc-reopen (started 10:00Z) is inside [09:30Z, 10:30Z)
        http.perform(get("/api/v1/analytics/mttr")
                        .param("from", "2024-03-12T10:30:00+01:00")
                        .param("to", "2024-03-12T11:30:00+01:00"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.filters.from").value("2024-03-12T09:30:00Z"))
                .andExpect(jsonPath("$.groups[0].incidents").value(1))
                .andExpect(jsonPath("$.groups[0].timeToResolve.max").value(6300.0));
        // half-open: an incident starting exactly at `to` is out
        http.perform(get("/api/v1/analytics/mttr")
                        .param("from", "2024-03-12T09:00:00Z")
                        .param("to", "2024-03-12T10:00:00Z"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.groups", empty()));
    }

    @Test
    void mttr_asCsv_withStableHeaderRow() throws Exception {
        String csv = http.perform(get("/api/v1/analytics/mttr")
                        .param("groupBy", "month")
                        .accept(MediaType.parseMediaType("text/csv")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo(String.join(",", MttrReport.CSV_COLUMNS));
        assertThat(lines[0]).startsWith("group,incidents,open,detect_count,");
        assertThat(lines[1]).startsWith("2024-03,2,0,2,");
        assertThat(lines[1]).endsWith(",2,5850,5850,6210,6300");
        assertThat(lines[2]).startsWith("2024-04,1,1,");
    }

    @Test
    void mttr_noAcceptHeader_isJson() throws Exception {
        http.perform(get("/api/v1/analytics/mttr").header("Accept", "*/*"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
    }

    @Test
    void mttr_badParameters_areProblemsNamingTheParameter() throws Exception {
        badParameter(get("/api/v1/analytics/mttr").param("from", "yesterday"), 400, "from");
        badParameter(get("/api/v1/analytics/mttr").param("to", "2024-02-30"), 400, "to");
        badParameter(get("/api/v1/analytics/mttr").param("from", "2024-03-01T10:00:00"), 400, "from");
        badParameter(get("/api/v1/analytics/mttr").param("impact", "severe"), 400, "impact");
        badParameter(get("/api/v1/analytics/mttr").param("groupBy", "year"), 400, "groupBy");
        badParameter(get("/api/v1/analytics/mttr").param("includeRetracted", "yes"), 400, "includeRetracted");
        badParameter(get("/api/v1/analytics/mttr").param("component", ""), 400, "component");
        badParameter(get("/api/v1/analytics/mttr").param("from", "2024-03-10").param("to", "2024-03-10"), 422, "to");
        badParameter(get("/api/v1/analytics/mttr").param("from", "2024-03-10").param("to", "2024-03-01"), 422, "to");
    }

    @Test
    void mttr_badParameter_whenAskingForCsv_isStillAProblem() throws Exception {
        badParameter(
                get("/api/v1/analytics/mttr").param("groupBy", "year").accept(MediaType.parseMediaType("text/csv")),
                400,
                "groupBy");
    }

    // ------------------------------------------------------------ /api/v1/components/{id}/uptime

    @Test
    void uptime_perUtcDay_withMinutesPerStatusAndIncidents() throws Exception {
        http.perform(get("/api/v1/components/api/uptime")
                        .param("from", "2024-03-05")
                        .param("to", "2024-03-06"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.componentId").value("api"))
                .andExpect(jsonPath("$.from").value("2024-03-05"))
                .andExpect(jsonPath("$.to").value("2024-03-06"))
                .andExpect(jsonPath("$.entries", hasSize(2)))
                .andExpect(jsonPath("$.entries[0].date").value("2024-03-05"))
                .andExpect(jsonPath("$.entries[0].minutes.partial_outage").value(closeTo(60.0, 1e-9)))
                .andExpect(jsonPath("$.entries[0].minutes.major_outage").value(closeTo(30.0, 1e-9)))
                .andExpect(jsonPath("$.entries[0].minutes.degraded_performance").value(closeTo(0.0, 1e-9)))
                .andExpect(jsonPath("$.entries[0].uptimePercent").value(closeTo(96.6667, 0.001)))
                .andExpect(jsonPath("$.entries[0].worstStatus").value("major_outage"))
                .andExpect(jsonPath("$.entries[0].incidents").value(contains("inc-outage")))
                .andExpect(jsonPath("$.entries[1].date").value("2024-03-06"))
                .andExpect(jsonPath("$.entries[1].uptimePercent").value(closeTo(100.0, 1e-9)))
                .andExpect(jsonPath("$.entries[1].worstStatus").value("operational"))
                .andExpect(jsonPath("$.entries[1].incidents", empty()))
                .andExpect(jsonPath("$.uptimePercent").value(closeTo(100 * (1 - 48.0 / 2880), 0.001)));
    }

    @Test
    void uptime_defaultsToTheLast90DaysUpToTodayOfTheClock() throws Exception {
        http.perform(get("/api/v1/components/web-app/uptime"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.entries", hasSize(90)))
                .andExpect(jsonPath("$.from").value("2024-01-05"))
                .andExpect(jsonPath("$.to").value("2024-04-03"))
                .andExpect(jsonPath("$.entries[89].date").value("2024-04-03"))
                .andExpect(jsonPath("$.entries[89].worstStatus").value("degraded_performance"))
                .andExpect(jsonPath("$.entries[89].incidents").value(contains("inc-open")))
                // before the component existed: nothing observed
                .andExpect(jsonPath("$.entries[0].uptimePercent").value(nullValue()))
                // a retracted incident's time never counts
                .andExpect(jsonPath("$.entries[?(@.date == '2024-03-07')].worstStatus")
                        .value(contains("operational")));
        http.perform(get("/api/v1/components/web-app/uptime").param("days", "7"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.entries", hasSize(7)))
                .andExpect(jsonPath("$.from").value("2024-03-28"));
    }

    @Test
    void uptime_unknownComponent_is404Problem() throws Exception {
        http.perform(get("/api/v1/components/nope/uptime"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.component").value("nope"));
    }

    @Test
    void uptime_badParameters_areProblemsNamingTheParameter() throws Exception {
        badParameter(get("/api/v1/components/api/uptime").param("days", "0"), 422, "days");
        badParameter(get("/api/v1/components/api/uptime").param("days", "366"), 422, "days");
        badParameter(get("/api/v1/components/api/uptime").param("days", "ninety"), 400, "days");
        badParameter(get("/api/v1/components/api/uptime").param("from", "2024-13-01"), 400, "from");
        badParameter(get("/api/v1/components/api/uptime").param("to", "03/05/2024"), 400, "to");
        badParameter(
                get("/api/v1/components/api/uptime").param("from", "2024-03-06").param("to", "2024-03-05"), 422, "to");
        badParameter(
                get("/api/v1/components/api/uptime").param("from", "2023-01-01").param("to", "2024-03-05"), 422, "to");
    }

    // ------------------------------------------------------------ read-your-writes

    @Test
    void readYourWrites_onAnalyticsPaths() throws Exception {
        http.perform(get("/api/v1/incidents/inc-outage").header(ReadYourWrites.AWAIT_VERSION, "inc-outage=4"))
                .andExpect(status().isOk())
                .andExpect(header().string(ReadYourWrites.AWAITED_VERSION, ReadYourWrites.REACHED));
        MvcResult waiting = http.perform(
                        get("/api/v1/analytics/mttr").header(ReadYourWrites.AWAIT_VERSION, "inc-outage=5"))
                .andExpect(request().asyncStarted())
                .andReturn();
        http.perform(asyncDispatch(waiting))
                .andExpect(status().isOk())
                .andExpect(header().string(ReadYourWrites.AWAITED_VERSION, ReadYourWrites.TIMEOUT));
        http.perform(get("/api/v1/components/api/uptime").header(ReadYourWrites.AWAIT_VERSION, "inc-outage=x"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.header").value(ReadYourWrites.AWAIT_VERSION));
    }

    private void badParameter(org.springframework.test.web.servlet.RequestBuilder request, int status, String parameter)
            throws Exception {
        ResultActions result = http.perform(request);
        result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.parameter").value(parameter))
                .andExpect(jsonPath("$.detail", containsString(parameter)));
    }
}
