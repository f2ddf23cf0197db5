package org.incidentplatform.projection.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.incidentplatform.events.ComponentStatus.degraded_performance;
import static org.incidentplatform.events.ComponentStatus.major_outage;
import static org.incidentplatform.events.ComponentStatus.partial_outage;
import static org.incidentplatform.events.ComponentStatus.under_maintenance;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.projection.live.LiveStatus;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The status page in real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}),
 * read as a person would: what is visible, where, and in which order, on a phone and on a desktop.
 * The server is the real web stack (Tomcat, Spring MVC, Thymeleaf, the static CSS) around the page
 * controller and a {@link LiveStatus} built from events; Kafka is left out, the follower being another
 * test's subject. Screenshots go to {@code target/screenshots/} for review.
 */
@SpringBootTest(
        classes = StatusPageBrowserTests.PageOnly.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"projection-service.page.name=Acme Cloud", "projection-service.page.url="})
class StatusPageBrowserTests {

    /** notification-service's public subscription endpoint as the page's browser meets it. */
    static final SubscriptionStub NOTIFICATION_SERVICE = SubscriptionStub.start();

    @DynamicPropertySource
    static void notificationService(DynamicPropertyRegistry properties) {
        properties.add("projection-service.notification-url", NOTIFICATION_SERVICE::url);
    }

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final int PHONE_WIDTH = 375;
    static final int PHONE_HEIGHT = 812;
    static final int DESKTOP_WIDTH = 1280;
    static final int DESKTOP_HEIGHT = 900;
    static final String INCIDENT = "inc-2026-0042";

    /** The web stack and the page, nothing that needs a broker. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class,
        TomcatServletWebServerAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class,
        HttpEncodingAutoConfiguration.class,
        ThymeleafAutoConfiguration.class
    })
    @Import({StatusPageController.class, PageConfiguration.class})
    static class PageOnly {

        @Bean
        MutableClock clock() {
            return new MutableClock(Instant.parse("2026-03-02T11:30:00Z"));
        }

        @Bean
        LiveStatus liveStatus(MutableClock clock) {
            return LiveStatus.of(clock, anOutageWithHistory().events());
        }
    }

    /** A page with something to show in every part: an outage under way, planned works, a past incident. */
    static GivenEvents anOutageWithHistory() {
        GivenEvents given = new GivenEvents();
        given.at(Instant.parse("2026-02-20T08:00:00Z"));
        given.catalogue()
                .groupAdded("core", "Core", 1)
                .componentAdded("web-app", "Web Application", "core", 1)
                .componentAdded("api", "API", "core", 2)
                .componentAdded("jobs", "Background Jobs", "core", 3)
                .groupAdded("integrations", "Integrations", 2)
                .componentAdded("webhooks", "Webhooks", "integrations", 1)
                .componentAdded("slack", "Slack notifications", "integrations", 2)
                .componentAdded("docs", "Documentation", null, 3);
        given.catalogue()
                .groupAdded("payments", "Payments", 4)
                .componentAdded("checkout", "Checkout", "payments", 1)
                .componentAdded("invoices", "Invoices", "payments", 2);
        given.at(Instant.parse("2025-10-14T07:30:00Z"));
        given.declared(
                "inc-2025-0031",
                "Search results out of date",
                Impact.minor,
                "Search shows results up to an hour old.",
                Map.of());
        given.after(Duration.ofMinutes(25)).incident("inc-2025-0031").resolved("Search indexing has caught up.");
        given.at(Instant.parse("2026-02-27T14:10:00Z"));
        given.declared(
                "inc-2026-0040",
                "Delayed webhook deliveries",
                Impact.minor,
                "Webhooks are being delivered with a delay of up to 10 minutes.",
                Map.of("webhooks", degraded_performance));
        given.after(Duration.ofMinutes(40))
                .incident("inc-2026-0040")
                .resolved("Deliveries are back to normal; the backlog is cleared.")
                .after(Duration.ofDays(1))
                .postmortemPublished("## What happened\nA queue consumer stalled after a broker failover.\n\n"
                        + "- add a consumer lag alert");
        given.at(Instant.parse("2026-03-02T09:12:00Z"));
        given.declared(
                INCIDENT,
                "Elevated API error rates",
                Impact.major,
                "We are investigating elevated error rates on the API.",
                Map.of("api", partial_outage));
        given.after(Duration.ofMinutes(9))
                .incident(INCIDENT)
                .updated(
                        "A faulty deploy of the API gateway is the cause. We are rolling it back.",
                        IncidentStatus.identified,
                        Map.of("api", major_outage))
                .after(Duration.ofMinutes(14))
                .updated(
                        "The rollback is complete and error rates are dropping.\nWe are monitoring the results.",
                        IncidentStatus.monitoring,
                        Map.of("api", degraded_performance));
        given.scheduled(
                "mnt-2026-0007",
                "Database upgrade",
                Instant.parse("2026-03-09T02:00:00Z"),
                Instant.parse("2026-03-09T04:00:00Z"),
                Map.of("web-app", under_maintenance, "jobs", under_maintenance));
        return given;
    }

    @TempDir
    static Path profile;

    static ChromeDriver browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startChromium() throws IOException {
        assertThat(new File(CHROMIUM))
                .as(
                        "headless Chromium at %s: install the Debian packages chromium and "
                                + "chromium-driver (apt-get install chromium chromium-driver)",
                        CHROMIUM)
                .canRead();
        assertThat(new File(CHROMEDRIVER))
                .as("chromedriver at %s: install the Debian package chromium-driver", CHROMEDRIVER)
                .canRead();
        // Both paths given: Selenium Manager is never asked, so nothing is downloaded.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=" + DESKTOP_WIDTH + "," + DESKTOP_HEIGHT);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
        NOTIFICATION_SERVICE.close();
    }

    /** The page's origin is what notification-service allows (its status-page-url). */
    @BeforeEach
    void allowThisPage() {
        NOTIFICATION_SERVICE.allowOrigin("http://127.0.0.1:" + port);
    }

    private void open(String path, int width, int height, boolean mobile) {
        browser.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
        browser.get("http://127.0.0.1:" + port + path);
    }

    /** The whole page, not just the first screen: the viewport grows to the page's height for the shot. */
    private void screenshot(String name, int width, int height, boolean mobile) throws IOException {
        long pageHeight = ((Number) browser.executeScript("return document.documentElement.scrollHeight")).longValue();
        browser.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of(
                        "width",
                        width,
                        "height",
                        Math.max(height, pageHeight),
                        "deviceScaleFactor",
                        1,
                        "mobile",
                        mobile));
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        browser.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    private static boolean fitsWidth(int width) {
        return ((Number) browser.executeScript("return document.documentElement.scrollWidth")).intValue() <= width;
    }

    /** No horizontal scrollbar: the page is no wider than the window it is shown in. */
    private static void assertNoSidewaysScrolling(String what) {
        long scrollWidth = ((Number) browser.executeScript("return document.documentElement.scrollWidth")).longValue();
        long innerWidth = ((Number) browser.executeScript("return window.innerWidth")).longValue();
        assertThat(scrollWidth)
                .as("%s: page width within the window's %d px", what, innerWidth)
                .isLessThanOrEqualTo(innerWidth);
    }

    record Viewport(String name, int width, int height, boolean mobile) {

        @Override
        public String toString() {
            return name + " (" + width + " px)";
        }
    }

    static List<Viewport> viewports() {
        return List.of(
                new Viewport("desktop", DESKTOP_WIDTH, DESKTOP_HEIGHT, false),
                new Viewport("phone", PHONE_WIDTH, PHONE_HEIGHT, true));
    }

    private void open(String path, Viewport viewport) {
        open(path, viewport.width(), viewport.height(), viewport.mobile());
    }

    private void screenshot(String name, Viewport viewport) throws IOException {
        screenshot(name + "-" + viewport.name() + ".png", viewport.width(), viewport.height(), viewport.mobile());
    }

    @ParameterizedTest
    @MethodSource("viewports")
    void subscribe_postsTheAddressToNotificationService_andSaysToCheckTheInbox(Viewport viewport) throws IOException {
        open("/", viewport);
        String address = "reader-" + viewport.name() + "@example.test";

        WebElement form = browser.findElement(By.cssSelector("form.subscribe-form"));
        assertThat(browser.findElement(By.cssSelector(".site-header a[href='/#subscribe']"))
                        .getText())
                .isEqualTo("Subscribe to updates");
        WebElement email = form.findElement(By.id("subscribe-email"));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", form);
        email.sendKeys(address);
        form.findElement(By.tagName("button")).click();

        WebElement result = form.findElement(By.className("subscribe-result"));
        await().atMost(Duration.ofSeconds(10)).until(() -> result.getText().startsWith("Check your inbox"));
        assertThat(result.getText())
                .isEqualTo("Check your inbox: we sent a confirmation link to " + address
                        + ". Updates start once you follow it.");
        assertThat(result.isDisplayed()).isTrue();
        assertThat(email.getAttribute("value"))
                .as("the form is ready for another address")
                .isEmpty();
        assertThat(NOTIFICATION_SERVICE.received()).contains("{\"channel\":\"email\",\"target\":\"" + address + "\"}");
        assertThat(NOTIFICATION_SERVICE.preflights())
                .as("the browser asked first, as for any cross-origin JSON post")
                .isPositive();
        WebElement button = form.findElement(By.tagName("button"));
        WebElement column = browser.findElement(By.tagName("main"));
        assertThat(button.getRect().getX() + button.getRect().getWidth())
                .as("the button within the column")
                .isLessThanOrEqualTo(column.getRect().getX() + column.getRect().getWidth());
        assertNoSidewaysScrolling("status page with the subscribe form at " + viewport);
        screenshot("subscribe", viewport);

        email.sendKeys("someone@refused.test");
        form.findElement(By.tagName("button")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> result.getText().startsWith("That does not look like"));
        assertThat(result.getAttribute("class")).contains("failure");
    }

    @ParameterizedTest
    @MethodSource("viewports")
    void history_listsMonthsNewestFirst_andPagesOlderAndNewer(Viewport viewport) throws IOException {
        open("/", viewport);
        browser.findElement(By.cssSelector(".site-footer a.history-link")).click();

        assertThat(browser.getCurrentUrl()).endsWith("/history");
        assertThat(browser.findElements(By.cssSelector(".history-month h2")))
                .extracting(WebElement::getText)
                .containsExactly("March 2026", "February 2026", "January 2026");
        WebElement webhooks = browser.findElement(By.cssSelector("[data-incident=inc-2026-0040] a.impact-title"));
        assertThat(webhooks.getText()).isEqualTo("Delayed webhook deliveries");
        assertThat(webhooks.getCssValue("color")).as("minor impact's colour").isEqualTo("rgba(138, 97, 0, 1)");
        assertThat(browser.findElement(By.cssSelector("[data-month='2026-01'] .quiet"))
                        .getText())
                .isEqualTo("No incidents reported for this month.");
        assertThat(browser.findElements(By.cssSelector(".pagination a.newer"))).isEmpty();
        assertNoSidewaysScrolling("history at " + viewport);
        screenshot("history", viewport);

        browser.findElement(By.linkText("← Older")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/history?page=2");
        assertThat(browser.findElements(By.cssSelector(".history-month h2")))
                .extracting(WebElement::getText)
                .containsExactly("December 2025", "November 2025", "October 2025");
        assertThat(browser.findElement(By.cssSelector("[data-incident=inc-2025-0031]"))
                        .getText())
                .contains("Search results out of date", "Oct 14, 2025, 07:30 UTC – Oct 14, 2025, 07:56 UTC");
        assertThat(browser.findElements(By.cssSelector(".pagination a.older")))
                .as("the oldest incident's page")
                .isEmpty();
        assertNoSidewaysScrolling("history page 2 at " + viewport);
        screenshot("history-older", viewport);

        browser.findElement(By.linkText("Newer →")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/history?page=1");
        assertThat(browser.findElement(By.cssSelector(".history-month h2")).getText())
                .isEqualTo("March 2026");
    }

    @ParameterizedTest
    @MethodSource("viewports")
    void groups_foldWhileAllOperational_andOpenWhenAComponentIsNot(Viewport viewport) throws IOException {
        open("/", viewport);

        WebElement payments = browser.findElement(By.cssSelector("[data-group=payments] > details"));
        assertThat(payments.getAttribute("open")).as("all operational: folded").isNull();
        WebElement checkout = payments.findElement(By.cssSelector("[data-component=checkout]"));
        assertThat(checkout.isDisplayed()).isFalse();
        WebElement summary = payments.findElement(By.tagName("summary"));
        assertThat(summary.getText()).contains("Payments", "2 components", "Operational");
        WebElement core = browser.findElement(By.cssSelector("[data-group=core] > details"));
        assertThat(core.getAttribute("open")).as("the API is degraded: open").isNotNull();
        assertThat(core.findElement(By.cssSelector("[data-component=api]")).isDisplayed())
                .isTrue();
        assertNoSidewaysScrolling("status page at " + viewport);
        screenshot("groups", viewport);

        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", summary);
        summary.click();
        assertThat(payments.getAttribute("open"))
                .as("opens without script of ours")
                .isNotNull();
        assertThat(checkout.isDisplayed()).isTrue();
        assertThat(checkout.findElement(By.className("status")).getText()).isEqualTo("✓ Operational");
    }

    @ParameterizedTest
    @MethodSource("viewports")
    void analytics_roundTicks_monthsWithTheirYear_andTablesThatFit(Viewport viewport) throws IOException {
        open("/analytics", viewport);

        List<String> ticks = browser.findElements(By.cssSelector("figure.chart text.tick")).stream()
                .map(tick -> tick.getAttribute("textContent"))
                .toList();
        assertThat(ticks).hasSizeBetween(3, 7).first().isEqualTo("0");
        BigDecimal step = new BigDecimal(ticks.get(1));
        assertThat(step.stripTrailingZeros().unscaledValue().intValue())
                .as("step of %s", ticks)
                .isIn(1, 2, 5);
        for (int i = 0; i < ticks.size(); i++) {
            assertThat(new BigDecimal(ticks.get(i)))
                    .as("tick %d of %s", i, ticks)
                    .isEqualByComparingTo(step.multiply(BigDecimal.valueOf(i)));
        }
        List<String> months = browser.findElements(By.cssSelector("figure.chart text.month")).stream()
                .map(month -> month.getAttribute("textContent"))
                .toList();
        assertThat(months)
                .hasSize(12)
                .allMatch(month -> month.matches("[A-Z][a-z]{2} \\d{4}"))
                .startsWith("Apr 2025")
                .endsWith("Mar 2026");
        List<WebElement> shown = browser.findElements(By.cssSelector("figure.chart text.month")).stream()
                .filter(WebElement::isDisplayed)
                .toList();
        assertThat(shown)
                .extracting(month -> month.getAttribute("textContent"))
                .as("labels shown at %s", viewport)
                .isEqualTo(viewport.mobile() ? List.of("Jun 2025", "Sep 2025", "Dec 2025", "Mar 2026") : months);
        for (int i = 1; i < shown.size(); i++) {
            Rectangle left = shown.get(i - 1).getRect();
            assertThat(left.getX() + left.getWidth())
                    .as("month labels side by side, not overlapping")
                    .isLessThan(shown.get(i).getRect().getX());
        }
        WebElement tick = browser.findElement(By.cssSelector("figure.chart text.tick"));
        assertThat(Double.parseDouble(tick.getCssValue("font-size").replace("px", "")) * chartScale())
                .as("tick labels legible at %s", viewport)
                .isGreaterThanOrEqualTo(9.5);
        assertNoSidewaysScrolling("analytics at " + viewport);
        for (WebElement table : browser.findElements(By.cssSelector("main table"))) {
            WebElement column = browser.findElement(By.tagName("main"));
            assertThat(table.getRect().getX() + table.getRect().getWidth())
                    .as("%s table inside its column at %s", table.getAttribute("class"), viewport)
                    .isLessThanOrEqualTo(
                            column.getRect().getX() + column.getRect().getWidth());
            long overflow = ((Number) browser.executeScript(
                            "return arguments[0].scrollWidth - arguments[0].clientWidth",
                            table.findElement(By.xpath(".."))))
                    .longValue();
            assertThat(overflow)
                    .as("nothing scrolls sideways inside the %s table's box", table.getAttribute("class"))
                    .isZero();
        }
        assertThat(browser.findElement(By.cssSelector("table.uptime-table tr[data-component=api]"))
                        .getText())
                .contains("API", "%");
        screenshot("analytics", viewport);
    }

    @Test
    void statusPage_onAPhone_showsTheBannerFirst_andEachComponentsStatusInWordsBesideItsName() throws IOException {
        open("/", PHONE_WIDTH, PHONE_HEIGHT, true);

        WebElement banner = browser.findElement(By.id("banner"));
        assertThat(banner.isDisplayed()).isTrue();
        assertThat(banner.getText()).contains("Partial System Outage");
        Rectangle bannerBox = banner.getRect();
        assertThat(bannerBox.getY() + bannerBox.getHeight())
                .as("the banner is on the first screen")
                .isLessThanOrEqualTo(PHONE_HEIGHT);
        assertThat(banner.getCssValue("background-color"))
                .as("the stylesheet is applied")
                .isNotIn("rgba(0, 0, 0, 0)", "transparent");
        assertThat(fitsWidth(PHONE_WIDTH))
                .as("no sideways scrolling at %d px", PHONE_WIDTH)
                .isTrue();

        WebElement api = browser.findElement(By.cssSelector("[data-component=api]"));
        WebElement name = api.findElement(By.className("component-name"));
        WebElement status = api.findElement(By.className("status"));
        assertThat(name.isDisplayed()).isTrue();
        assertThat(name.getText()).isEqualTo("API");
        assertThat(status.isDisplayed()).isTrue();
        assertThat(status.getText()).isEqualTo("! Degraded Performance");
        assertThat(sameLine(name, status)).as("the status sits beside the name").isTrue();
        WebElement integrations = browser.findElement(By.cssSelector("[data-group=integrations] summary"));
        assertThat(integrations.getText())
                .as("an all-operational group is one line")
                .contains("Integrations", "✓ Operational");
        assertThat(browser.findElement(By.cssSelector("[data-component=webhooks] .status"))
                        .isDisplayed())
                .isFalse();

        WebElement incident = browser.findElement(By.cssSelector("#active-incidents + .incident"));
        assertThat(incident.getText())
                .contains(
                        "Elevated API error rates",
                        "Monitoring",
                        "The rollback is complete and error rates are dropping.");
        assertThat(browser.findElement(By.cssSelector("#upcoming + .maintenance"))
                        .getText())
                .contains("Database upgrade", "Mar 9, 2026, 02:00 UTC");
        assertThat(browser.findElement(By.className("freshness")).getText())
                .isEqualTo("Data as of Mar 2, 2026, 11:30 UTC");

        screenshot("status-page.png", PHONE_WIDTH, PHONE_HEIGHT, true);
    }

    @Test
    void statusPage_onADesktop_readsTheSame() throws IOException {
        open("/", DESKTOP_WIDTH, DESKTOP_HEIGHT, false);

        assertThat(browser.findElement(By.id("banner")).getText()).contains("Partial System Outage");
        WebElement api = browser.findElement(By.cssSelector("[data-component=api]"));
        assertThat(sameLine(api.findElement(By.className("component-name")), api.findElement(By.className("status"))))
                .isTrue();
        List<WebElement> days = browser.findElements(By.cssSelector(".history > li"));
        assertThat(days).hasSize(14);
        assertThat(days.get(3).getText())
                .contains("Feb 27, 2026", "Delayed webhook deliveries", "Resolved – Deliveries are back to normal");
        assertThat(days.get(1).getText()).contains("No incidents reported.");

        screenshot("status-page-desktop.png", DESKTOP_WIDTH, DESKTOP_HEIGHT, false);
    }

    @Test
    void incidentTimeline_showsEveryUpdate_newestAtTheTop() throws IOException {
        open("/", PHONE_WIDTH, PHONE_HEIGHT, true);
        browser.findElement(By.linkText("Elevated API error rates")).click();

        assertThat(browser.getCurrentUrl()).endsWith("/incidents/" + INCIDENT);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Elevated API error rates");
        List<WebElement> updates = browser.findElements(By.cssSelector(".timeline > li"));
        assertThat(updates)
                .extracting(u -> u.findElement(By.className("update-status")).getText())
                .containsExactly("Monitoring", "Identified", "Investigating");
        assertThat(updates).allMatch(WebElement::isDisplayed);
        assertThat(updates).extracting(u -> u.getRect().getY()).isSorted();
        assertThat(updates.get(0).getText())
                .contains(
                        "The rollback is complete and error rates are dropping.",
                        "API: ✕ Major Outage → ! Degraded Performance",
                        "Mar 2, 2026, 09:37 UTC");
        assertThat(updates.get(2).getText())
                .contains(
                        "We are investigating elevated error rates on the API.",
                        "API: ✓ Operational → ◐ Partial Outage",
                        "Mar 2, 2026, 09:12 UTC");
        assertThat(fitsWidth(PHONE_WIDTH)).isTrue();
        screenshot("incident.png", PHONE_WIDTH, PHONE_HEIGHT, true);

        open("/incidents/inc-2026-0040", DESKTOP_WIDTH, DESKTOP_HEIGHT, false);
        assertThat(browser.findElement(By.className("postmortem")).getText())
                .contains("What happened", "A queue consumer stalled after a broker failover.");
        screenshot("incident-desktop.png", DESKTOP_WIDTH, DESKTOP_HEIGHT, false);
    }

    @Test
    void uptimeBars_colourTodaysOutage_sayItInWords_andLinkToTheIncident() throws IOException {
        open("/", DESKTOP_WIDTH, DESKTOP_HEIGHT, false);

        List<WebElement> api = browser.findElements(By.cssSelector("[data-component=api] .bars > li"));
        assertThat(api).hasSize(90).allMatch(WebElement::isDisplayed);
        WebElement today = api.get(89);
        assertThat(today.getAttribute("class")).contains("bar-major_outage");
        WebElement link = today.findElement(By.tagName("a"));
        assertThat(link.getCssValue("background-color")).as("major outage red").isEqualTo("rgba(180, 35, 24, 1)");
        assertThat(link.getRect().getHeight()).isGreaterThan(20);
        // partial 09:12-09:22, major 09:22-09:37, degraded since, read at 11:30
        assertThat(link.getAttribute("title"))
                .isEqualTo(
                        "Mar 2, 2026: 15 min major outage, 10 min partial outage, 1 h 53 min degraded performance, 1 incident");
        WebElement integrations = browser.findElement(By.cssSelector("[data-group=integrations] summary"));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", integrations);
        integrations.click();
        WebElement webhooks = browser.findElements(By.cssSelector("[data-component=webhooks] .bars > li"))
                .get(86);
        assertThat(webhooks.getAttribute("data-date")).isEqualTo("2026-02-27");
        assertThat(webhooks.getAttribute("class")).contains("bar-degraded_performance");
        assertThat(browser.findElement(By.cssSelector("[data-component=webhooks] .uptime-percent"))
                        .getText())
                .isEqualTo("100.00 % uptime");
        screenshot("status-page-uptime-desktop.png", DESKTOP_WIDTH, DESKTOP_HEIGHT, false);

        link.click();
        assertThat(browser.getCurrentUrl()).endsWith("/incidents/" + INCIDENT);
    }

    @Test
    void uptimeBars_onAPhone_showTheLast30Days_withoutSidewaysScrolling() throws IOException {
        open("/", PHONE_WIDTH, PHONE_HEIGHT, true);

        List<WebElement> bars = browser.findElements(By.cssSelector("[data-component=api] .bars > li"));
        assertThat(bars.stream().filter(WebElement::isDisplayed).count()).isEqualTo(30);
        assertThat(bars.get(89).isDisplayed()).isTrue();
        assertThat(bars.get(89).getRect().getWidth()).as("wide enough to tap").isGreaterThanOrEqualTo(8);
        assertThat(browser.findElement(By.cssSelector("[data-component=api] .uptime-legend"))
                        .getText())
                .contains("30 days ago", "Today")
                .doesNotContain("90 days ago");
        assertThat(fitsWidth(PHONE_WIDTH)).isTrue();
        screenshot("status-page-uptime-phone.png", PHONE_WIDTH, PHONE_HEIGHT, true);
    }

    @Test
    void analyticsPage_drawsTheTrend_listsTheSlowestIncident_andReadsOnAPhone() throws IOException {
        open("/analytics", DESKTOP_WIDTH, DESKTOP_HEIGHT, false);

        WebElement chart = browser.findElement(By.cssSelector("figure.chart svg"));
        assertThat(chart.isDisplayed()).isTrue();
        assertThat(chart.getRect().getHeight()).as("drawn at a readable size").isGreaterThan(150);
        List<WebElement> dots = chart.findElements(By.cssSelector(".series-mean circle"));
        assertThat(dots).as("October and February").hasSize(2);
        assertThat(dots.get(0).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.cssSelector("table.mttx tr[data-month='2026-02']"))
                        .getText())
                .contains("February 2026", "41 min / 41 min");
        WebElement slowest = browser.findElement(By.cssSelector("ol.slowest > li"));
        assertThat(slowest.getText()).contains("Delayed webhook deliveries", "41 min to resolve");
        assertThat(browser.findElement(By.cssSelector("table.uptime-table tr[data-component=api]"))
                        .getText())
                .contains("API");
        assertThat(browser.findElement(By.cssSelector("a.csv")).getAttribute("href"))
                .endsWith("/api/v1/analytics/mttr.csv?groupBy=month&from=2025-04-01");
        screenshot("analytics-desktop.png", DESKTOP_WIDTH, DESKTOP_HEIGHT, false);

        open("/analytics", PHONE_WIDTH, PHONE_HEIGHT, true);
        assertThat(browser.findElement(By.cssSelector("figure.chart svg"))
                        .getRect()
                        .getWidth())
                .isLessThanOrEqualTo(PHONE_WIDTH);
        assertThat(fitsWidth(PHONE_WIDTH))
                .as("wide tables scroll inside their box, not the page")
                .isTrue();
        screenshot("analytics-phone.png", PHONE_WIDTH, PHONE_HEIGHT, true);

        browser.findElement(By.linkText("Delayed webhook deliveries")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/incidents/inc-2026-0040");
    }

    @Test
    void unknownIncident_showsANotFoundPage() {
        open("/incidents/no-such-incident", PHONE_WIDTH, PHONE_HEIGHT, true);

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Incident not found");
    }

    /** How large the chart is drawn against its own units: below 1 on a phone. */
    private static double chartScale() {
        return ((Number) browser.executeScript("var svg = document.querySelector('figure.chart svg');"
                        + " return svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;"))
                .doubleValue();
    }

    /** Side by side: the two boxes overlap vertically, the second to the right of the first. */
    private static boolean sameLine(WebElement left, WebElement right) {
        Rectangle a = left.getRect();
        Rectangle b = right.getRect();
        boolean overlap = a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
        return overlap && b.getX() >= a.getX() + a.getWidth();
    }
}
