package org.incidentplatform.projection.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

/**
 * The answer to an {@link MttrQuery}: per group, how many incidents, how many still open, and for each
 * of the four durations of ARCHITECTURE.md (Durations) its count, mean, median, p90 and max in seconds.
 *
 * <p>Percentiles interpolate linearly between the closest ranks (Hyndman &amp; Fan type 7, what numpy,
 * R and spreadsheets' {@code PERCENTILE.INC} do): for n sorted values the p-th percentile sits at
 * position h = (n − 1)·p, so the median of an even count is the mean of the middle two. Statistics are
 * rounded to the millisecond; means are computed from an exact integer sum, so the same incidents give
 * the same numbers in any order. Open incidents have no time to resolve and appear only in
 * {@link Group#open}. Groups with no incidents are left out.
 */
public record MttrReport(MttrQuery.GroupBy groupBy, List<Group> groups) {

    /** Column names of {@link #toCsv()}, stable: clients read columns by these names. */
    public static final List<String> CSV_COLUMNS = List.of(
            "group",
            "incidents",
            "open",
            "detect_count",
            "detect_mean",
            "detect_median",
            "detect_p90",
            "detect_max",
            "identify_count",
            "identify_mean",
            "identify_median",
            "identify_p90",
            "identify_max",
            "mitigate_count",
            "mitigate_mean",
            "mitigate_median",
            "mitigate_p90",
            "mitigate_max",
            "resolve_count",
            "resolve_mean",
            "resolve_median",
            "resolve_p90",
            "resolve_max");

    public MttrReport {
        groups = List.copyOf(groups);
    }

    public record Group(
            String key, int incidents, int open, Stats detect, Stats identify, Stats mitigate, Stats resolve) {}

    /** Seconds; all null when {@code count} is 0. */
    public record Stats(int count, Double mean, Double median, Double p90, Double max) {

        static final Stats NONE = new Stats(0, null, null, null, null);

        /** Sorts {@code values[0..count)} in place. */
        static Stats of(long[] values, int count) {
            if (count == 0) {
                return NONE;
            }
            Arrays.sort(values, 0, count);
            long sum = 0;
            for (int i = 0; i < count; i++) {
                sum += values[i];
            }
            return new Stats(
                    count,
                    millis((double) sum / count),
                    millis(percentile(values, count, 0.5)),
                    millis(percentile(values, count, 0.9)),
                    (double) values[count - 1]);
        }

        /** Linear interpolation between closest ranks over sorted {@code values[0..count)}. */
        static double percentile(long[] sorted, int count, double p) {
            double h = (count - 1) * p;
            int below = (int) Math.floor(h);
            int above = Math.min(below + 1, count - 1);
            return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
        }

        private static double millis(double seconds) {
            return Math.round(seconds * 1000) / 1000.0;
        }
    }

    /**
     * One header line ({@link #CSV_COLUMNS}) and one line per group, RFC 4180: comma separated, CRLF line
     * ends, fields quoted when they hold a comma, quote or line break. Numbers in plain notation with a
     * {@code .} decimal separator whatever the locale, an empty field where there is no value.
     */
    public String toCsv() {
        StringBuilder csv = new StringBuilder(128 * (groups.size() + 1));
        csv.append(String.join(",", CSV_COLUMNS)).append("\r\n");
        for (Group group : groups) {
            csv.append(field(group.key()))
                    .append(',')
                    .append(group.incidents())
                    .append(',')
                    .append(group.open());
            for (Stats stats : List.of(group.detect(), group.identify(), group.mitigate(), group.resolve())) {
                csv.append(',').append(stats.count());
                for (Double value : Arrays.asList(stats.mean(), stats.median(), stats.p90(), stats.max())) {
                    csv.append(',').append(number(value));
                }
            }
            csv.append("\r\n");
        }
        return csv.toString();
    }

    private static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static String number(Double value) {
        if (value == null) {
            return "";
        }
        return BigDecimal.valueOf(value)
                .setScale(3, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }
}
