package org.incidentplatform.projection.page;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.incidentplatform.projection.analytics.Analytics;
import org.incidentplatform.projection.analytics.UptimeReport;
import org.incidentplatform.projection.status.StatusSnapshot;
import org.incidentplatform.schemas.Vocabulary.ComponentStatus;

/**
 * The status page's uptime bars: for each listed component and group, one bar per UTC day up to today,
 * coloured by the day's worst status, with the day said in words (colour is never the only signal) and a
 * link to what happened that day. Built once per rendering of the page from the analytics read model;
 * templates reach it as {@code uptime}.
 */
public final class UptimeBars {

    static final int DAYS = 90;

    /**
     * One UTC day.
     *
     * @param status the CSS suffix: a component status, or {@code none} for a day with nothing observed
     * @param label  the day in words, e.g. "Mar 2, 2026: 30 min major outage, 1 incident"
     * @param href   where its incidents are: the incident itself if one, the day's history if more, null if none
     */
    public record Bar(LocalDate date, String status, String label, String href) {}

    /**
     * @param uptime the window's uptime, e.g. "99.95 % uptime", or "No data"
     * @param bars   oldest first, {@value #DAYS} of them
     */
    public record Row(String uptime, List<Bar> bars) {

        public Row {
            bars = List.copyOf(bars);
        }
    }

    private final Map<String, Row> components = new HashMap<>();
    private final Map<String, Row> groups = new HashMap<>();
    private final LocalDate first;
    private final LocalDate last;

    private UptimeBars(LocalDate first, LocalDate last) {
        this.first = first;
        this.last = last;
    }

    /**
     * Bars of every listed component and group over the {@value #DAYS} UTC days up to {@code now}'s; a
     * group counts as down at its worst public member's status.
     */
    static UptimeBars of(
            StatusSnapshot snapshot, Analytics analytics, double partialWeight, Instant now, UtcTimes times) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = today.minusDays(DAYS - 1L);
        UptimeBars bars = new UptimeBars(first, today);
        for (StatusSnapshot.Component component : snapshot.components()) {
            bars.components.put(
                    component.id(),
                    row(analytics.membersUptime(List.of(component.id()), first, today, now, partialWeight), times));
        }
        for (StatusSnapshot.Group group : snapshot.groups()) {
            bars.groups.put(
                    group.id(),
                    row(analytics.membersUptime(group.componentIds(), first, today, now, partialWeight), times));
        }
        return bars;
    }

    public Row component(String id) {
        return components.get(id);
    }

    public Row group(String id) {
        return groups.get(id);
    }

    public LocalDate first() {
        return first;
    }

    public LocalDate last() {
        return last;
    }

    static Row row(UptimeReport report, UtcTimes times) {
        List<Bar> bars = new ArrayList<>(report.days().size());
        for (UptimeReport.Day day : report.days()) {
            bars.add(new Bar(
                    day.date(),
                    day.worstStatus() == null ? "none" : day.worstStatus().name(),
                    label(day, times),
                    href(day)));
        }
        return new Row(
                report.uptimePercent() == null ? "No data" : percent(report.uptimePercent()) + " % uptime", bars);
    }

    /**
     * Two decimals, rounded down: a page that rounds 99.996 % up to "100.00 %" claims a flawless window
     * that had downtime in it.
     */
    static String percent(double uptime) {
        return BigDecimal.valueOf(uptime).setScale(2, RoundingMode.DOWN).toPlainString();
    }

    static String label(UptimeReport.Day day, UtcTimes times) {
        StringBuilder label = new StringBuilder(times.text(day.date())).append(": ");
        if (day.worstStatus() == null) {
            return label.append("no data").toString();
        }
        List<String> parts = new ArrayList<>(4);
        addMinutes(
                parts, day.majorMinutes(), ComponentStatus.MAJOR_OUTAGE.words().lowerCase());
        addMinutes(
                parts,
                day.partialMinutes(),
                ComponentStatus.PARTIAL_OUTAGE.words().lowerCase());
        addMinutes(
                parts,
                day.degradedMinutes(),
                ComponentStatus.DEGRADED_PERFORMANCE.words().lowerCase());
        addMinutes(parts, day.maintenanceMinutes(), "maintenance");
        label.append(parts.isEmpty() ? "no downtime" : String.join(", ", parts));
        int incidents = day.incidents().size();
        if (incidents > 0) {
            label.append(", ").append(incidents).append(incidents == 1 ? " incident" : " incidents");
        }
        return label.toString();
    }

    /** Rounded up to whole minutes, so that a few seconds of outage still shows as "1 min". */
    private static void addMinutes(List<String> parts, double minutes, String what) {
        if (minutes <= 0) {
            return;
        }
        long whole = (long) Math.ceil(minutes);
        long hours = whole / 60;
        long rest = whole % 60;
        String amount = hours == 0 ? rest + " min" : rest == 0 ? hours + " h" : hours + " h " + rest + " min";
        parts.add(amount + " " + what);
    }

    private static String href(UptimeReport.Day day) {
        return switch (day.incidents().size()) {
            case 0 -> null;
            case 1 -> "/incidents/" + day.incidents().get(0);
            default -> "/history/" + day.date();
        };
    }
}
