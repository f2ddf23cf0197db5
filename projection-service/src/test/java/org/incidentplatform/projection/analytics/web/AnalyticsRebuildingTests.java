package org.incidentplatform.projection.analytics.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.incidentplatform.projection.live.LiveStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** While the log is still being replayed the numbers would be wrong: 503, not a partial answer. */
@AnalyticsSlice
@Import(AnalyticsRebuildingTests.Replaying.class)
class AnalyticsRebuildingTests {

    @TestConfiguration(proxyBeanMethods = false)
    static class Replaying {

        @Bean
        LiveStatus liveStatus() {
            return KnownIncidents.replaying(KnownIncidents.known());
        }
    }

    @Autowired
    MockMvc http;

    @Test
    void everyEndpoint_is503WithRetryAfter_untilCaughtUp() throws Exception {
        for (String path :
                new String[] {"/api/v1/incidents/inc-outage", "/api/v1/analytics/mttr", "/api/v1/components/api/uptime"
                }) {
            http.perform(get(path))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().exists("Retry-After"))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
    }
}
