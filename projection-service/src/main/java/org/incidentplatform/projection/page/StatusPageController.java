package org.incidentplatform.projection.page;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.incidentplatform.projection.analytics.Analytics;
import org.incidentplatform.projection.live.LiveStatus;
import org.incidentplatform.projection.status.StatusSnapshot;
import org.incidentplatform.projection.status.StatusSnapshot.Incident;
import org.incidentplatform.projection.statuspage.PreparedRead;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * The public status page, each incident's timeline, and the history feeds: server-rendered from the
 * current snapshot, so they work without JavaScript; the status page and day pages are rendered once
 * per version and served as bytes, the others cost a template render per request at most.
 * Every answer carries an ETag of what it shows, so the many readers polling during an outage mostly
 * get a 304; before this instance has caught up with the log it shows nothing it might have to take
 * back, only a 503 asking to retry. The status page is a {@link PreparedRead}: most of its readers are
 * answered before the framework's chain, from the same bytes.
 */
@Controller
class StatusPageController implements PreparedRead {

    static final int HISTORY_DAYS = 14;
    /** The days a day page can show: four-digit years, as dates are written on the page and in links. */
    static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);

    static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
    static final String RETRY_AFTER_SECONDS = "5";
    /** A page number as written in links: 1 to 999,999,999, no sign, no leading zero. */
    static final Pattern PAGE_NUMBER = Pattern.compile("[1-9][0-9]{0,8}");

    static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");
    static final MediaType RSS = MediaType.parseMediaType("application/rss+xml;charset=UTF-8");
    static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");
    static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";
    /**
     * What the pages use and nothing more: the one stylesheet and the one script from this origin (the
     * subscribe form's; everything else works without script), connections only to notification-service
     * for that form, no inline script or style (the templates have none; SVG presentation attributes
     * are not styles), images only from here, never framed. An injected tag or attribute thus can do
     * nothing.
     */
    static String policy(SubscriptionProperties subscriptions) {
        return "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; connect-src "
                + subscriptions.origin() + "; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    private final LiveStatus live;
    private final Clock clock;
    private final String pageName;
    private final String pageUrl;
    private final CacheControl cached;
    private final IncidentFeed feed = new IncidentFeed();
    private final Wording words = new Wording();
    private final UtcTimes times = new UtcTimes();
    private final RenderedPages rendered = new RenderedPages();
    private final ITemplateEngine templates;
    private final double partialWeight;
    private final SubscriptionProperties subscriptions;
    private final String policy;
    /** The status page as last prepared, with what it was prepared from. */
    private volatile StatusPageVersion statusPage;

    /**
     * Reads the same settings as the Statuspage API ({@code projection-service.page.*} and
     * {@code projection-service.cache-max-age}, validated there at start), with defaults of its own so
     * the page needs nothing but a {@link LiveStatus} to run.
     *
     * @param pageUrl       the public base address; when unset, the address this request came to
     * @param partialWeight how much a partial-outage minute counts as down in the uptime bars, as in the
     *                      uptime API ({@code projection-service.analytics.*}, validated there)
     * @param subscriptions where the subscribe form posts; its default when the page runs alone
     */
    StatusPageController(
            LiveStatus live,
            ObjectProvider<Clock> clock,
            ITemplateEngine templates,
            @Value("${projection-service.page.name:Status}") String pageName,
            @Value("${projection-service.page.url:}") String pageUrl,
            @Value("${projection-service.cache-max-age:10s}") Duration cacheMaxAge,
            @Value("${projection-service.analytics.partial-outage-weight:" + Analytics.DEFAULT_PARTIAL_WEIGHT + "}")
                    double partialWeight,
            ObjectProvider<SubscriptionProperties> subscriptions) {
        this.live = live;
        this.templates = templates;
        this.partialWeight = partialWeight;
        this.clock = clock.getIfUnique(Clock::systemUTC);
        this.pageName = pageName;
        this.pageUrl = pageUrl;
        this.cached = CacheControl.maxAge(cacheMaxAge).cachePublic();
        this.subscriptions = subscriptions.getIfAvailable(() -> SubscriptionProperties.DEFAULT);
        this.policy = policy(this.subscriptions);
    }

    @GetMapping("/")
    ResponseEntity<byte[]> statusPage(ServletWebRequest request, HttpServletResponse response) {
        caughtUp();
        Answer page = statusPageNow(request.getRequest(), response);
        if (notModified(request, response, page.etag())) {
            return null;
        }
        return html(page.body(), page.etag());
    }

    @Override
    public Set<String> paths() {
        return Set.of("/");
    }

    @Override
    public Answer prepare(String path, HttpServletRequest request, HttpServletResponse response) {
        return live.caughtUp() ? statusPageNow(request, response) : null;
    }

    /**
     * Rendered once per version of what it shows (see {@link RenderedPages}) and served as bytes: during an
     * outage every reader asks for this page, and each would otherwise cost a full template rendering.
     * "Now" is taken to the minute, as the page shows it: today's bar grows by the minute while an
     * outage goes on, and "stale" turns on when the data gets too old, so a version lasts at most a minute.
     * The last version is kept with what it was made from: while none of that changes, a read costs a few
     * comparisons, not even the ETag's hash.
     */
    private Answer statusPageNow(HttpServletRequest request, HttpServletResponse response) {
        StatusSnapshot snapshot = live.current();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Freshness freshness = Freshness.of(live.dataAsOf(), clock);
        PageSite site = site(request);
        StatusPageVersion last = statusPage;
        if (last != null && last.shows(snapshot, now, freshness, site)) {
            return last.page();
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        String etag = etag("page", snapshot, site, freshness, now, subscriptions.notificationUrl());
        byte[] page = rendered.page(
                etag,
                () -> render(
                        "page/status",
                        request,
                        response,
                        Map.ofEntries(
                                Map.entry("site", site),
                                Map.entry("freshness", freshness),
                                Map.entry("words", words),
                                Map.entry("times", times),
                                Map.entry("snapshot", snapshot),
                                Map.entry("subscriptions", subscriptions.subscriptionsEndpoint()),
                                Map.entry("indicator", snapshot.indicator()),
                                Map.entry("listing", ComponentListing.of(snapshot)),
                                Map.entry("names", new ComponentNames(snapshot)),
                                Map.entry("days", snapshot.pastIncidents(today, HISTORY_DAYS)),
                                Map.entry(
                                        "uptime",
                                        UptimeBars.of(snapshot, live.analytics(), partialWeight, now, times)))));
        Answer answer = new Answer(
                page,
                etag,
                Map.of(
                        HttpHeaders.CONTENT_TYPE,
                        HTML.toString(),
                        HttpHeaders.CACHE_CONTROL,
                        cached.getHeaderValue(),
                        CONTENT_SECURITY_POLICY,
                        policy));
        statusPage = new StatusPageVersion(snapshot, now, freshness, site, answer);
        return answer;
    }

    /** A version of the status page and what it shows: the log's state, the minute, the freshness, the site. */
    private record StatusPageVersion(
            StatusSnapshot snapshot, Instant now, Freshness freshness, PageSite site, Answer page) {

        boolean shows(StatusSnapshot snapshot, Instant now, Freshness freshness, PageSite site) {
            return this.snapshot == snapshot
                    && this.now.equals(now)
                    && this.freshness.equals(freshness)
                    && this.site.equals(site);
        }
    }

    /**
     * What happened on one UTC day: the incidents whose impact covered any part of it, where a bar with
     * more than one incident links to. A date that cannot be read, or lies outside four-digit years
     * ({@code /history/+999999999-12-31} parses, and the day after it does not exist), is a 400 problem.
     */
    @GetMapping("/history/{date}")
    ResponseEntity<byte[]> dayPage(@PathVariable String date, ServletWebRequest request, HttpServletResponse response) {
        LocalDate day = day(date);
        StatusSnapshot snapshot = caughtUp();
        Freshness freshness = Freshness.of(live.dataAsOf(), clock);
        PageSite site = site(request);
        String etag = etag("day/" + day, snapshot, site, freshness);
        if (notModified(request, response, etag)) {
            return null;
        }
        byte[] page = rendered.page(
                etag,
                () -> render(
                        "page/day",
                        request.getRequest(),
                        response,
                        Map.of(
                                "site",
                                site,
                                "freshness",
                                freshness,
                                "words",
                                words,
                                "times",
                                times,
                                "day",
                                day,
                                "incidents",
                                DayIncidents.of(snapshot, day),
                                "names",
                                new ComponentNames(snapshot))));
        return html(page, etag);
    }

    /**
     * The incident history by month, as Statuspage's {@code /history?page=N}: {@value IncidentHistory#MONTHS_PER_PAGE}
     * months a page, the current month on page 1. A page number that is not a whole number from 1 to the
     * last page is a 400 problem, as a bad day is. Rendered once per version, as the day pages are; the
     * current month is part of the version, so the page turns over when the month does.
     */
    @GetMapping("/history")
    ResponseEntity<byte[]> historyPage(
            @RequestParam(name = "page", required = false) String page,
            ServletWebRequest request,
            HttpServletResponse response) {
        if (page != null && !PAGE_NUMBER.matcher(page).matches()) {
            throw new BadPage(page, null);
        }
        StatusSnapshot snapshot = caughtUp();
        YearMonth current = YearMonth.from(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        int pages = IncidentHistory.pages(snapshot, current);
        int number = page == null ? 1 : Integer.parseInt(page);
        if (number > pages) {
            throw new BadPage(page, pages);
        }
        Freshness freshness = Freshness.of(live.dataAsOf(), clock);
        PageSite site = site(request);
        String etag = etag("history/" + number, snapshot, site, freshness, current);
        if (notModified(request, response, etag)) {
            return null;
        }
        byte[] rendered = this.rendered.page(
                etag,
                () -> render(
                        "page/history",
                        request.getRequest(),
                        response,
                        Map.of(
                                "site",
                                site,
                                "freshness",
                                freshness,
                                "words",
                                words,
                                "times",
                                times,
                                "history",
                                IncidentHistory.of(snapshot, current, number),
                                "names",
                                new ComponentNames(snapshot))));
        return html(rendered, etag);
    }

    /**
     * For people who would rather look than read the API: the MTTx trend per month as an inline SVG
     * chart with the same numbers in a table, the slowest incidents, uptime per component, and the CSV.
     * Cached as the status page is, and for the same reasons.
     */
    @GetMapping("/analytics")
    ResponseEntity<byte[]> analyticsPage(ServletWebRequest request, HttpServletResponse response) {
        StatusSnapshot snapshot = caughtUp();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Freshness freshness = Freshness.of(live.dataAsOf(), clock);
        PageSite site = site(request);
        String etag = etag("analytics", snapshot, site, freshness, now);
        if (notModified(request, response, etag)) {
            return null;
        }
        byte[] page = rendered.page(
                etag,
                () -> render(
                        "page/analytics",
                        request.getRequest(),
                        response,
                        Map.of(
                                "site",
                                site,
                                "freshness",
                                freshness,
                                "words",
                                words,
                                "times",
                                times,
                                "view",
                                AnalyticsView.of(snapshot, live.analytics(), partialWeight, now))));
        return html(page, etag);
    }

    private String render(
            String template, HttpServletRequest request, HttpServletResponse response, Map<String, Object> variables) {
        JakartaServletWebApplication application =
                JakartaServletWebApplication.buildApplication(request.getServletContext());
        WebContext context = new WebContext(application.buildExchange(request, response), Locale.ENGLISH, variables);
        return templates.process(template, context);
    }

    /** Pages rendered so far, for tests that check a version is rendered once. */
    long renders() {
        return rendered.renders();
    }

    private ResponseEntity<byte[]> html(byte[] page, String etag) {
        return ResponseEntity.ok()
                .contentType(HTML)
                .eTag(etag)
                .cacheControl(cached)
                .body(page);
    }

    @GetMapping("/incidents/{id}")
    String incidentPage(@PathVariable String id, ServletWebRequest request, HttpServletResponse response, Model model) {
        StatusSnapshot snapshot = caughtUp();
        Incident incident =
                snapshot.incident(id).filter(i -> !i.retracted()).orElseThrow(() -> new IncidentNotFound(id));
        Freshness freshness = Freshness.of(live.dataAsOf(), clock);
        PageSite site = site(request);
        if (notModified(request, response, "incident/" + id, snapshot, site, freshness)) {
            return null;
        }
        common(model, site, freshness);
        model.addAttribute("incident", incident);
        model.addAttribute("names", new ComponentNames(snapshot));
        model.addAttribute(
                "postmortem",
                incident.postmortem() == null
                        ? null
                        : MarkdownBlocks.of(incident.postmortem().body()));
        return "page/incident";
    }

    @GetMapping("/history.atom")
    ResponseEntity<String> atom(ServletWebRequest request, HttpServletResponse response) {
        StatusSnapshot snapshot = caughtUp();
        PageSite site = site(request);
        if (notModified(request, response, "atom", snapshot, site)) {
            return null;
        }
        return ResponseEntity.ok().contentType(ATOM).body(feed.atom(snapshot, site));
    }

    @GetMapping("/history.rss")
    ResponseEntity<String> rss(ServletWebRequest request, HttpServletResponse response) {
        StatusSnapshot snapshot = caughtUp();
        PageSite site = site(request);
        if (notModified(request, response, "rss", snapshot, site)) {
            return null;
        }
        return ResponseEntity.ok().contentType(RSS).body(feed.rss(snapshot, site));
    }

    private static LocalDate day(String date) {
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new BadDay(date);
        }
        if (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)) {
            throw new BadDay(date);
        }
        return day;
    }

    @ExceptionHandler(BadDay.class)
    ResponseEntity<ProblemDetail> badDay(BadDay bad) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                "date must be an ISO date (2026-03-02) from " + FIRST_DAY + " to " + LAST_DAY + ", not '" + bad.date
                        + "'");
        problem.setTitle("Bad date");
        problem.setProperty("parameter", "date");
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(BadPage.class)
    ResponseEntity<ProblemDetail> badPage(BadPage bad) {
        String range = bad.pages == null ? "from 1" : "from 1 to " + bad.pages;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "page must be a whole number " + range + ", not '" + bad.page + "'");
        problem.setTitle("Bad page");
        problem.setProperty("parameter", "page");
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(StatusLoading.class)
    ModelAndView loading(HttpServletResponse response) {
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        response.setHeader(CONTENT_SECURITY_POLICY, policy);
        ModelAndView page = new ModelAndView("page/loading", HttpStatus.SERVICE_UNAVAILABLE);
        page.addObject("site", new PageSite(pageName, pageUrl));
        return page;
    }

    /**
     * A browser (asking for HTML) gets the not-found page, with a way back to the status; any other client
     * a problem detail, as every API of this service answers. A retracted incident is answered exactly as
     * one that never existed.
     */
    @ExceptionHandler(IncidentNotFound.class)
    ResponseEntity<?> notFound(IncidentNotFound missing, ServletWebRequest request, HttpServletResponse response) {
        pageHeaders(response);
        if (!acceptsHtml(request)) {
            ProblemDetail problem =
                    ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no incident '" + missing.id + "'");
            problem.setTitle("Not found");
            problem.setProperty("incident", missing.id);
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        String page = render(
                "page/not-found",
                request.getRequest(),
                response,
                Map.of(
                        "site",
                        site(request),
                        "words",
                        words,
                        "times",
                        times,
                        "freshness",
                        Freshness.of(live.dataAsOf(), clock)));
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(HTML).body(page);
    }

    /** Whether the client names HTML among what it accepts, as browsers do; {@code *}{@code /*} alone is not. */
    private static boolean acceptsHtml(ServletWebRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> !type.isWildcardType()
                            && (MediaType.TEXT_HTML.includes(type) || MediaType.APPLICATION_XHTML_XML.includes(type))
                            && type.getQualityValue() > 0);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private StatusSnapshot caughtUp() {
        if (!live.caughtUp()) {
            throw new StatusLoading();
        }
        return live.current();
    }

    private void common(Model model, PageSite site, Freshness freshness) {
        model.addAttribute("site", site);
        model.addAttribute("freshness", freshness);
        model.addAttribute("words", words);
        model.addAttribute("times", times);
    }

    private PageSite site(ServletWebRequest request) {
        return site(request.getRequest());
    }

    private PageSite site(HttpServletRequest request) {
        String url = pageUrl.isBlank()
                ? ServletUriComponentsBuilder.fromContextPath(request).build().toUriString()
                : pageUrl;
        return new PageSite(pageName, url);
    }

    /** Sets the cache headers and answers 304 when the reader already has this version of the page. */
    private boolean notModified(ServletWebRequest request, HttpServletResponse response, String etag) {
        pageHeaders(response);
        return request.checkNotModified(etag);
    }

    private boolean notModified(
            ServletWebRequest request,
            HttpServletResponse response,
            String view,
            StatusSnapshot snapshot,
            PageSite site,
            Object... shown) {
        pageHeaders(response);
        return request.checkNotModified(etag(view, snapshot, site, shown));
    }

    private void pageHeaders(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, cached.getHeaderValue());
        response.setHeader(CONTENT_SECURITY_POLICY, policy);
    }

    /**
     * Names everything the answer depends on: the log position (same log, same tag, on every
     * instance), the address and name, and what else is shown (how fresh, which days).
     */
    static String etag(String view, StatusSnapshot snapshot, PageSite site, Object... shown) {
        StringBuilder key = new StringBuilder(view)
                .append('|')
                .append(snapshot.appliedEvents())
                .append('|')
                .append(snapshot.lastRecordedAt())
                .append('|')
                .append(site);
        for (Object part : shown) {
            key.append('|').append(part);
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return "\"" + snapshot.appliedEvents() + "-" + HexFormat.of().formatHex(digest, 0, 8) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** This instance has not caught up with the log yet. */
    static final class StatusLoading extends RuntimeException {

        StatusLoading() {
            super("the status is still loading", null, false, false);
        }
    }

    /** A day page's date that is no date, or not one the page can show. */
    static final class BadDay extends RuntimeException {

        private final String date;

        BadDay(String date) {
            super("not a day the page can show", null, false, false);
            this.date = date;
        }
    }

    /** A history page number that is no number, or names a page past the oldest incident. */
    static final class BadPage extends RuntimeException {

        private final String page;
        /** How many pages there are, when the number was read and found too high. */
        private final Integer pages;

        BadPage(String page, Integer pages) {
            super("not a history page", null, false, false);
            this.page = page;
            this.pages = pages;
        }
    }

    /** No such incident, or it was retracted: the public never sees it. */
    static final class IncidentNotFound extends RuntimeException {

        private final String id;

        IncidentNotFound(String id) {
            super("no such incident", null, false, false);
            this.id = id;
        }
    }
}
