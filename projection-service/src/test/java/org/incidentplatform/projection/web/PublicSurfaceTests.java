package org.incidentplatform.projection.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.incidentplatform.projection.live.LiveStatus;
import org.incidentplatform.projection.security.SecurityConfiguration;
import org.junit.jupiter.api.Test;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public surface of the whole web layer (every controller and advice, the security chain, springdoc):
 * the OpenAPI description names each API operation with a summary, and errors are problem details, also
 * where no controller was reached.
 */
@WebMvcTest
@Import({PublicSurfaceTests.Given.class, SecurityConfiguration.class, ApiDocumentation.class})
@ImportAutoConfiguration({
    SpringDocConfiguration.class,
    SpringDocConfigProperties.class,
    SpringDocWebMvcConfiguration.class
})
class PublicSurfaceTests {

    /** What Chromium and Firefox send for a page. */
    static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    /** Every operation of the JSON and CSV APIs, as "METHOD path". */
    static final List<String> API = List.of(
            "GET /api/v1/analytics/mttr",
            "GET /api/v1/analytics/mttr.csv",
            "GET /api/v1/component-groups/{id}/uptime",
            "GET /api/v1/components/{id}/uptime",
            "GET /api/v1/incidents/{id}",
            "GET /api/v2/components.json",
            "GET /api/v2/incidents.json",
            "GET /api/v2/incidents/unresolved.json",
            "GET /api/v2/scheduled-maintenances.json",
            "GET /api/v2/scheduled-maintenances/active.json",
            "GET /api/v2/scheduled-maintenances/upcoming.json",
            "GET /api/v2/status.json",
            "GET /api/v2/summary.json");

    @TestConfiguration(proxyBeanMethods = false)
    static class Given {

        @Bean
        LiveStatus liveStatus() {
            return LiveStatus.of(Clock.systemUTC(), List.of());
        }
    }

    @Autowired
    MockMvc http;

    @Test
    void apiDocs_listEveryApiOperation_eachWithASummary_andTheProblemsItMayAnswer() throws Exception {
        String body = http.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.info.title").value("projection-service"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        JsonNode paths = JsonMapper.builder().build().readTree(body).path("paths");

        Map<String, String> summaries = new TreeMap<>();
        List<String> withoutProblems = new ArrayList<>();
        paths.properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    String name = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                    summaries.put(name, operation.getValue().path("summary").asText(""));
                    if (!operation.getValue().path("responses").has("503")) {
                        withoutProblems.add(name);
                    }
                }));
        assertThat(summaries.keySet())
                .as("the HTML pages and feeds are not described")
                .containsExactlyElementsOf(API);
        assertThat(summaries)
                .allSatisfy((operation, summary) ->
                        assertThat(summary).as(operation).isNotBlank());
        assertThat(withoutProblems).isEmpty();
        assertThat(paths.path("/api/v1/components/{id}/uptime")
                        .path("get")
                        .path("responses")
                        .has("404"))
                .isTrue();
        assertThat(paths.path("/api/v2/summary.json")
                        .path("get")
                        .path("responses")
                        .has("404"))
                .as("a Statuspage document names no id")
                .isFalse();
    }

    @Test
    void unknownPath_is404Problem_forAnApiClientAndABrowserAlike() throws Exception {
        for (String accept : new String[] {MediaType.ALL_VALUE, MediaType.APPLICATION_JSON_VALUE, BROWSER_ACCEPT}) {
            http.perform(get("/api/v2/nothing-here.json").header(HttpHeaders.ACCEPT, accept))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.status").value(404))
                    .andExpect(jsonPath("$.detail").value("no endpoint GET /api/v2/nothing-here.json"));
        }
        http.perform(get("/no/such/page"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void wrongMethod_is405Problem() throws Exception {
        http.perform(post("/api/v2/summary.json"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(405));
    }

    @Test
    void badDateOnAHistoryPage_is400Problem_evenForABrowser() throws Exception {
        http.perform(get("/history/2026-02-30").header(HttpHeaders.ACCEPT, BROWSER_ACCEPT))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.parameter").value("date"));
    }

    @Test
    void badQueryParameter_whenAskingForCsv_isStillAProblem() throws Exception {
        http.perform(get("/api/v1/analytics/mttr").param("from", "soon").header(HttpHeaders.ACCEPT, "text/csv"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.parameter").value("from"));
    }
}
