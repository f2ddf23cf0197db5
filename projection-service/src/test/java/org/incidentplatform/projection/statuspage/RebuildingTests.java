package org.incidentplatform.projection.statuspage;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.incidentplatform.projection.live.LiveStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/** An instance still replaying the log has applied part of it, and must not present that as the status. */
@StatuspageSlice
@Import(RebuildingTests.PartlyReplayedLog.class)
class RebuildingTests {

    @TestConfiguration(proxyBeanMethods = false)
    static class PartlyReplayedLog {

        @Bean
        LiveStatus liveStatus() {
            LiveStatus live = new LiveStatus(StatuspageLog.CLOCK);
            StatuspageLog.representative().events().forEach(live::apply);
            return live;
        }
    }

    @Autowired
    MockMvc http;

    @ParameterizedTest
    @EnumSource(StatuspageEndpoint.class)
    void beforeTheFirstCatchUp_everyEndpointIsUnavailable_andSaysWhenToAskAgain(StatuspageEndpoint endpoint)
            throws Exception {
        http.perform(get(endpoint.path()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", StatuspageController.REBUILDING_RETRY_AFTER))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(header().doesNotExist("ETag"))
                .andExpect(header().doesNotExist(StatuspageController.DATA_AS_OF))
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.status").value(503))
                .andExpect(jsonPath("$.page").doesNotExist());
    }
}
