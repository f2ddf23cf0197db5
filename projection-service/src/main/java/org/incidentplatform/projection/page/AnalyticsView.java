package org.incidentplatform.projection.page;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.incidentplatform.events.Impact;
import org.incidentplatform.projection.analytics.Analytics;
import org.incidentplatform.projection.analytics.IncidentDurations;
import org.incidentplatform.projection.analytics.MttrQuery;
import org.incidentplatform.projection.analytics.MttrReport;
import org.incidentplatform.projection.analytics.UptimeReport;
import org.incidentplatform.projection.status.StatusSnapshot;

/**
 * What the analytics page shows, worked out once per rendering: MTTx per month over the last
 * {@value #MONTHS} months (chart and table), the slowest incidents to resolve in that window, and each
 * listed component's uptime over the last {@value UptimeBars#DAYS} days. Incidents count as in the MTTx
 * API's defaults (ARCHITECTURE.md, Durations): not retracted, impact above none, by the month their impact began.
 * Templates reach it as {@code view}.
 */
public final class AnalyticsView {

    static final int MONTHS = 12;
    static final int SLOWEST = 10;
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

    /** @param group null for a month in which no counted incident started */
    public record Month(YearMonth month, String label, MttrReport.Group group) {}

    public record Slow(String id, String title, Impact impact, Instant startedAt, String timeToResolve) {}

    /** Minutes over the window as the page says them, e.g. "1 h 05 min", or "—" for none. */
    public record ComponentUptime(
            String id, String name, String uptime, String major, String partial, String degraded, String maintenance) {}

    private final LocalDate from;
    private final TrendChart trend;
    private final List<Month> months;
    private final List<Slow> slowest;
    private final List<ComponentUptime> uptime;

    private AnalyticsView(
            LocalDate from, TrendChart trend, List<Month> months, List<Slow> slowest, List<ComponentUptime> uptime) {
        this.from = from;
        this.trend = trend;
        this.months = List.copyOf(months);
        this.slowest = List.copyOf(slowest);
        this.uptime = List.copyOf(uptime);
    }

    static AnalyticsView of(StatusSnapshot snapshot, Analytics analytics, double partialWeight, Instant now) {
        YearMonth current = YearMonth.from(LocalDate.ofInstant(now, ZoneOffset.UTC));
        YearMonth first = current.minusMonths(MONTHS - 1L);
        Instant start = first.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<YearMonth> window = new ArrayList<>(MONTHS);
        for (YearMonth m = first; !m.isAfter(current); m = m.plusMonths(1)) {
            window.add(m);
        }
        Map<String, MttrReport.Group> byMonth = TrendChart.byKey(
                analytics.mttr(MttrQuery.all().startedFrom(start).groupedBy(MttrQuery.GroupBy.MONTH)));
        List<Month> months = new ArrayList<>(MONTHS);
        for (YearMonth month : window) {
            months.add(new Month(month, MONTH.format(month), byMonth.get(month.toString())));
        }
        List<Slow> slowest = new ArrayList<>(SLOWEST);
        for (IncidentDurations incident : analytics.slowestToResolve(start, null, SLOWEST)) {
            slowest.add(new Slow(
                    incident.incidentId(),
                    incident.title(),
                    incident.impact(),
                    incident.startedAt(),
                    DurationWords.of(incident.timeToResolve())));
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate uptimeFrom = today.minusDays(UptimeBars.DAYS - 1L);
        List<ComponentUptime> uptime = new ArrayList<>();
        for (StatusSnapshot.Component component : snapshot.components()) {
            UptimeReport report =
                    analytics.membersUptime(List.of(component.id()), uptimeFrom, today, now, partialWeight);
            double major = 0;
            double partial = 0;
            double degraded = 0;
            double maintenance = 0;
            for (UptimeReport.Day day : report.days()) {
                major += day.majorMinutes();
                partial += day.partialMinutes();
                degraded += day.degradedMinutes();
                maintenance += day.maintenanceMinutes();
            }
            uptime.add(new ComponentUptime(
                    component.id(),
                    component.name(),
                    report.uptimePercent() == null ? "No data" : UptimeBars.percent(report.uptimePercent()) + " %",
                    DurationWords.ofMinutes(major),
                    DurationWords.ofMinutes(partial),
                    DurationWords.ofMinutes(degraded),
                    DurationWords.ofMinutes(maintenance)));
        }
        return new AnalyticsView(first.atDay(1), TrendChart.timeToResolve(window, byMonth), months, slowest, uptime);
    }

    /** First day of the chart's window, for the CSV link to cover the same months. */
    public LocalDate from() {
        return from;
    }

    public TrendChart trend() {
        return trend;
    }

    public List<Month> months() {
        return months;
    }

    public List<Slow> slowest() {
        return slowest;
    }

    public List<ComponentUptime> uptime() {
        return uptime;
    }

    /** For the template: a duration statistic in words, "—" when there is none. */
    public String duration(Double seconds) {
        return DurationWords.of(seconds);
    }
}
