package org.incidentplatform.projection.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.schemas.Vocabulary;

/**
 * Lays the claims of one or more component timelines over UTC days: a sweep over the start and end of
 * every claim in the window gives, between any two such instants, the worst status any claim holds (for
 * several components: a minute is as bad as its worst member), and that time is added to the day it
 * falls in. Cost grows with the claims in the window, not with the history.
 *
 * <p><b>Days not observed.</b> Time before the component's uptime counts (the earliest of its catalogue
 * entry, the first incident naming it and its first claim) and time after {@code now} is not observed: it
 * is neither up nor down, and is left out of the day's and the window's percentages. A day with nothing
 * observed has no percentage, as on Statuspage's bars ("no data"), rather than a made-up 100 %.
 */
final class UptimeCalendar {

    private static final long DAY = 86_400_000L;
    private static final double MINUTE = 60_000.0;
    private static final ComponentStatus[] BY_RANK = new ComponentStatus[ComponentStatus.values().length];
    private static final int MAINTENANCE = Vocabulary.ComponentStatus.UNDER_MAINTENANCE.severity();
    private static final int DEGRADED = Vocabulary.ComponentStatus.DEGRADED_PERFORMANCE.severity();
    private static final int PARTIAL = Vocabulary.ComponentStatus.PARTIAL_OUTAGE.severity();
    private static final int MAJOR = Vocabulary.ComponentStatus.MAJOR_OUTAGE.severity();

    static {
        for (ComponentStatus status : ComponentStatus.values()) {
            BY_RANK[ComponentTimeline.rank(status)] = status;
        }
    }

    private UptimeCalendar() {}

    static UptimeReport uptime(
            List<String> componentIds,
            List<ComponentTimeline> timelines,
            Streams streams,
            LocalDate from,
            LocalDate to,
            Instant now,
            double partialWeight) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
        }
        int days = Math.toIntExact(ChronoUnit.DAYS.between(from, to) + 1);
        long windowStart = from.toEpochDay() * DAY;
        long horizon = Math.min(windowStart + days * DAY, now.toEpochMilli());
        long knownFrom = Long.MAX_VALUE;
        for (ComponentTimeline timeline : timelines) {
            knownFrom = Math.min(knownFrom, timeline.existsFrom);
        }

        long[][] millis = new long[days][BY_RANK.length];
        List<Set<String>> incidents = new ArrayList<>(days);
        List<Set<String>> maintenances = new ArrayList<>(days);
        for (int d = 0; d < days; d++) {
            incidents.add(new TreeSet<>());
            maintenances.add(new TreeSet<>());
        }

        long[] points = new long[16];
        int count = 0;
        for (ComponentTimeline timeline : timelines) {
            for (int claim = 0; claim < timeline.size(); claim++) {
                int stream = timeline.stream(claim);
                long start = Math.max(timeline.from(claim), windowStart);
                long end = Math.min(timeline.until(claim), horizon);
                if (end <= start || streams.isRetracted(stream)) {
                    continue;
                }
                if (count + 2 > points.length) {
                    points = Arrays.copyOf(points, points.length * 2);
                }
                int rank = timeline.rank(claim);
                // time in the high bits, then rank and start/end: one primitive sort orders the sweep
                points[count++] = (start << 4) | ((long) rank << 1) | 1;
                points[count++] = (end << 4) | ((long) rank << 1);
                List<Set<String>> touched = streams.isMaintenance(stream) ? maintenances : incidents;
                for (long d = (start - windowStart) / DAY; d <= (end - 1 - windowStart) / DAY; d++) {
                    touched.get((int) d).add(streams.id(stream));
                }
            }
        }
        Arrays.sort(points, 0, count);

        int[] holding = new int[BY_RANK.length];
        long previous = 0;
        for (int i = 0; i < count; i++) {
            long at = points[i] >> 4;
            if (i > 0 && at > previous) {
                int worst = worst(holding);
                if (worst > 0) {
                    spread(millis, windowStart, previous, at, worst);
                }
            }
            int rank = (int) (points[i] >> 1) & 7;
            holding[rank] += (points[i] & 1) == 1 ? 1 : -1;
            previous = at;
        }

        List<UptimeReport.Day> result = new ArrayList<>(days);
        long observedTotal = 0;
        double downTotal = 0;
        for (int d = 0; d < days; d++) {
            long dayStart = windowStart + d * DAY;
            long observed = Math.max(0, Math.min(dayStart + DAY, horizon) - Math.max(dayStart, knownFrom));
            long[] byRank = millis[d];
            double down = byRank[MAJOR] + partialWeight * byRank[PARTIAL];
            Double uptime = observed == 0 ? null : 100 * (1 - down / observed);
            ComponentStatus worst = null;
            if (observed > 0) {
                worst = ComponentStatus.operational;
                for (int rank = byRank.length - 1; rank > 0; rank--) {
                    if (byRank[rank] > 0) {
                        worst = BY_RANK[rank];
                        break;
                    }
                }
                observedTotal += observed;
                downTotal += down;
            }
            result.add(new UptimeReport.Day(
                    from.plusDays(d),
                    observed / MINUTE,
                    byRank[DEGRADED] / MINUTE,
                    byRank[PARTIAL] / MINUTE,
                    byRank[MAJOR] / MINUTE,
                    byRank[MAINTENANCE] / MINUTE,
                    uptime,
                    worst,
                    List.copyOf(incidents.get(d)),
                    List.copyOf(maintenances.get(d))));
        }
        Double window = observedTotal == 0 ? null : 100 * (1 - downTotal / observedTotal);
        return new UptimeReport(componentIds, from, to, partialWeight, result, window);
    }

    private static int worst(int[] holding) {
        for (int rank = holding.length - 1; rank > 0; rank--) {
            if (holding[rank] > 0) {
                return rank;
            }
        }
        return 0;
    }

    /** Adds {@code [start, end)} in status {@code rank} to the days it falls in. */
    private static void spread(long[][] millis, long windowStart, long start, long end, int rank) {
        while (start < end) {
            int day = (int) ((start - windowStart) / DAY);
            long dayEnd = windowStart + (day + 1) * DAY;
            long until = Math.min(end, dayEnd);
            millis[day][rank] += until - start;
            start = until;
        }
    }
}
