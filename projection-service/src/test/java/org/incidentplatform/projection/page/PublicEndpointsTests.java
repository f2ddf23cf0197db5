package org.incidentplatform.projection.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentplatform.events.ComponentStatus.degraded_performance;
import static org.incidentplatform.events.ComponentStatus.major_outage;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.incidentplatform.events.Impact;
import org.incidentplatform.projection.live.LiveStatus;
import org.incidentplatform.projection.security.SecurityConfiguration;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What the public may see, across every public read this service has (the page, its feeds, the
 * Statuspage API and the analytics API, all controllers together): an incident declared in error and a
 * component kept off the page show nowhere, by id or by name.
 */
@WebMvcTest(
        properties = {
            "projection-service.page.id=acme-page",
            "projection-service.page.name=Acme Cloud",
            "projection-service.page.url=https://status.example.com"
        })
@Import({PublicEndpointsTests.Given.class, SecurityConfiguration.class})
class PublicEndpointsTests {

    static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    /** Every public read that lists or tells about incidents or components, each answered 200 here. */
    static final List<String> PUBLIC_READS = List.of(
            "/",
            "/history/2026-03-02",
            "/history",
            "/history.atom",
            "/history.rss",
            "/analytics",
            "/incidents/inc-real",
            "/api/v2/summary.json",
            "/api/v2/status.json",
            "/api/v2/components.json",
            "/api/v2/incidents.json",
            "/api/v2/incidents/unresolved.json",
            "/api/v2/scheduled-maintenances.json",
            "/api/v2/scheduled-maintenances/upcoming.json",
            "/api/v2/scheduled-maintenances/active.json",
            "/api/v1/incidents/inc-real",
            "/api/v1/analytics/mttr?groupBy=component",
            "/api/v1/analytics/mttr.csv?groupBy=component",
            "/api/v1/components/api/uptime",
            "/api/v1/components/docs/uptime");

    @TestConfiguration(proxyBeanMethods = false)
    static class Given {

        @Bean
        MutableClock clock() {
            return new MutableClock(NOW);
        }

        /**
         * inc-oops took the API down by mistake and was retracted; inc-real, still going, degrades the docs
         * and says the hidden internal database is down.
         */
        @Bean
        LiveStatus liveStatus(MutableClock clock) {
            GivenEvents given = new GivenEvents().standardCatalogue();
            given.catalogue().hiddenComponentAdded("internal-db", "Internal Database");
            given.declared(
                    "inc-oops",
                    "Declared by mistake",
                    Impact.critical,
                    "Oops",
                    Map.of("api", major_outage, "internal-db", major_outage));
            given.incident("inc-oops").retracted();
            given.declared(
                    "inc-real",
                    "Real trouble",
                    Impact.minor,
                    "Docs are slow",
                    Map.of("docs", degraded_performance, "internal-db", major_outage));
            return LiveStatus.of(clock, given.events());
        }
    }

    @Autowired
    MockMvc http;

    @Test
    void retractedIncident_isNotFound_onEveryPublicEndpoint() throws Exception {
        http.perform(get("/incidents/inc-oops").header(HttpHeaders.ACCEPT, BROWSER_ACCEPT))
                .andExpect(status().isNotFound());
        http.perform(get("/incidents/inc-oops").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isNotFound());
        http.perform(get("/api/v1/incidents/inc-oops")).andExpect(status().isNotFound());

        for (String path : PUBLIC_READS) {
            assertThat(read(path)).as(path).doesNotContain("inc-oops", "Declared by mistake", "Oops");
        }
    }

    @Test
    void hiddenComponent_appearsOnNoPublicEndpoint_evenWhereAnIncidentSetItsStatus() throws Exception {
        http.perform(get("/api/v1/components/internal-db/uptime")).andExpect(status().isNotFound());

        for (String path : PUBLIC_READS) {
            assertThat(read(path)).as(path).doesNotContain("internal-db", "Internal Database");
        }
        assertThat(read("/api/v1/incidents/inc-real"))
                .as("the incident is there, without the hidden component")
                .contains("\"components\":[\"docs\"]");
    }

    private String read(String path) throws Exception {
        return http.perform(get(path).header(HttpHeaders.ACCEPT, path.startsWith("/api") ? "*/*" : BROWSER_ACCEPT))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
