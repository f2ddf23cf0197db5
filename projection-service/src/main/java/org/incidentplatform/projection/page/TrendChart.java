package org.incidentplatform.projection.page;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.incidentplatform.projection.analytics.MttrReport;

/**
 * The geometry of the analytics page's MTTx trend, an inline SVG line chart drawn on the server so the
 * page needs no script: one x position per month, one line per statistic, a gap where a month had
 * nothing to measure (rather than a line drawn through zero). Numbers only; the template draws.
 */
public final class TrendChart {

    static final int WIDTH = 640;
    static final int HEIGHT = 260;
    static final int LEFT = 56;
    static final int RIGHT = 28;
    /** Room above the plot for the unit's name. */
    static final int TOP = 40;

    static final int BOTTOM = 44;
    /** Most intervals on the y axis: five lines or six read at a glance. */
    static final int MOST_INTERVALS = 5;

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH);
    private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH_LONG = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

    /** @param y in SVG units, top down */
    public record Tick(double y, String label) {}

    /**
     * Drawn on two lines, month over year ("Jan" over "2026"): "Jan 26" reads as a date, and twelve
     * "Jan 2026" side by side would overlap.
     *
     * @param minor whether a narrow screen may leave it out: every third month is kept, counting back
     *              from the newest
     */
    public record MonthLabel(double x, String month, String year, boolean minor) {

        public String label() {
            return month + " " + year;
        }
    }

    /** A measured month: where it is drawn and what it says on hover. */
    public record Dot(double x, double y, String label) {}

    /**
     * @param segments SVG {@code points} of each run of consecutive measured months
     * @param css      the class that colours it; the legend names it in words too
     */
    public record Series(String name, String css, List<String> segments, List<Dot> dots) {

        public Series {
            segments = List.copyOf(segments);
            dots = List.copyOf(dots);
        }
    }

    private final List<Tick> ticks;
    private final List<MonthLabel> months;
    private final List<Series> series;
    private final String unit;

    private TrendChart(List<Tick> ticks, List<MonthLabel> months, List<Series> series, String unit) {
        this.ticks = List.copyOf(ticks);
        this.months = List.copyOf(months);
        this.series = List.copyOf(series);
        this.unit = unit;
    }

    /**
     * Mean and median time to resolve per month, from a month-grouped report: months the report left out
     * (nothing started then) are gaps.
     */
    static TrendChart timeToResolve(List<YearMonth> window, Map<String, MttrReport.Group> byMonth) {
        List<Double> means = new ArrayList<>();
        List<Double> medians = new ArrayList<>();
        for (YearMonth month : window) {
            MttrReport.Group group = byMonth.get(month.toString());
            means.add(group == null ? null : group.resolve().mean());
            medians.add(group == null ? null : group.resolve().median());
        }
        double max = 0;
        for (List<Double> values : List.of(means, medians)) {
            for (Double v : values) {
                if (v != null) {
                    max = Math.max(max, v);
                }
            }
        }
        boolean hours = max >= 2 * 3600;
        double perUnit = hours ? 3600 : 60;
        BigDecimal step = tickStep(max / perUnit);
        int intervals = intervals(max / perUnit, step);
        double top = step.doubleValue() * intervals;
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= intervals; i++) {
            BigDecimal value = step.multiply(BigDecimal.valueOf(i));
            ticks.add(new Tick(y(value.doubleValue(), top), label(value)));
        }
        List<MonthLabel> labels = new ArrayList<>();
        for (int i = 0; i < window.size(); i++) {
            labels.add(new MonthLabel(
                    x(i, window.size()),
                    MONTH.format(window.get(i)),
                    YEAR.format(window.get(i)),
                    (window.size() - 1 - i) % 3 != 0));
        }
        String unit = hours ? "hours" : "minutes";
        List<Series> series = List.of(
                series("Mean time to resolve", "series-mean", window, means, perUnit, top, unit),
                series("Median time to resolve", "series-median", window, medians, perUnit, top, unit));
        return new TrendChart(ticks, labels, series, unit);
    }

    private static Series series(
            String name,
            String css,
            List<YearMonth> window,
            List<Double> seconds,
            double perUnit,
            double top,
            String unit) {
        List<String> segments = new ArrayList<>();
        List<Dot> dots = new ArrayList<>();
        StringBuilder segment = new StringBuilder();
        for (int i = 0; i < seconds.size(); i++) {
            Double value = seconds.get(i);
            if (value == null) {
                if (!segment.isEmpty()) {
                    segments.add(segment.toString());
                    segment.setLength(0);
                }
                continue;
            }
            double x = x(i, seconds.size());
            double y = y(value / perUnit, top);
            if (!segment.isEmpty()) {
                segment.append(' ');
            }
            segment.append(number(x)).append(',').append(number(y));
            dots.add(new Dot(
                    x,
                    y,
                    name + ", " + MONTH_LONG.format(window.get(i)) + ": " + number(value / perUnit) + " " + unit));
        }
        if (!segment.isEmpty()) {
            segments.add(segment.toString());
        }
        return new Series(name, css, segments, dots);
    }

    /**
     * The y axis's step: the smallest of 1, 2 or 5 times a power of ten that leaves room above
     * {@code max} within {@value #MOST_INTERVALS} intervals, so every tick is a round number (0, 0.5, 1,
     * 1.5 or 0, 10, 20) and the highest dot never touches the frame. An empty chart counts to 1.
     */
    static BigDecimal tickStep(double max) {
        if (!(max > 0)) {
            return new BigDecimal("0.2");
        }
        int exponent = (int) Math.floor(Math.log10(max / MOST_INTERVALS));
        while (true) {
            for (int m : new int[] {1, 2, 5}) {
                BigDecimal step = BigDecimal.valueOf(m).scaleByPowerOfTen(exponent);
                if (intervals(max, step) <= MOST_INTERVALS) {
                    return step;
                }
            }
            exponent++;
        }
    }

    /** How many steps the axis spans: one more than fit below {@code max}. */
    static int intervals(double max, BigDecimal step) {
        if (!(max > 0)) {
            return MOST_INTERVALS;
        }
        return BigDecimal.valueOf(max).divide(step, 0, RoundingMode.FLOOR).intValueExact() + 1;
    }

    /** A tick's value as written: exactly as many decimals as the step has, none trailing. */
    static String label(BigDecimal value) {
        BigDecimal plain = value.stripTrailingZeros();
        return (plain.scale() < 0 ? plain.setScale(0, RoundingMode.UNNECESSARY) : plain).toPlainString();
    }

    private static double x(int index, int count) {
        double plot = WIDTH - LEFT - RIGHT;
        return count == 1 ? LEFT + plot / 2 : LEFT + plot * index / (count - 1);
    }

    private static double y(double value, double top) {
        double plot = HEIGHT - TOP - BOTTOM;
        return TOP + plot * (1 - value / top);
    }

    /** At most one decimal, no trailing zero: SVG coordinates and axis labels alike. */
    static String number(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
    }

    public List<Tick> ticks() {
        return ticks;
    }

    public List<MonthLabel> months() {
        return months;
    }

    public List<Series> series() {
        return series;
    }

    /** "hours" or "minutes": what the y axis counts. */
    public String unit() {
        return unit;
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public int left() {
        return LEFT;
    }

    public int right() {
        return WIDTH - RIGHT;
    }

    public int bottom() {
        return HEIGHT - BOTTOM;
    }

    static Map<String, MttrReport.Group> byKey(MttrReport report) {
        return report.groups().stream().collect(Collectors.toMap(MttrReport.Group::key, Function.identity()));
    }
}
