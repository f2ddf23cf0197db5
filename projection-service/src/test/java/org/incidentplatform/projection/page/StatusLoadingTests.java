package org.incidentplatform.projection.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.incidentplatform.projection.live.LiveStatus;
import org.incidentplatform.projection.security.SecurityConfiguration;
import org.incidentplatform.schemas.given.GivenEvents;
import org.jsoup.Jsoup;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

/** Before the first catch-up the page shows nothing it might have to take back. */
@WebMvcTest(StatusPageController.class)
@Import({StatusLoadingTests.Given.class, SecurityConfiguration.class})
class StatusLoadingTests {

    @TestConfiguration(proxyBeanMethods = false)
    static class Given {

        /** Started, still reading the log. */
        @Bean
        LiveStatus liveStatus() {
            LiveStatus live = new LiveStatus(Clock.fixed(Instant.parse("2026-03-02T12:00:00Z"), ZoneOffset.UTC));
            new GivenEvents().standardCatalogue().events().forEach(live::apply);
            return live;
        }
    }

    @Autowired
    MockMvc http;

    @ParameterizedTest
    @ValueSource(strings = {"/", "/incidents/inc-1", "/history.atom", "/history.rss"})
    void everyPage_is503WithRetryAfter_untilTheLogIsCaughtUp(String path) throws Exception {
        String html = http.perform(get(path))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
                .andExpect(header().doesNotExist(HttpHeaders.ETAG))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(Jsoup.parse(html).selectFirst("h1").text()).isEqualTo("The status is loading");
    }
}
