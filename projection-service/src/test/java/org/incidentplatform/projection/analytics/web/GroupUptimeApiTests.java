package org.incidentplatform.projection.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.projection.analytics.MttrReport;
import org.incidentplatform.projection.live.LiveStatus;
import org.incidentplatform.projection.statuspage.ReadYourWrites;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * Group uptime and the CSV by address, over {@link KnownIncidents#known()} with api and web-app put in a group
 * {@code core}, and web-app in major outage from 10:30 to 10:45 on 2024-03-05, inside api's outage
 * (partial 10:00–11:00, major 11:00–11:30). The partial-outage weight is set to 0.5 here, not DESIGN's 0.3,
 * to show the setting reaches the answers.
 */
@AnalyticsSlice
@Import(GroupUptimeApiTests.GroupedLog.class)
@TestPropertySource(properties = "projection-service.analytics.partial-outage-weight=0.5")
class GroupUptimeApiTests {

    @TestConfiguration(proxyBeanMethods = false)
    static class GroupedLog {

        @Bean
        LiveStatus liveStatus() {
            GivenEvents given = KnownIncidents.known();
            given.at(Instant.parse("2024-03-01T00:02:00Z"))
                    .catalogue()
                    .groupAdded("core", "Core", 0)
                    .at(Instant.parse("2024-03-01T00:03:00Z"))
                    .movedToGroup("api", "core", 0)
                    .at(Instant.parse("2024-03-01T00:03:00Z"))
                    .movedToGroup("web-app", "core", 0);
            given.at(Instant.parse("2024-03-05T10:30:00Z"))
                    .declared(
                            "inc-web",
                            "Web down",
                            Impact.major,
                            "Investigating Web down",
                            Map.of("web-app", ComponentStatus.major_outage))
                    .at(Instant.parse("2024-03-05T10:45:00Z"))
                    .resolved();
            return KnownIncidents.caughtUp(given);
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

    @Test
    void groupUptime_countsEachMinuteAtItsWorstMembersStatus() throws Exception {
        // partial 10:00-10:30 and 10:45-11:00, major 10:30-10:45 (web-app) and 11:00-11:30 (api)
        http.perform(get("/api/v1/component-groups/core/uptime")
                        .param("from", "2024-03-05")
                        .param("to", "2024-03-05"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.groupId").value("core"))
                .andExpect(jsonPath("$.name").value("Core"))
                .andExpect(jsonPath("$.components").value(contains("api", "web-app")))
                .andExpect(jsonPath("$.partialWeight").value(0.5))
                .andExpect(jsonPath("$.entries", hasSize(1)))
                .andExpect(jsonPath("$.entries[0].minutes.partial_outage").value(closeTo(45.0, 1e-9)))
                .andExpect(jsonPath("$.entries[0].minutes.major_outage").value(closeTo(45.0, 1e-9)))
                .andExpect(jsonPath("$.entries[0].worstStatus").value("major_outage"))
                .andExpect(jsonPath("$.entries[0].incidents").value(contains("inc-outage", "inc-web")))
                .andExpect(jsonPath("$.uptimePercent").value(closeTo(100 * (1 - (45 + 0.5 * 45) / 1440.0), 1e-9)));
    }

    @Test
    void componentUptime_usesTheConfiguredWeightToo() throws Exception {
        http.perform(get("/api/v1/components/api/uptime")
                        .param("from", "2024-03-05")
                        .param("to", "2024-03-05"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.partialWeight").value(0.5))
                .andExpect(jsonPath("$.uptimePercent").value(closeTo(100 * (1 - (30 + 0.5 * 60) / 1440.0), 1e-9)));
    }

    @Test
    void groupUptime_defaultsToTheLast90Days_andAcceptsDays() throws Exception {
        http.perform(get("/api/v1/component-groups/core/uptime"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.entries", hasSize(90)))
                .andExpect(jsonPath("$.to").value("2024-04-03"))
                .andExpect(jsonPath("$.entries[89].worstStatus").value("degraded_performance"));
        http.perform(get("/api/v1/component-groups/core/uptime").param("days", "3"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.from").value("2024-04-01"));
    }

    @Test
    void groupUptime_unknownGroup_is404ProblemNamingIt() throws Exception {
        http.perform(get("/api/v1/component-groups/nope/uptime"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.group").value("nope"));
        // a component is not a group
        http.perform(get("/api/v1/component-groups/api/uptime")).andExpect(status().isNotFound());
    }

    @Test
    void groupUptime_badParameters_areProblemsNamingTheParameter() throws Exception {
        badParameter(get("/api/v1/component-groups/core/uptime").param("days", "0"), 422, "days");
        badParameter(get("/api/v1/component-groups/core/uptime").param("days", "lots"), 400, "days");
        badParameter(get("/api/v1/component-groups/core/uptime").param("from", "2024-02-30"), 400, "from");
        badParameter(
                get("/api/v1/component-groups/core/uptime")
                        .param("from", "2024-03-06")
                        .param("to", "2024-03-05"),
                422,
                "to");
        badParameter(
                get("/api/v1/component-groups/core/uptime")
                        .param("days", "3")
                        .param("from", "2024-03-01")
                        .param("to", "2024-03-05"),
                422,
                "days");
    }

    @Test
    void groupUptime_readsYourWrites() throws Exception {
        http.perform(get("/api/v1/component-groups/core/uptime").header(ReadYourWrites.AWAIT_VERSION, "inc-web=2"))
                .andExpect(status().isOk())
                .andExpect(header().string(ReadYourWrites.AWAITED_VERSION, ReadYourWrites.REACHED));
    }

    @Test
    void mttrCsv_hasItsOwnAddress_answeringCsvWhateverTheRequestAccepts() throws Exception {
        for (String accept : new String[] {"*/*", "text/html,application/xhtml+xml,*/*;q=0.8"}) {
            String csv = http.perform(get("/api/v1/analytics/mttr.csv")
                            .param("groupBy", "month")
                            .header(HttpHeaders.ACCEPT, accept))
                    .andExpect(status().isOk())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv")))
                    .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, containsString("attachment")))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            String[] lines = csv.split("\r\n");
            assertThat(lines[0]).isEqualTo(String.join(",", MttrReport.CSV_COLUMNS));
            assertThat(lines).extracting(line -> line.split(",")[0]).containsExactly("group", "2024-03", "2024-04");
        }
        http.perform(get("/api/v1/analytics/mttr.csv"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("\r\nall,")));
    }

    @Test
    void mttrCsv_badParameter_isAProblemNamingIt() throws Exception {
        badParameter(get("/api/v1/analytics/mttr.csv").param("groupBy", "year"), 400, "groupBy");
        badParameter(get("/api/v1/analytics/mttr.csv").param("from", "soon"), 400, "from");
    }

    private void badParameter(RequestBuilder request, int status, String parameter) throws Exception {
        http.perform(request)
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.parameter").value(parameter))
                .andExpect(jsonPath("$.detail", containsString(parameter)));
    }
}
