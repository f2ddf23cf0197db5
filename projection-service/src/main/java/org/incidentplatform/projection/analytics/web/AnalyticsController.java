package org.incidentplatform.projection.analytics.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.incidentplatform.events.Impact;
import org.incidentplatform.projection.analytics.IncidentDurations;
import org.incidentplatform.projection.analytics.MttrQuery;
import org.incidentplatform.projection.analytics.MttrReport;
import org.incidentplatform.projection.analytics.UptimeReport;
import org.incidentplatform.projection.live.LiveStatus;
import org.incidentplatform.projection.status.StatusSnapshot;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The analytics read API (ARCHITECTURE.md, HTTP contracts and Durations): one incident's state, timeline and durations; MTTx over a
 * filtered, grouped set of incidents (JSON, or CSV with {@code Accept: text/csv} or at {@code mttr.csv});
 * and uptime per UTC day of a component or a component group. Every number comes from
 * {@link LiveStatus#analytics()}; times are UTC {@code Z}, durations whole seconds. While the projection is still replaying the log the answers would be
 * wrong, not just stale, so they are a 503 problem until it has caught up.
 */
@RestController
class AnalyticsController {

    static final String DATA_AS_OF = "X-Data-As-Of";
    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final int DEFAULT_DAYS = 90;
    static final int MAX_DAYS = 365;

    private final LiveStatus live;
    private final Clock clock;
    private final AnalyticsProperties settings;

    AnalyticsController(LiveStatus live, ObjectProvider<Clock> clock, AnalyticsProperties settings) {
        this.live = live;
        this.clock = clock.getIfUnique(Clock::systemUTC);
        this.settings = settings;
    }

    // ---------------------------------------------------------------- incident

    @GetMapping(path = "/api/v1/incidents/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> incident(@PathVariable String id) {
        if (!live.caughtUp()) {
            return rebuilding();
        }
        StatusSnapshot snapshot = live.current();
        StatusSnapshot.Incident state = snapshot.incident(id).orElse(null);
        // Retracted: declared in error; the page hides it, so it is no more public here than an unknown id.
        IncidentDurations durations = live.analytics().incident(id)
                .filter(d -> !d.retracted() && (state == null || !state.retracted()))
                .orElseThrow(() -> new NotFoundException("incident", id));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", durations.incidentId());
        body.put("title", durations.title());
        body.put("status", state == null ? null : state.status().name());
        body.put("impact", durations.latestImpact() == null ? null : durations.latestImpact().name());
        body.put("highestImpact", durations.impact() == null ? null : durations.impact().name());
        body.put("open", durations.open());
        body.put("retracted", durations.retracted());
        body.put("backfilled", durations.backfilled());
        body.put("components", durations.components().stream().filter(c -> !snapshot.isHidden(c)).toList());
        body.put("startedAt", time(durations.startedAt()));
        body.put("detectedAt", time(durations.detectedAt()));
        body.put("identifiedAt", time(durations.firstIdentifiedAt()));
        body.put("mitigatedAt", time(durations.firstMitigatedAt()));
        body.put("resolvedAt", time(durations.lastResolvedAt()));
        Map<String, Object> seconds = new LinkedHashMap<>();
        seconds.put("timeToDetect", durations.timeToDetect());
        seconds.put("timeToIdentify", durations.timeToIdentify());
        seconds.put("timeToMitigate", durations.timeToMitigate());
        seconds.put("timeToResolve", durations.timeToResolve());
        body.put("durations", seconds);
        body.put("version", state == null ? null : state.version());
        body.put("timeline", state == null ? List.of() : timeline(state));
        return ok(MediaType.APPLICATION_JSON).body(body);
    }

    /** The public updates, oldest first, each with the component statuses it changed. */
    private static List<Map<String, Object>> timeline(StatusSnapshot.Incident state) {
        List<Map<String, Object>> entries = new ArrayList<>(state.updates().size());
        List<? extends StatusSnapshot.Update<?>> newestFirst = state.updates();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            StatusSnapshot.Update<?> update = newestFirst.get(i);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", update.id());
            entry.put("time", time(update.createdAt()));
            entry.put("status", update.status().name());
            entry.put("message", update.body());
            List<Map<String, Object>> changes = new ArrayList<>();
            for (StatusSnapshot.AffectedComponent change : update.affectedComponents()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("componentId", change.componentId());
                c.put("name", change.name());
                c.put("oldStatus", change.oldStatus().name());
                c.put("newStatus", change.newStatus().name());
                changes.add(c);
            }
            entry.put("components", changes);
            entry.put("version", update.version());
            entries.add(entry);
        }
        return entries;
    }

    // ---------------------------------------------------------------- MTTx

    @GetMapping(path = "/api/v1/analytics/mttr", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> mttrJson(@RequestParam(required = false) String from,
                               @RequestParam(required = false) String to,
                               HttpServletRequest request,
                               @RequestParam(required = false) String impact,
                               @RequestParam(required = false) String includeRetracted,
                               @RequestParam(required = false) String includeImpactNone,
                               @RequestParam(required = false) String groupBy) {
        MttrQuery query = mttrQuery(from, to, request.getParameterValues("component"), impact, includeRetracted,
                includeImpactNone, groupBy);
        if (!live.caughtUp()) {
            return rebuilding();
        }
        MttrReport report = withoutHiddenComponents(live.analytics().mttr(query));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("groupBy", report.groupBy().name().toLowerCase(Locale.ROOT));
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("from", time(query.from()));
        filters.put("to", time(query.to()));
        filters.put("components", query.components().stream().sorted().toList());
        filters.put("impact", query.minimumImpact() == null ? null : query.minimumImpact().name());
        filters.put("includeRetracted", query.includeRetracted());
        filters.put("includeImpactNone", query.includeImpactNone());
        body.put("filters", filters);
        List<Map<String, Object>> groups = new ArrayList<>();
        for (MttrReport.Group group : report.groups()) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("key", group.key());
            g.put("incidents", group.incidents());
            g.put("open", group.open());
            g.put("timeToDetect", group.detect());
            g.put("timeToIdentify", group.identify());
            g.put("timeToMitigate", group.mitigate());
            g.put("timeToResolve", group.resolve());
            groups.add(g);
        }
        body.put("groups", groups);
        return ok(MediaType.APPLICATION_JSON).body(body);
    }

    @GetMapping(path = "/api/v1/analytics/mttr", produces = "text/csv")
    ResponseEntity<?> mttrCsv(@RequestParam(required = false) String from,
                              @RequestParam(required = false) String to,
                              HttpServletRequest request,
                              @RequestParam(required = false) String impact,
                              @RequestParam(required = false) String includeRetracted,
                              @RequestParam(required = false) String includeImpactNone,
                              @RequestParam(required = false) String groupBy) {
        return csv(mttrQuery(from, to, request.getParameterValues("component"), impact, includeRetracted,
                includeImpactNone, groupBy), "inline");
    }

    /**
     * The same CSV at an address of its own, whatever the request accepts: for a download link, a
     * spreadsheet's "import from URL" or {@code curl -O}, none of which send {@code Accept: text/csv}.
     */
    @GetMapping(path = "/api/v1/analytics/mttr.csv")
    ResponseEntity<?> mttrCsvFile(@RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to,
                                  HttpServletRequest request,
                                  @RequestParam(required = false) String impact,
                                  @RequestParam(required = false) String includeRetracted,
                                  @RequestParam(required = false) String includeImpactNone,
                                  @RequestParam(required = false) String groupBy) {
        return csv(mttrQuery(from, to, request.getParameterValues("component"), impact, includeRetracted,
                includeImpactNone, groupBy), "attachment");
    }

    /** The MTTx report as CSV; {@code disposition} says whether a browser shows it or saves it. */
    private ResponseEntity<?> csv(MttrQuery query, String disposition) {
        if (!live.caughtUp()) {
            return rebuilding();
        }
        return ok(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition + "; filename=\"mttr.csv\"")
                .body(withoutHiddenComponents(live.analytics().mttr(query)).toCsv());
    }

    /** Grouped by component, a hidden component would show its id as a group: it is left out. */
    private MttrReport withoutHiddenComponents(MttrReport report) {
        if (report.groupBy() != MttrQuery.GroupBy.COMPONENT) {
            return report;
        }
        StatusSnapshot snapshot = live.current();
        return new MttrReport(report.groupBy(),
                report.groups().stream().filter(g -> !snapshot.isHidden(g.key())).toList());
    }

    /** {@code component} is read raw from the request: Spring would silently drop an empty value. */
    static MttrQuery mttrQuery(String from, String to, String[] components, String impact,
                               String includeRetracted, String includeImpactNone, String groupBy) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw BadParameterException.unacceptable("to",
                    "to (" + end + ") must be after from (" + start + "): the window is [from, to)");
        }
        MttrQuery query = MttrQuery.all().startedFrom(start).startedBefore(end);
        if (components != null) {
            List<String> named = new ArrayList<>();
            for (String c : components) {
                if (c == null || c.isBlank()) {
                    throw BadParameterException.malformed("component", "component must be a component id, not empty");
                }
                named.add(c.trim());
            }
            if (!named.isEmpty()) {
                query = query.touching(named.toArray(String[]::new));
            }
        }
        if (impact != null) {
            query = query.atLeast(impact(impact));
        }
        if (flag("includeRetracted", includeRetracted)) {
            query = query.includingRetracted();
        }
        if (flag("includeImpactNone", includeImpactNone)) {
            query = query.includingImpactNone();
        }
        return query.groupedBy(groupBy(groupBy));
    }

    /** An ISO date (its UTC midnight) or an ISO instant with offset ({@code Z} or {@code ±hh:mm}). */
    static Instant instant(String parameter, String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw BadParameterException.malformed(parameter, parameter + " must be an ISO date (2024-03-01) or an"
                    + " instant with offset (2024-03-01T00:00:00Z), not '" + value + "'");
        }
    }

    private static Impact impact(String value) {
        for (Impact impact : Impact.values()) {
            if (impact.name().equalsIgnoreCase(value.trim())) {
                return impact;
            }
        }
        throw BadParameterException.malformed("impact", "impact must be one of none, maintenance, minor, major,"
                + " critical, not '" + value + "'");
    }

    private static boolean flag(String parameter, String value) {
        if (value == null) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw BadParameterException.malformed(parameter,
                    parameter + " must be true or false, not '" + value + "'");
        };
    }

    private static MttrQuery.GroupBy groupBy(String value) {
        if (value == null) {
            return MttrQuery.GroupBy.NONE;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "", "none" -> MttrQuery.GroupBy.NONE;
            case "month" -> MttrQuery.GroupBy.MONTH;
            case "week" -> MttrQuery.GroupBy.WEEK;
            case "component" -> MttrQuery.GroupBy.COMPONENT;
            case "impact" -> MttrQuery.GroupBy.IMPACT;
            default -> throw BadParameterException.malformed("groupBy",
                    "groupBy must be one of month, week, component, impact, none, not '" + value + "'");
        };
    }

    // ---------------------------------------------------------------- uptime

    /**
     * Uptime per UTC day. The window is the last {@code days} days up to today (UTC, from the clock), or
     * {@code from}..{@code to} (ISO dates, both inclusive); given only one of them, the other is
     * {@code days} away. Today counts up to now.
     */
    @GetMapping(path = "/api/v1/components/{id}/uptime", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> uptime(@PathVariable String id,
                             @RequestParam(required = false) String days,
                             @RequestParam(required = false) String from,
                             @RequestParam(required = false) String to) {
        Instant now = clock.instant();
        LocalDate[] window = window(days, from, to, LocalDate.ofInstant(now, ZoneOffset.UTC));
        if (!live.caughtUp()) {
            return rebuilding();
        }
        StatusSnapshot.Component component = live.current().component(id)
                .orElseThrow(() -> new NotFoundException("component", id));
        UptimeReport report = live.analytics().uptime(id, window[0], window[1], now, settings.partialOutageWeight());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("componentId", component.id());
        body.put("name", component.name());
        return uptimeBody(body, report);
    }

    /**
     * Uptime of a component group per UTC day, windowed as for a component: the group is up only while
     * every member is, so each minute counts at the worst status any of its public members had then.
     * Members are the group's public components now (as the page lists them).
     */
    @GetMapping(path = "/api/v1/component-groups/{id}/uptime", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> groupUptime(@PathVariable String id,
                                  @RequestParam(required = false) String days,
                                  @RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to) {
        Instant now = clock.instant();
        LocalDate[] window = window(days, from, to, LocalDate.ofInstant(now, ZoneOffset.UTC));
        if (!live.caughtUp()) {
            return rebuilding();
        }
        StatusSnapshot.Group group = live.current().groups().stream().filter(g -> g.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("group", id));
        UptimeReport report = live.analytics().membersUptime(group.componentIds(), window[0], window[1], now,
                settings.partialOutageWeight());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("groupId", group.id());
        body.put("name", group.name());
        body.put("components", group.componentIds());
        return uptimeBody(body, report);
    }

    private ResponseEntity<?> uptimeBody(Map<String, Object> body, UptimeReport report) {
        body.put("from", report.from().toString());
        body.put("to", report.to().toString());
        body.put("days", report.days().size());
        body.put("partialWeight", report.partialWeight());
        body.put("uptimePercent", report.uptimePercent());
        List<Map<String, Object>> daysOut = new ArrayList<>(report.days().size());
        for (UptimeReport.Day day : report.days()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("date", day.date().toString());
            d.put("observedMinutes", day.observedMinutes());
            Map<String, Object> minutes = new LinkedHashMap<>();
            minutes.put("degraded_performance", day.degradedMinutes());
            minutes.put("partial_outage", day.partialMinutes());
            minutes.put("major_outage", day.majorMinutes());
            minutes.put("under_maintenance", day.maintenanceMinutes());
            d.put("minutes", minutes);
            d.put("uptimePercent", day.uptimePercent());
            d.put("worstStatus", day.worstStatus() == null ? null : day.worstStatus().name());
            d.put("incidents", day.incidents());
            d.put("maintenances", day.maintenances());
            daysOut.add(d);
        }
        body.put("entries", daysOut);
        return ok(MediaType.APPLICATION_JSON).body(body);
    }

    static LocalDate[] window(String days, String from, String to, LocalDate today) {
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        Integer count = null;
        if (days != null) {
            if (first != null && last != null) {
                throw BadParameterException.unacceptable("days", "give days, or from and to, not all three");
            }
            try {
                count = Integer.valueOf(days.trim());
            } catch (NumberFormatException e) {
                throw BadParameterException.malformed("days", "days must be a whole number from 1 to " + MAX_DAYS
                        + ", not '" + days + "'");
            }
            if (count < 1 || count > MAX_DAYS) {
                throw BadParameterException.unacceptable("days", "days must be from 1 to " + MAX_DAYS
                        + ", not " + count);
            }
        }
        int n = count == null ? DEFAULT_DAYS : count;
        if (first == null && last == null) {
            last = today;
        }
        if (first == null) {
            first = last.minusDays(n - 1L);
        } else if (last == null) {
            last = first.plusDays(n - 1L);
        }
        if (last.isBefore(first)) {
            throw BadParameterException.unacceptable("to", "to (" + last + ") must not be before from (" + first + ")");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
            throw BadParameterException.unacceptable("to", "the window from " + first + " to " + last
                    + " is longer than " + MAX_DAYS + " days");
        }
        return new LocalDate[] {first, last};
    }

    private static LocalDate date(String parameter, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeException e) {
            throw BadParameterException.malformed(parameter, parameter + " must be an ISO date (2024-03-01), not '"
                    + value + "'");
        }
    }

    // ---------------------------------------------------------------- common

    private ResponseEntity.BodyBuilder ok(MediaType type) {
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(type).cacheControl(CacheControl.noCache());
        Instant dataAsOf = live.dataAsOf();
        if (dataAsOf != null) {
            ok.header(DATA_AS_OF, time(dataAsOf));
        }
        return ok;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static ResponseEntity<ProblemDetail> rebuilding() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "analytics are being rebuilt from the incident log; ask again shortly");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .cacheControl(CacheControl.noStore())
                .body(problem);
    }
}
