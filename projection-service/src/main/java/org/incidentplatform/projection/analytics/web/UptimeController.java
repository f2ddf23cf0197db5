package org.incidentplatform.projection.analytics.web;

import static org.incidentplatform.projection.analytics.web.AnalyticsAnswers.ok;
import static org.incidentplatform.projection.analytics.web.AnalyticsAnswers.requireCaughtUp;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.incidentplatform.projection.analytics.UptimeReport;
import org.incidentplatform.projection.live.LiveStatus;
import org.incidentplatform.projection.status.StatusSnapshot;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * "How much was this component, or this group, up on each day?" (ARCHITECTURE.md, HTTP contracts and Durations): per UTC day the
 * minutes in each non-operational status, the incidents and maintenances behind them, and the uptime
 * percentage of the day and of the window, with the configured partial-outage weight.
 *
 * <p>The window is the last {@code days} days up to today (UTC, from the clock), or {@code from}..{@code to}
 * (ISO dates, both inclusive); given only one of them, the other is {@code days} away. Today counts up to
 * now.
 */
@RestController
class UptimeController {

    static final int DEFAULT_DAYS = 90;
    static final int MAX_DAYS = 365;

    private final LiveStatus live;
    private final Clock clock;
    private final AnalyticsProperties settings;

    UptimeController(LiveStatus live, ObjectProvider<Clock> clock, AnalyticsProperties settings) {
        this.live = live;
        this.clock = clock.getIfUnique(Clock::systemUTC);
        this.settings = settings;
    }

    @Operation(summary = "A component's uptime per UTC day: minutes in each status, incidents, uptime %")
    @GetMapping(path = "/api/v1/components/{id}/uptime", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ComponentUptime> componentUptime(
            @PathVariable String id,
            @RequestParam(required = false) String days,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        Instant now = clock.instant();
        LocalDate[] window = window(days, from, to, LocalDate.ofInstant(now, ZoneOffset.UTC));
        requireCaughtUp(live);
        StatusSnapshot.Component component =
                live.current().component(id).orElseThrow(() -> new NotFoundException("component", id));
        UptimeReport report = live.analytics().uptime(id, window[0], window[1], now, settings.partialOutageWeight());
        return ok(live, MediaType.APPLICATION_JSON)
                .body(new ComponentUptime(
                        component.id(),
                        component.name(),
                        report.from().toString(),
                        report.to().toString(),
                        report.days().size(),
                        report.partialWeight(),
                        report.uptimePercent(),
                        days(report)));
    }

    /**
     * The group is up only while every member is, so each minute counts at the worst status any of its
     * public members had then. Members are the group's public components now, as the page lists them.
     */
    @Operation(summary = "A group's uptime per UTC day, each minute at its worst public member's status")
    @GetMapping(path = "/api/v1/component-groups/{id}/uptime", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<GroupUptime> groupUptime(
            @PathVariable String id,
            @RequestParam(required = false) String days,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        Instant now = clock.instant();
        LocalDate[] window = window(days, from, to, LocalDate.ofInstant(now, ZoneOffset.UTC));
        requireCaughtUp(live);
        StatusSnapshot.Group group = live.current().groups().stream()
                .filter(g -> g.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("group", id));
        UptimeReport report = live.analytics()
                .membersUptime(group.componentIds(), window[0], window[1], now, settings.partialOutageWeight());
        return ok(live, MediaType.APPLICATION_JSON)
                .body(new GroupUptime(
                        group.id(),
                        group.name(),
                        group.componentIds(),
                        report.from().toString(),
                        report.to().toString(),
                        report.days().size(),
                        report.partialWeight(),
                        report.uptimePercent(),
                        days(report)));
    }

    private static List<Day> days(UptimeReport report) {
        return report.days().stream()
                .map(day -> new Day(
                        day.date().toString(),
                        day.observedMinutes(),
                        new Minutes(
                                day.degradedMinutes(),
                                day.partialMinutes(),
                                day.majorMinutes(),
                                day.maintenanceMinutes()),
                        day.uptimePercent(),
                        day.worstStatus() == null ? null : day.worstStatus().name(),
                        day.incidents(),
                        day.maintenances()))
                .toList();
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
                throw BadParameterException.malformed(
                        "days", "days must be a whole number from 1 to " + MAX_DAYS + ", not '" + days + "'");
            }
            if (count < 1 || count > MAX_DAYS) {
                throw BadParameterException.unacceptable(
                        "days", "days must be from 1 to " + MAX_DAYS + ", not " + count);
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
            throw BadParameterException.unacceptable(
                    "to", "the window from " + first + " to " + last + " is longer than " + MAX_DAYS + " days");
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
            throw BadParameterException.malformed(
                    parameter, parameter + " must be an ISO date (2024-03-01), not '" + value + "'");
        }
    }

    /** @param uptimePercent over the observed minutes of the window; null if none was observed */
    record ComponentUptime(
            String componentId,
            String name,
            String from,
            String to,
            int days,
            double partialWeight,
            Double uptimePercent,
            List<Day> entries) {}

    /** @param components the group's public members, in display order */
    record GroupUptime(
            String groupId,
            String name,
            List<String> components,
            String from,
            String to,
            int days,
            double partialWeight,
            Double uptimePercent,
            List<Day> entries) {}

    /** One UTC day: see {@link UptimeReport.Day} for what each number means. */
    record Day(
            String date,
            double observedMinutes,
            Minutes minutes,
            Double uptimePercent,
            String worstStatus,
            List<String> incidents,
            List<String> maintenances) {}

    /** Minutes in each non-operational status, keyed by Statuspage's status names. */
    record Minutes(
            @JsonProperty("degraded_performance") double degradedPerformance,
            @JsonProperty("partial_outage") double partialOutage,
            @JsonProperty("major_outage") double majorOutage,
            @JsonProperty("under_maintenance") double underMaintenance) {}
}
