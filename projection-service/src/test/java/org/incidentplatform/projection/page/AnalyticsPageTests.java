package org.incidentplatform.projection.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentplatform.events.ComponentStatus.partial_outage;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.incidentplatform.events.Impact;
import org.incidentplatform.projection.live.LiveStatus;
import org.incidentplatform.projection.security.SecurityConfiguration;
import org.incidentplatform.schemas.given.GivenEvents;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The analytics page as HTML, over a known log read on 2 Mar 2026 at 12:00 UTC: in January two incidents
 * resolved in 2 h and 4 h, in February one in 30 min (api partial outage throughout) and one declared in
 * error that would have been the slowest, in March one still open.
 */
@WebMvcTest(controllers = StatusPageController.class, properties = "projection-service.page.name=Acme Cloud")
@Import({AnalyticsPageTests.Given.class, SecurityConfiguration.class})
class AnalyticsPageTests {

    static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");

    @TestConfiguration(proxyBeanMethods = false)
    static class Given {

        @Bean
        MutableClock clock() {
            return new MutableClock(NOW);
        }

        @Bean
        LiveStatus liveStatus(MutableClock clock) {
            return LiveStatus.of(clock, knownLog().events());
        }
    }

    @Autowired
    MockMvc http;

    @Autowired
    LiveStatus live;

    @Autowired
    StatusPageController controller;

    static GivenEvents knownLog() {
        GivenEvents given = new GivenEvents();
        given.at(Instant.parse("2025-12-01T00:01:00Z")).standardCatalogue();
        given.at(Instant.parse("2026-01-10T08:00:00Z"));
        given.declared("inc-jan-a", "Login errors", Impact.minor, "Looking", Map.of())
                .after(Duration.ofMinutes(119))
                .resolved("Fixed");
        given.at(Instant.parse("2026-01-20T08:00:00Z"));
        given.declared("inc-jan-b", "Database failover", Impact.major, "Looking", Map.of())
                .after(Duration.ofMinutes(239))
                .resolved("Fixed");
        given.at(Instant.parse("2026-02-05T08:00:00Z"));
        given.declared("inc-feb", "Slow API", Impact.minor, "Looking", Map.of("api", partial_outage))
                .after(Duration.ofMinutes(29))
                .resolved("Fixed");
        given.at(Instant.parse("2026-02-10T08:00:00Z"));
        given.declared("inc-oops", "Not an incident", Impact.critical, "Oops", Map.of())
                .after(Duration.ofDays(3))
                .resolved("Never was")
                .retracted();
        given.at(Instant.parse("2026-03-02T10:00:00Z"));
        given.declared("inc-mar", "Webhooks delayed", Impact.minor, "Looking", Map.of());
        return given;
    }

    private Document page() throws Exception {
        String html = http.perform(get("/analytics"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        return Jsoup.parse(html);
    }

    @Test
    void trend_isAnInlineSvgLineChart_ofMeanAndMedianTimeToResolvePerMonth_withGapsForEmptyMonths() throws Exception {
        Element chart = page().selectFirst("figure.chart svg");

        assertThat(chart.attr("role")).isEqualTo("img");
        assertThat(chart.selectFirst("title").text()).isEqualTo("Mean and median time to resolve per month");
        assertThat(chart.select("text.month").eachText())
                .hasSize(12)
                .startsWith("Apr 2025")
                .endsWith("Mar 2026");
        // the largest mean is 3 h, so the axis counts hours up to 4
        assertThat(chart.selectFirst("text.axis-unit").text()).isEqualTo("hours");
        assertThat(chart.select("text.tick").eachText()).containsExactly("0", "1", "2", "3", "4");
        Element mean = chart.selectFirst(".series-mean");
        assertThat(mean.select("polyline"))
                .as("January and February, side by side")
                .hasSize(1);
        assertThat(mean.select("circle title").eachText())
                .containsExactly(
                        "Mean time to resolve, January 2026: 3 hours",
                        "Mean time to resolve, February 2026: 0.5 hours");
        assertThat(chart.select(".series-median circle title").eachText())
                .containsExactly(
                        "Median time to resolve, January 2026: 3 hours",
                        "Median time to resolve, February 2026: 0.5 hours");
        Element january = mean.select("circle").get(0);
        int plotBottom = TrendChart.HEIGHT - TrendChart.BOTTOM;
        int plotHeight = plotBottom - TrendChart.TOP;
        assertThat(Double.parseDouble(january.attr("cy")))
                .as("3 of 4 hours up the plot")
                .isEqualTo(plotBottom - plotHeight * 0.75);
    }

    @Test
    void trend_hasATableWithTheSameFigures_forEveryMonthAndAllFourDurations() throws Exception {
        List<Element> rows = page().select("table.mttx tbody tr");

        assertThat(rows).hasSize(12);
        Element january = rows.get(9);
        assertThat(january.attr("data-month")).isEqualTo("2026-01");
        // resolving is reaching identified and mitigated too (ARCHITECTURE.md, Durations: "or later")
        assertThat(january.select("th, td").eachText())
                .containsExactly(
                        "January 2026",
                        "2",
                        "0 s / 0 s",
                        "3 h 00 min / 3 h 00 min",
                        "3 h 00 min / 3 h 00 min",
                        "3 h 00 min / 3 h 00 min",
                        "3 h 48 min");
        assertThat(rows.get(10).select("td").eachText()).startsWith("1").contains("30 min / 30 min");
        assertThat(rows.get(11).select("td").get(0).text())
                .as("March: one incident, still open")
                .isEqualTo("1");
        assertThat(rows.get(0).select("td").eachText()).containsExactly("0", "—", "—", "—", "—", "—");
    }

    @Test
    void slowestIncidents_slowestFirst_linkingToTheirTimelines_withoutOnesDeclaredInError() throws Exception {
        List<Element> slowest = page().select("ol.slowest > li");

        assertThat(slowest)
                .extracting(li -> li.selectFirst("a").text())
                .containsExactly("Database failover", "Login errors", "Slow API");
        assertThat(slowest.get(0).selectFirst("a").attr("href")).isEqualTo("/incidents/inc-jan-b");
        assertThat(slowest.get(0).selectFirst(".ttr").text()).isEqualTo("4 h 00 min");
        assertThat(slowest.get(0).selectFirst(".impact-label").text()).isEqualTo("Major impact");
        assertThat(slowest.get(0).selectFirst("time").attr("datetime")).isEqualTo("2026-01-20T08:00:00Z");
    }

    @Test
    void uptimePerComponent_overTheLast90Days_withMinutesPerStatus() throws Exception {
        Document page = page();

        Element api = page.selectFirst("table.uptime-table tr[data-component=api]");
        // observed 89 days and 12 hours; 30 partial minutes at 0.3
        assertThat(api.select("th, td").eachText())
                .containsExactly(
                        "API", UptimeBars.percent(100 * (1 - 9.0 / (89 * 1440 + 720))) + " %", "—", "30 min", "—", "—");
        assertThat(page.selectFirst("table.uptime-table tr[data-component=docs] .percent")
                        .text())
                .isEqualTo("100.00 %");
    }

    @Test
    void csvDownload_coversTheChartsMonths_atAnAddressThatAlwaysAnswersCsv() throws Exception {
        Element link = page().selectFirst("a.csv");

        assertThat(link.attr("href")).isEqualTo("/api/v1/analytics/mttr.csv?groupBy=month&from=2025-04-01");
        assertThat(link.text()).isEqualTo("Download the monthly figures (CSV)");
    }

    @Test
    void analyticsPage_isAccessibleHtml_linkedFromTheStatusPage() throws Exception {
        Document page = page();

        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(page.select("h1")).hasSize(1);
        assertThat(page.select("table caption")).hasSize(2);
        assertThat(page.select("table th[scope=col]")).isNotEmpty();
        assertThat(page.title()).isEqualTo("Analytics · Acme Cloud");
        String status = http.perform(get("/")).andReturn().getResponse().getContentAsString();
        assertThat(Jsoup.parse(status).select("footer a[href=/analytics]")).hasSize(1);
    }

    @Test
    @DirtiesContext
    void analyticsPage_isRenderedOncePerVersion_andRevalidatesWith304() throws Exception {
        String etag = http.perform(get("/analytics"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=10, public"))
                .andReturn()
                .getResponse()
                .getHeader(HttpHeaders.ETAG);
        long rendered = controller.renders();

        http.perform(get("/analytics")).andExpect(status().isOk()).andExpect(header().string(HttpHeaders.ETAG, etag));
        http.perform(get("/analytics").header(HttpHeaders.IF_NONE_MATCH, etag)).andExpect(status().isNotModified());

        assertThat(controller.renders()).isEqualTo(rendered);
        GivenEvents more = knownLog();
        more.incident("inc-mar").resolved("Fixed");
        more.takeNew().forEach(live::apply);
        http.perform(get("/analytics").header(HttpHeaders.IF_NONE_MATCH, etag)).andExpect(status().isOk());
        assertThat(controller.renders()).isEqualTo(rendered + 1);
    }
}
