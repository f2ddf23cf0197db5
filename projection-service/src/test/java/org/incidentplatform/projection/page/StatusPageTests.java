package org.incidentplatform.projection.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.incidentplatform.events.ComponentStatus.degraded_performance;
import static org.incidentplatform.events.ComponentStatus.major_outage;
import static org.incidentplatform.events.ComponentStatus.partial_outage;
import static org.incidentplatform.events.ComponentStatus.under_maintenance;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.projection.live.LiveStatus;
import org.incidentplatform.projection.security.SecurityConfiguration;
import org.incidentplatform.schemas.given.GivenEvents;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

/** The status page and the incident timeline as HTML: what a reader gets, with its cache headers. */
@WebMvcTest(
        controllers = StatusPageController.class,
        properties = {
            "projection-service.page.name=Acme Cloud",
            "projection-service.page.url=https://status.example.com"
        })
@Import({StatusPageTests.Given.class, SecurityConfiguration.class})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class StatusPageTests {

    /** Reader's clock: the day of the log's first event, a little after it. */
    static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    /** What Chromium and Firefox send for a page. */
    static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @TestConfiguration(proxyBeanMethods = false)
    static class Given {

        @Bean
        MutableClock clock() {
            return new MutableClock(NOW);
        }

        /** Caught up with an empty log; each test appends what it needs. */
        @Bean
        LiveStatus liveStatus(MutableClock clock) {
            return LiveStatus.of(clock, List.of());
        }
    }

    @Autowired
    MockMvc http;

    @Autowired
    LiveStatus live;

    @Autowired
    MutableClock clock;

    @Autowired
    StatusPageController controller;

    private final GivenEvents given = new GivenEvents().standardCatalogue();

    private Document page(String path) throws Exception {
        given.takeNew().forEach(live::apply);
        String html = http.perform(get(path))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return parse(html);
    }

    private static Document parse(String html) {
        Document page = Jsoup.parse(html);
        page.outputSettings().prettyPrint(false);
        return page;
    }

    private static Element component(Document page, String id) {
        Element component = page.selectFirst("[data-component=" + id + "]");
        assertThat(component).as("component %s on the page", id).isNotNull();
        return component;
    }

    @Test
    void statusPage_isAccessibleHtml_forPhones() throws Exception {
        Document page = page("/");

        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(page.selectFirst("meta[name=viewport]").attr("content")).contains("width=device-width");
        assertThat(page.select("header, main, footer, h1, h2")).isNotEmpty();
        assertThat(page.select("h1")).hasSize(1);
        assertThat(page.selectFirst("link[rel=stylesheet]").attr("href")).isEqualTo("/css/status-page.css");
        assertThat(page.selectFirst("link[type=application/atom+xml]").attr("href"))
                .isEqualTo("/history.atom");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "none, All Systems Operational, ✓",
        "minor, Minor Service Outage, !",
        "major, Partial System Outage, !",
        "critical, Major System Outage, ✕",
        "maintenance, Service Under Maintenance, ⚒"
    })
    void banner_saysTheOverallStatus_inWordsAndSymbol_notColourAlone(String indicator, String words, String symbol)
            throws Exception {
        switch (indicator) {
            case "none" -> {}
            case "maintenance" -> {
                given.scheduled(
                                "mnt-1",
                                "Database upgrade",
                                given.now(),
                                given.now().plus(Duration.ofHours(2)),
                                Map.of("api", under_maintenance))
                        .started();
            }
            default -> given.declared("inc-1", "Trouble", Impact.valueOf(indicator), "Looking", Map.of());
        }

        Element banner = page("/").getElementById("banner");

        assertThat(banner.selectFirst("h1").text()).isEqualTo(words);
        assertThat(banner.selectFirst(".symbol").text()).isEqualTo(symbol);
        assertThat(banner.classNames()).contains("banner-" + indicator);
    }

    @Test
    void components_showTheirCurrentStatusInWords_besideTheirName_underTheirGroup() throws Exception {
        given.declared("inc-1", "Slow API", Impact.major, "Looking", Map.of("api", partial_outage));
        given.declared("inc-2", "Docs down", Impact.critical, "Looking", Map.of("docs", major_outage));

        Document page = page("/");

        Element core = page.selectFirst("[data-group=core]");
        assertThat(core.selectFirst(".component-row .component-name").ownText()).isEqualTo("Core");
        assertThat(core.selectFirst(".component-row .status").text())
                .as("a group shows its worst member")
                .isEqualTo("◐ Partial Outage");
        assertThat(core.select(".group-members [data-component]").eachAttr("data-component"))
                .containsExactly("web-app", "api");
        assertThat(component(page, "web-app").select(".component-name").text()).isEqualTo("Web Application");
        assertThat(component(page, "web-app").select(".status").text()).isEqualTo("✓ Operational");
        assertThat(component(page, "api").select(".status").text()).isEqualTo("◐ Partial Outage");
        assertThat(component(page, "api").select(".status").hasClass("status-partial_outage"))
                .isTrue();
        assertThat(component(page, "docs").selectFirst(".component-name").ownText())
                .isEqualTo("Documentation");
        assertThat(component(page, "docs").select(".status").text()).isEqualTo("✕ Major Outage");
        assertThat(page.select(".components > li"))
                .extracting(li -> li.attr("data-group") + "/" + li.attr("data-component"))
                .containsExactly("core/", "/docs");
    }

    @Test
    void activeIncidentsAndMaintenances_showTheirLatestUpdate_andIncidentsLinkToTheirTimeline() throws Exception {
        given.declared(
                        "inc-1",
                        "Elevated API errors",
                        Impact.major,
                        "We are investigating",
                        Map.of("api", partial_outage))
                .updated("A bad deploy; rolling back", IncidentStatus.identified, Map.of());
        given.scheduled(
                "mnt-now",
                "Database upgrade",
                given.now(),
                given.now().plus(Duration.ofHours(1)),
                Map.of("web-app", under_maintenance));
        given.maintenance("mnt-now").started("Works have started");
        given.scheduled(
                "mnt-later",
                "Network works",
                Instant.parse("2026-03-09T02:00:00Z"),
                Instant.parse("2026-03-09T04:00:00Z"),
                Map.of("docs", under_maintenance));

        Document page = page("/");

        Element incident = page.selectFirst("#active-incidents + .incident");
        assertThat(incident.selectFirst("h3 a").text()).isEqualTo("Elevated API errors");
        assertThat(incident.selectFirst("h3 a").attr("href")).isEqualTo("/incidents/inc-1");
        assertThat(incident.selectFirst(".impact-label").text()).isEqualTo("Major impact");
        assertThat(incident.selectFirst(".message").text()).isEqualTo("Identified – A bad deploy; rolling back");
        assertThat(incident.selectFirst(".meta").text()).contains("Affects API");
        Element maintenance = page.selectFirst("#active-maintenances + .maintenance");
        assertThat(maintenance.selectFirst("h3").text()).isEqualTo("Database upgrade");
        assertThat(maintenance.selectFirst(".message").text()).isEqualTo("In progress – Works have started");
        assertThat(component(page, "web-app").select(".status").text()).isEqualTo("⚒ Under Maintenance");
        Element upcoming = page.selectFirst("#upcoming + .maintenance");
        assertThat(upcoming.selectFirst("h3").text()).isEqualTo("Network works");
        assertThat(upcoming.select("time").eachAttr("datetime"))
                .containsExactly("2026-03-09T02:00:00Z", "2026-03-09T04:00:00Z");
        assertThat(upcoming.selectFirst(".meta").text())
                .isEqualTo("Mar 9, 2026, 02:00 UTC to Mar 9, 2026, 04:00 UTC · Affects Documentation");
    }

    @Test
    void pastIncidents_coverTheLastFourteenUtcDays_sayingSoOnQuietDays() throws Exception {
        given.at(Instant.parse("2026-02-27T23:30:00Z"));
        given.declared("inc-old", "Login failures", Impact.minor, "Looking", Map.of("web-app", degraded_performance))
                .resolved("Fixed the login service");
        given.at(Instant.parse("2026-03-02T10:00:00Z"));
        given.declared("inc-today", "Slow pages", Impact.minor, "Looking", Map.of());

        Document page = page("/");

        List<Element> days = page.select(".history > li");
        assertThat(days).hasSize(14);
        assertThat(days.get(0).selectFirst("h3 time").attr("datetime")).isEqualTo("2026-03-02");
        assertThat(days.get(0).selectFirst("h3").text()).isEqualTo("Mar 2, 2026");
        assertThat(days.get(13).selectFirst("h3 time").attr("datetime")).isEqualTo("2026-02-17");
        assertThat(days.get(0).select("ol a").eachText()).containsExactly("Slow pages");
        assertThat(days.get(1).selectFirst(".quiet").text()).isEqualTo("No incidents reported.");
        Element feb27 = days.get(3);
        assertThat(feb27.selectFirst("h3 time").attr("datetime")).isEqualTo("2026-02-27");
        assertThat(feb27.selectFirst("ol a").attr("href")).isEqualTo("/incidents/inc-old");
        assertThat(feb27.selectFirst(".message").text()).isEqualTo("Resolved – Fixed the login service");
        assertThat(page.select(".history .quiet")).hasSize(12);
    }

    @Test
    void retractedIncident_isNowhereOnThePage_andItsTimelineIsNotFound() throws Exception {
        given.declared("inc-keep", "Real trouble", Impact.minor, "Looking", Map.of());
        given.declared("inc-oops", "Declared by mistake", Impact.critical, "Oops", Map.of("api", major_outage))
                .retracted();

        Document page = page("/");

        assertThat(page.text()).contains("Real trouble").doesNotContain("Declared by mistake");
        assertThat(page.getElementById("banner").text()).contains("Minor Service Outage");
        assertThat(component(page, "api").select(".status").text()).isEqualTo("✓ Operational");
        http.perform(get("/incidents/inc-oops").header(HttpHeaders.ACCEPT, BROWSER_ACCEPT))
                .andExpect(status().isNotFound())
                .andExpect(content().string(not(containsString("Declared by mistake"))));
        http.perform(get("/incidents/inc-oops"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("no incident 'inc-oops'"));
    }

    @Test
    void messages_areShownAsText_neverAsMarkup() throws Exception {
        given.declared(
                "inc-1",
                "<img src=x onerror=alert(1)> title",
                Impact.minor,
                "<script>alert('owned')</script> & more",
                Map.of());

        Document page = page("/");
        Document timeline = page("/incidents/inc-1");

        for (Document html : List.of(page, timeline)) {
            assertThat(html.select("script:not([src=/js/subscribe.js])")).isEmpty();
            assertThat(html.select("img")).isEmpty();
            assertThat(html.text())
                    .contains("<script>alert('owned')</script> & more")
                    .contains("<img src=x onerror=alert(1)> title");
        }
        String raw =
                http.perform(get("/incidents/inc-1")).andReturn().getResponse().getContentAsString();
        assertThat(raw)
                .contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt; &amp; more")
                .doesNotContain("<script>");
    }

    @Test
    void dataAsOf_isShown_andAWarningOnceItIsOlderThanTwoMinutes() throws Exception {
        Document fresh = page("/");
        assertThat(fresh.selectFirst(".freshness").text()).isEqualTo("Data as of Mar 2, 2026, 12:00 UTC");
        assertThat(fresh.selectFirst(".freshness time").attr("datetime")).isEqualTo("2026-03-02T12:00:00Z");
        assertThat(fresh.select(".stale")).isEmpty();

        clock.advance(Duration.ofMinutes(3));
        Document old = page("/");

        assertThat(old.selectFirst(".stale").text()).startsWith("⚠ Status may be out of date");
        assertThat(old.selectFirst(".stale").attr("role")).isEqualTo("alert");
        assertThat(old.selectFirst(".freshness").text()).isEqualTo("Data as of Mar 2, 2026, 12:00 UTC");
    }

    @Test
    void incidentPage_showsEveryUpdateNewestFirst_withTimeStatusMessageAndComponentChanges() throws Exception {
        var declared = given.declared(
                        "inc-1",
                        "Elevated API errors",
                        Impact.major,
                        "We are investigating",
                        Map.of("api", partial_outage))
                .event();
        given.incident("inc-1")
                .updated("Found it", IncidentStatus.identified, Map.of("api", major_outage))
                .updated(
                        "Fix deployed\nWatching error rates",
                        IncidentStatus.monitoring,
                        Map.of("api", degraded_performance));
        var resolved = given.incident("inc-1").resolved("All good").event();

        Document page = page("/incidents/inc-1");

        assertThat(page.selectFirst("h1").text()).isEqualTo("Elevated API errors");
        assertThat(page.title()).isEqualTo("Elevated API errors · Acme Cloud");
        assertThat(page.selectFirst(".incident-status").text()).isEqualTo("Resolved");
        assertThat(page.selectFirst(".facts .impact-label").text()).isEqualTo("Major impact");
        assertThat(page.selectFirst("time.started").attr("datetime"))
                .isEqualTo(declared.getOccurredAt().toString());
        assertThat(page.selectFirst("time.resolved").attr("datetime"))
                .isEqualTo(resolved.getOccurredAt().toString());
        List<Element> updates = page.select(".timeline > li");
        assertThat(updates)
                .extracting(u -> u.selectFirst(".update-status").text())
                .containsExactly("Resolved", "Monitoring", "Identified", "Investigating");
        assertThat(updates)
                .extracting(u -> u.selectFirst(".message").text())
                .containsExactly("All good", "Fix deployed Watching error rates", "Found it", "We are investigating");
        assertThat(updates.get(1).selectFirst(".message").wholeText()).isEqualTo("Fix deployed\nWatching error rates");
        assertThat(updates.get(3).selectFirst("time").attr("datetime"))
                .isEqualTo(declared.getOccurredAt().toString());
        assertThat(updates.get(3).selectFirst("time").text()).isEqualTo("Mar 2, 2026, 09:05 UTC");
        assertThat(updates)
                .extracting(u -> u.select(".changes li").text())
                .containsExactly(
                        "API: ! Degraded Performance → ✓ Operational",
                        "API: ✕ Major Outage → ! Degraded Performance",
                        "API: ◐ Partial Outage → ✕ Major Outage",
                        "API: ✓ Operational → ◐ Partial Outage");
        assertThat(page.select(".postmortem")).isEmpty();
    }

    @Test
    void incidentPage_showsAPublishedPostmortem_withItsMarkdownAsEscapedText() throws Exception {
        given.declared("inc-1", "Outage", Impact.critical, "Looking", Map.of()).resolved("Over");
        given.incident("inc-1").postmortemPublished("""
                ## What happened
                A deploy broke <b>logins</b>.
                It took 20 minutes to notice.

                - no canary
                - alerts too slow
                <script>alert(1)</script>""");

        Element postmortem = page("/incidents/inc-1").selectFirst(".postmortem");

        assertThat(postmortem.select("h3").eachText())
                .containsExactly("What happened", "Root cause", "Contributing factors");
        assertThat(postmortem.select("p").get(1).html())
                .isEqualTo("A deploy broke &lt;b&gt;logins&lt;/b&gt;.<br>It took 20 minutes to notice.");
        assertThat(postmortem.select("ul").first().select("li").eachText())
                .containsExactly("no canary", "alerts too slow");
        assertThat(postmortem.select("script, b")).isEmpty();
        assertThat(postmortem.text()).contains("<script>alert(1)</script>", "A bad deploy", "No canary");
    }

    @Test
    void unknownIncident_isA404Page_forBrowsers_andA404Problem_forOtherClients() throws Exception {
        given.takeNew().forEach(live::apply);
        http.perform(get("/incidents/no-such-thing").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.incident").value("no-such-thing"));

        String html = http.perform(get("/incidents/no-such-thing").header(HttpHeaders.ACCEPT, BROWSER_ACCEPT))
                .andExpect(status().isNotFound())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        Document page = Jsoup.parse(html);
        assertThat(page.selectFirst("h1").text()).isEqualTo("Incident not found");
        assertThat(page.selectFirst("main a").attr("href")).isEqualTo("/");
    }

    @Test
    void pages_areCachedBriefly_andAnsweredWith304_untilTheSnapshotChanges() throws Exception {
        given.declared("inc-1", "Trouble", Impact.minor, "Looking", Map.of());
        given.takeNew().forEach(live::apply);

        for (String path : List.of("/", "/incidents/inc-1")) {
            String etag = http.perform(get(path))
                    .andExpect(status().isOk())
                    .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=10, public"))
                    .andReturn()
                    .getResponse()
                    .getHeader(HttpHeaders.ETAG);
            assertThat(etag).matches("\"\\d+-[0-9a-f]{16}\"");

            http.perform(get(path).header(HttpHeaders.IF_NONE_MATCH, etag))
                    .andExpect(status().isNotModified())
                    .andExpect(header().string(HttpHeaders.ETAG, etag))
                    .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=10, public"));

            given.incident("inc-1").updated("More news on " + path, null, Map.of());
            given.takeNew().forEach(live::apply);
            http.perform(get(path).header(HttpHeaders.IF_NONE_MATCH, etag)).andExpect(status().isOk());
        }
    }

    @Test
    void etag_changesWhenThePageWouldWarnAboutAge_evenWithoutNewEvents() throws Exception {
        given.takeNew().forEach(live::apply);
        String etag = http.perform(get("/")).andReturn().getResponse().getHeader(HttpHeaders.ETAG);

        clock.advance(Duration.ofMinutes(3));

        http.perform(get("/").header(HttpHeaders.IF_NONE_MATCH, etag)).andExpect(status().isOk());
    }

    @Test
    void uptimeBars_oneForEachOfTheLast90UtcDays_colouredByTheDaysWorstStatus_andSaidInWords() throws Exception {
        given.declared("inc-1", "Slow API", Impact.major, "Looking", Map.of("api", partial_outage))
                .after(Duration.ofMinutes(29))
                .updated("Found it", IncidentStatus.identified, Map.of("api", major_outage))
                .after(Duration.ofMinutes(14))
                .resolved("Fixed");

        Document page = page("/");

        List<Element> bars = component(page, "api").select(".bars > li");
        assertThat(bars).hasSize(90);
        assertThat(bars.get(0).attr("data-date")).isEqualTo("2025-12-03");
        Element today = bars.get(89);
        assertThat(today.attr("data-date")).isEqualTo("2026-03-02");
        assertThat(today.hasClass("bar-major_outage")).isTrue();
        Element link = today.selectFirst("a");
        assertThat(link.attr("href")).isEqualTo("/incidents/inc-1");
        assertThat(link.attr("title")).isEqualTo("Mar 2, 2026: 15 min major outage, 30 min partial outage, 1 incident");
        assertThat(link.selectFirst(".visually-hidden").text()).isEqualTo(link.attr("title"));
        assertThat(bars.get(88).hasClass("bar-none"))
                .as("before the component existed: no data")
                .isTrue();
        assertThat(bars.get(88).select("a")).isEmpty();
        assertThat(bars.get(88).selectFirst("[title]").attr("title")).isEqualTo("Mar 1, 2026: no data");
        // observed since api was added at 09:03, 177 minutes: 15 down, and 30 at the DESIGN weight of 0.3
        assertThat(component(page, "api").selectFirst(".uptime-percent").text())
                .isEqualTo(UptimeBars.percent(100 * (1 - (15 + 0.3 * 30) / 177.0)) + " % uptime")
                .isEqualTo("86.44 % uptime");
        Element webApp = component(page, "web-app").select(".bars > li").get(89);
        assertThat(webApp.hasClass("bar-operational")).isTrue();
        assertThat(webApp.selectFirst("[title]").attr("title")).isEqualTo("Mar 2, 2026: no downtime");
        assertThat(component(page, "web-app").selectFirst(".uptime-percent").text())
                .isEqualTo("100.00 % uptime");
        Element group = page.selectFirst("[data-group=core]");
        assertThat(group.selectFirst(".bars").attr("aria-label")).isEqualTo("Core, uptime per day");
        assertThat(group.selectFirst(".bars > li:last-child").hasClass("bar-major_outage"))
                .as("a group is down when any member is")
                .isTrue();
    }

    @Test
    void uptimeBar_ofADayWithSeveralIncidents_linksToThatDaysPage_listingEveryIncidentThatTouchedIt() throws Exception {
        given.at(Instant.parse("2026-03-01T22:00:00Z"));
        given.declared("inc-night", "Overnight outage", Impact.critical, "Down", Map.of("api", major_outage))
                .at(Instant.parse("2026-03-02T09:30:00Z"))
                .resolved("Back");
        given.declared("inc-morning", "Slow again", Impact.minor, "Slow", Map.of("api", degraded_performance));
        given.declared("inc-elsewhere", "Docs slow", Impact.minor, "Slow", Map.of("docs", degraded_performance));

        Document page = page("/");

        Element today = component(page, "api").select(".bars > li").get(89);
        assertThat(today.selectFirst("a").attr("href")).isEqualTo("/history/2026-03-02");
        assertThat(today.selectFirst("a").attr("title")).endsWith(", 2 incidents");
        assertThat(component(page, "api")
                        .select(".bars > li")
                        .get(88)
                        .selectFirst("a")
                        .attr("href"))
                .isEqualTo("/incidents/inc-night");

        Document day = page("/history/2026-03-02");
        assertThat(day.selectFirst("h1").text()).isEqualTo("Incidents on Mar 2, 2026");
        assertThat(day.select(".day-incidents > li > a").eachAttr("href"))
                .containsExactlyInAnyOrder(
                        "/incidents/inc-night", "/incidents/inc-morning", "/incidents/inc-elsewhere");
        assertThat(page("/history/2026-02-27").selectFirst(".quiet").text()).isEqualTo("No incidents reported.");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"yesterday", "2026-02-30", "+999999999-12-31", "-999999999-01-01", "+10000-01-01", "0000-12-31"})
    void dayPage_ofADateThatCannotBeShown_isA400ProblemNamingIt(String date) throws Exception {
        given.takeNew().forEach(live::apply);
        http.perform(get("/history/" + date))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.parameter").value("date"))
                .andExpect(jsonPath("$.detail").value(containsString("'" + date + "'")));
    }

    /**
     * Every page carries the policy, and uses nothing it forbids: no inline script, no inline style,
     * scripts and stylesheets from this origin only, connections only to notification-service (for the
     * subscribe form). A template that added more would be blocked in browsers; this says so first.
     */
    @Test
    void everyPage_hasAContentSecurityPolicy_andUsesOnlyWhatItAllows() throws Exception {
        given.declared("inc-1", "Trouble", Impact.major, "Looking", Map.of("api", partial_outage))
                .resolved("Fixed")
                .postmortemPublished("## What happened\n<style>body{display:none}</style> <script>alert(1)</script>");
        given.takeNew().forEach(live::apply);
        String policy = StatusPageController.policy(SubscriptionProperties.DEFAULT);

        for (String path : List.of("/", "/incidents/inc-1", "/history/2026-03-02", "/history", "/analytics")) {
            var answer = http.perform(get(path))
                    .andExpect(status().isOk())
                    .andExpect(header().string("Content-Security-Policy", policy))
                    .andReturn()
                    .getResponse();
            Document page = parse(answer.getContentAsString());
            assertThat(page.select("script:not([src]), style, [style]"))
                    .as("inline scripts and styles on %s", path)
                    .isEmpty();
            assertThat(page.select("script[src]").eachAttr("src"))
                    .as("scripts of %s", path)
                    .allMatch(src -> src.startsWith("/") && !src.startsWith("//"));
            assertThat(page.select("link[rel=stylesheet]").eachAttr("href"))
                    .as("stylesheets of %s", path)
                    .isNotEmpty()
                    .allMatch(href -> href.startsWith("/") && !href.startsWith("//"));
        }
        http.perform(get("/incidents/no-such-incident"))
                .andExpect(status().isNotFound())
                .andExpect(header().string("Content-Security-Policy", policy));
        assertThat(policy)
                .contains(
                        "default-src 'none'",
                        "style-src 'self'",
                        "script-src 'self'",
                        "connect-src http://127.0.0.1:8083;")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
    }

    @Test
    void subscribeForm_namesNotificationServicesEndpoint_andItsScriptIsTheOnlyOne() throws Exception {
        Document page = page("/");

        Element form = page.selectFirst("#subscribe ~ form.subscribe-form");
        assertThat(form.attr("data-endpoint")).isEqualTo("http://127.0.0.1:8083/api/v1/subscriptions");
        Element email = form.selectFirst("input[type=email]");
        assertThat(email.hasAttr("required")).isTrue();
        assertThat(form.selectFirst("label[for=" + email.id() + "]").text()).isEqualTo("Email address");
        assertThat(form.selectFirst(".subscribe-result").attr("role")).isEqualTo("status");
        assertThat(page.select("script").eachAttr("src")).containsExactly("/js/subscribe.js");
        assertThat(page.selectFirst(".site-header a[href=/#subscribe]").text()).isEqualTo("Subscribe to updates");
        http.perform(get("/js/subscribe.js")).andExpect(status().isOk());
    }

    @Test
    void groups_areCollapsed_whileAllTheirComponentsAreOperational_andOpenOtherwise() throws Exception {
        given.catalogue()
                .groupAdded("integrations", "Integrations", 3)
                .componentAdded("webhooks", "Webhooks", "integrations", 1)
                .componentAdded("slack", "Slack", "integrations", 2);
        given.declared("inc-1", "Slow API", Impact.minor, "Looking", Map.of("api", degraded_performance));

        Document page = page("/");

        Element quiet = page.selectFirst("[data-group=integrations] > details.group");
        assertThat(quiet.hasAttr("open")).as("all operational: folded").isFalse();
        assertThat(quiet.selectFirst("summary .component-name").text()).isEqualTo("Integrations 2 components");
        assertThat(quiet.selectFirst("summary .status").text()).isEqualTo("✓ Operational");
        assertThat(quiet.select(".group-members [data-component]").eachAttr("data-component"))
                .containsExactly("webhooks", "slack");
        Element troubled = page.selectFirst("[data-group=core] > details.group");
        assertThat(troubled.hasAttr("open")).as("a member degraded: open").isTrue();
        assertThat(troubled.selectFirst("summary .status").text()).isEqualTo("! Degraded Performance");
    }

    /** Months newest first, three to a page, back to the oldest incident; back-filled ones are found here. */
    @Test
    void history_listsIncidentsByMonth_newestFirst_threeMonthsAPage() throws Exception {
        given.at(Instant.parse("2025-11-10T08:00:00Z"));
        given.declared("inc-nov", "Login failures", Impact.critical, "Looking", Map.of("api", major_outage))
                .after(Duration.ofHours(2))
                .resolved("Fixed");
        given.at(Instant.parse("2026-01-15T08:00:00Z"));
        given.declared("inc-jan", "Slow docs", Impact.minor, "Looking", Map.of("docs", degraded_performance))
                .after(Duration.ofMinutes(30))
                .resolved("Docs are fast again.");
        given.at(Instant.parse("2026-03-02T10:00:00Z"));
        given.declared("inc-mar", "API errors", Impact.major, "Looking", Map.of("api", partial_outage));

        Document first = page("/history");
        assertThat(first.selectFirst("h1").text()).isEqualTo("Incident history");
        assertThat(first.select(".history-month h2").eachText())
                .containsExactly("March 2026", "February 2026", "January 2026");
        Element january = first.selectFirst(".history-month[data-month=2026-01]");
        Element slowDocs = january.selectFirst("[data-incident=inc-jan]");
        assertThat(slowDocs.selectFirst("a.impact-title").attr("href")).isEqualTo("/incidents/inc-jan");
        assertThat(slowDocs.selectFirst("a.impact-title").hasClass("impact-minor"))
                .isTrue();
        assertThat(slowDocs.selectFirst(".meta").text())
                .startsWith("Jan 15, 2026, 08:00 UTC – Jan 15, 2026, 08:31 UTC");
        assertThat(slowDocs.selectFirst(".message").text()).isEqualTo("Docs are fast again.");
        assertThat(first.selectFirst("[data-incident=inc-mar] .meta").text()).contains("– still going on");
        assertThat(first.selectFirst(".history-month[data-month=2026-02] .quiet")
                        .text())
                .isEqualTo("No incidents reported for this month.");
        assertThat(first.selectFirst(".pagination a.older").attr("href")).isEqualTo("/history?page=2");
        assertThat(first.select(".pagination a.newer")).isEmpty();
        assertThat(first.selectFirst(".pagination .page-of").text()).isEqualTo("Page 1 of 2");

        Document second = page("/history?page=2");
        assertThat(second.select(".history-month h2").eachText()).containsExactly("December 2025", "November 2025");
        assertThat(second.selectFirst("[data-incident=inc-nov] a.impact-title").hasClass("impact-critical"))
                .isTrue();
        assertThat(second.select(".pagination a.older")).isEmpty();
        assertThat(second.selectFirst(".pagination a.newer").attr("href")).isEqualTo("/history?page=1");
    }

    @Test
    void history_isLinkedFromTheFooter_andPastIncidents() throws Exception {
        Document page = page("/");

        assertThat(page.selectFirst(".site-footer a.history-link").attr("href")).isEqualTo("/history");
        assertThat(page.selectFirst(".more-history a").attr("href")).isEqualTo("/history");
        assertThat(page("/history").select(".history-month"))
                .as("just the current month")
                .hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "2", "abc", "1.5", "01", "99999999999999999999", "1,2", ""})
    void history_pageThatCannotBeShown_isA400ProblemNamingIt(String number) throws Exception {
        given.takeNew().forEach(live::apply);
        http.perform(get("/history").param("page", number))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.parameter").value("page"))
                .andExpect(jsonPath("$.detail").value(containsString("'" + number + "'")));
    }

    @Test
    void dayPage_ofTheLastFourDigitDay_isShown() throws Exception {
        assertThat(page("/history/9999-12-31").selectFirst(".quiet").text()).isEqualTo("No incidents reported.");
    }

    @Test
    void statusPage_isRenderedOncePerVersion_andANewEventRendersANewOne() throws Exception {
        given.declared("inc-1", "Trouble", Impact.minor, "Looking", Map.of("api", partial_outage));
        given.takeNew().forEach(live::apply);
        long before = controller.renders();

        var first =
                http.perform(get("/")).andExpect(status().isOk()).andReturn().getResponse();
        var second =
                http.perform(get("/")).andExpect(status().isOk()).andReturn().getResponse();

        assertThat(controller.renders()).isEqualTo(before + 1);
        assertThat(second.getHeader(HttpHeaders.ETAG)).isEqualTo(first.getHeader(HttpHeaders.ETAG));
        assertThat(second.getContentAsByteArray()).isEqualTo(first.getContentAsByteArray());
        assertThat(first.getContentType()).isEqualTo("text/html;charset=UTF-8");

        given.incident("inc-1").updated("Found it", IncidentStatus.identified, Map.of());
        given.takeNew().forEach(live::apply);
        var third =
                http.perform(get("/")).andExpect(status().isOk()).andReturn().getResponse();

        assertThat(controller.renders()).isEqualTo(before + 2);
        assertThat(third.getHeader(HttpHeaders.ETAG)).isNotEqualTo(first.getHeader(HttpHeaders.ETAG));
        assertThat(third.getContentAsString()).contains("Found it");
    }

    @Test
    void statusPage_isRenderedAgain_whenTheMinuteTurns_soTodaysBarKeepsUpWithAnOutage() throws Exception {
        given.declared("inc-1", "Down", Impact.critical, "Looking", Map.of("api", major_outage));
        String before = component(page("/"), "api")
                .selectFirst(".bars > li:last-child [title]")
                .attr("title");

        clock.advance(Duration.ofSeconds(30));
        String sameMinute = component(page("/"), "api")
                .selectFirst(".bars > li:last-child [title]")
                .attr("title");
        clock.advance(Duration.ofSeconds(30));
        String nextMinute = component(page("/"), "api")
                .selectFirst(".bars > li:last-child [title]")
                .attr("title");

        // declared at 09:05, read at 12:00
        assertThat(before).isEqualTo("Mar 2, 2026: 2 h 55 min major outage, 1 incident");
        assertThat(sameMinute).isEqualTo(before);
        assertThat(nextMinute).isEqualTo("Mar 2, 2026: 2 h 56 min major outage, 1 incident");
    }
}
