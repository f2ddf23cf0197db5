package org.incidentplatform.projection.analytics.web;

import static org.incidentplatform.projection.analytics.web.AnalyticsAnswers.ok;
import static org.incidentplatform.projection.analytics.web.AnalyticsAnswers.requireCaughtUp;
import static org.incidentplatform.projection.analytics.web.AnalyticsAnswers.time;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.incidentplatform.events.Impact;
import org.incidentplatform.projection.analytics.MttrQuery;
import org.incidentplatform.projection.analytics.MttrReport;
import org.incidentplatform.projection.live.LiveStatus;
import org.incidentplatform.projection.status.StatusSnapshot;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * "How long do incidents take to detect, identify, mitigate and resolve?" (ARCHITECTURE.md, Durations): count, mean,
 * median, p90 and max of each duration over a filtered set of incidents, grouped by month, week, component
 * or impact; as JSON, or as CSV with {@code Accept: text/csv} or at {@code mttr.csv}. Parameters are
 * checked before anything else, so a bad one is a 400/422 even while the log is being replayed.
 */
@RestController
class MttrController {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final LiveStatus live;

    MttrController(LiveStatus live) {
        this.live = live;
    }

    @Operation(
            summary = "MTTx: count, mean, median, p90 and max of each duration over the incidents selected, per group")
    @GetMapping(path = "/api/v1/analytics/mttr", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Mttr> mttrJson(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            HttpServletRequest request,
            @RequestParam(required = false) String impact,
            @RequestParam(required = false) String includeRetracted,
            @RequestParam(required = false) String includeImpactNone,
            @RequestParam(required = false) String groupBy) {
        MttrQuery query = mttrQuery(
                from,
                to,
                request.getParameterValues("component"),
                impact,
                includeRetracted,
                includeImpactNone,
                groupBy);
        requireCaughtUp(live);
        MttrReport report = withoutHiddenComponents(live.analytics().mttr(query));
        Filters filters = new Filters(
                time(query.from()),
                time(query.to()),
                query.components().stream().sorted().toList(),
                query.minimumImpact() == null ? null : query.minimumImpact().name(),
                query.includeRetracted(),
                query.includeImpactNone());
        List<Group> groups = report.groups().stream()
                .map(g -> new Group(
                        g.key(), g.incidents(), g.open(), g.detect(), g.identify(), g.mitigate(), g.resolve()))
                .toList();
        return ok(live, MediaType.APPLICATION_JSON)
                .body(new Mttr(report.groupBy().name().toLowerCase(Locale.ROOT), filters, groups));
    }

    @Operation(
            summary = "MTTx: count, mean, median, p90 and max of each duration over the incidents selected, per group")
    @GetMapping(path = "/api/v1/analytics/mttr", produces = "text/csv")
    ResponseEntity<String> mttrCsv(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            HttpServletRequest request,
            @RequestParam(required = false) String impact,
            @RequestParam(required = false) String includeRetracted,
            @RequestParam(required = false) String includeImpactNone,
            @RequestParam(required = false) String groupBy) {
        return csv(
                mttrQuery(
                        from,
                        to,
                        request.getParameterValues("component"),
                        impact,
                        includeRetracted,
                        includeImpactNone,
                        groupBy),
                "inline");
    }

    /**
     * The same CSV at an address of its own, whatever the request accepts: for a download link, a
     * spreadsheet's "import from URL" or {@code curl -O}, none of which send {@code Accept: text/csv}.
     */
    @Operation(summary = "The MTTx report as a CSV file to download, whatever the request accepts")
    @GetMapping(path = "/api/v1/analytics/mttr.csv")
    ResponseEntity<String> mttrCsvFile(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            HttpServletRequest request,
            @RequestParam(required = false) String impact,
            @RequestParam(required = false) String includeRetracted,
            @RequestParam(required = false) String includeImpactNone,
            @RequestParam(required = false) String groupBy) {
        return csv(
                mttrQuery(
                        from,
                        to,
                        request.getParameterValues("component"),
                        impact,
                        includeRetracted,
                        includeImpactNone,
                        groupBy),
                "attachment");
    }

    /** The MTTx report as CSV; {@code disposition} says whether a browser shows it or saves it. */
    private ResponseEntity<String> csv(MttrQuery query, String disposition) {
        requireCaughtUp(live);
        return ok(live, TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition + "; filename=\"mttr.csv\"")
                .body(withoutHiddenComponents(live.analytics().mttr(query)).toCsv());
    }

    /** Grouped by component, a hidden component would show its id as a group: it is left out. */
    private MttrReport withoutHiddenComponents(MttrReport report) {
        if (report.groupBy() != MttrQuery.GroupBy.COMPONENT) {
            return report;
        }
        StatusSnapshot snapshot = live.current();
        return new MttrReport(
                report.groupBy(),
                report.groups().stream()
                        .filter(g -> !snapshot.isHidden(g.key()))
                        .toList());
    }

    /** {@code component} is read raw from the request: Spring would silently drop an empty value. */
    static MttrQuery mttrQuery(
            String from,
            String to,
            String[] components,
            String impact,
            String includeRetracted,
            String includeImpactNone,
            String groupBy) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw BadParameterException.unacceptable(
                    "to", "to (" + end + ") must be after from (" + start + "): the window is [from, to)");
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
            throw BadParameterException.malformed(
                    parameter,
                    parameter + " must be an ISO date (2024-03-01) or an"
                            + " instant with offset (2024-03-01T00:00:00Z), not '" + value + "'");
        }
    }

    private static Impact impact(String value) {
        for (Impact impact : Impact.values()) {
            if (impact.name().equalsIgnoreCase(value.trim())) {
                return impact;
            }
        }
        throw BadParameterException.malformed(
                "impact", "impact must be one of none, maintenance, minor, major," + " critical, not '" + value + "'");
    }

    private static boolean flag(String parameter, String value) {
        if (value == null) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw BadParameterException.malformed(
                        parameter, parameter + " must be true or false, not '" + value + "'");
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
            default ->
                throw BadParameterException.malformed(
                        "groupBy", "groupBy must be one of month, week, component, impact, none, not '" + value + "'");
        };
    }

    /** @param groupBy month, week, component, impact or none */
    record Mttr(String groupBy, Filters filters, List<Group> groups) {}

    /** The query as understood: instants in UTC, components sorted, impact the minimum asked for. */
    record Filters(
            String from,
            String to,
            List<String> components,
            String impact,
            boolean includeRetracted,
            boolean includeImpactNone) {}

    /** @param open incidents not resolved: counted in {@code incidents}, without a time to resolve */
    record Group(
            String key,
            int incidents,
            int open,
            MttrReport.Stats timeToDetect,
            MttrReport.Stats timeToIdentify,
            MttrReport.Stats timeToMitigate,
            MttrReport.Stats timeToResolve) {}
}
