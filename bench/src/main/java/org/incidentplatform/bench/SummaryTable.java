package org.incidentplatform.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one table of a harness run: each line's figure (median of its runs, with min and max) beside
 * its ceiling measured in the same run on the same machine, and the ratio of the two medians.
 */
final class SummaryTable {

    /** What a line's figure is: its unit and how many decimals it is worth. */
    record Unit(String name, int decimals) {
        static final Unit PER_SECOND = new Unit("/s", 0);
        static final Unit MILLIS = new Unit("ms", 1);
        static final Unit MIB = new Unit("MiB", 0);
        static final Unit SECONDS = new Unit("s", 1);
    }

    /** One line; {@code ceilingRuns} empty when the line has no ceiling (memory). */
    record Line(
            String section, String name, Unit unit, List<Double> runs, String ceilingName, List<Double> ceilingRuns) {

        Line {
            if (runs.isEmpty()) {
                throw new IllegalArgumentException("no runs for " + name);
            }
            runs = List.copyOf(runs);
            ceilingRuns = List.copyOf(ceilingRuns);
        }

        Figure figure() {
            return Figure.ofValues(runs);
        }

        Optional<Figure> ceiling() {
            return ceilingRuns.isEmpty() ? Optional.empty() : Optional.of(Figure.ofValues(ceilingRuns));
        }

        /** The line's median over its ceiling's: below 1 for a rate under its ceiling, above 1 for a slower latency. */
        Optional<Double> ratio() {
            return ceiling()
                    .filter(c -> c.median() != 0 && !Double.isNaN(c.median()))
                    .map(c -> figure().median() / c.median());
        }
    }

    private final List<Line> lines = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(Line line) {
        lines.add(line);
    }

    void add(String section, String name, Unit unit, List<Double> runs, String ceilingName, List<Double> ceilingRuns) {
        add(new Line(section, name, unit, runs, ceilingName, ceilingRuns));
    }

    /** A line that could not be measured, and why: printed under the table. */
    void notMeasured(String section, String name, String why) {
        notes.add("**" + section + "**, " + name + ": not measured (" + why + ")");
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    /** e.g. "0.25 (1/4.0)" for a share, "58" or "3.12" for a multiple. */
    static String ratio(double ratio) {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
            return "n/a";
        }
        if (ratio >= 1) {
            return ratio >= 10 ? String.format("%,.0f×", ratio) : String.format("%.2f×", ratio);
        }
        String share = ratio >= 0.01 ? String.format("%.2f", ratio) : String.format("%.2g", ratio);
        if (ratio <= 0) {
            return share;
        }
        double times = 1 / ratio;
        if (times < 1.1) {
            return share;
        }
        return share + " (1/" + (times < 10 ? String.format("%.1f", times) : String.format("%,.0f", times)) + ")";
    }

    static String cell(Figure figure, Unit unit) {
        if (Double.isNaN(figure.median())) {
            return "n/a";
        }
        return figure.format(unit.decimals()) + " " + unit.name();
    }

    String markdown() {
        StringBuilder table = new StringBuilder();
        table.append(
                "| section | line | figure, median (min–max) | ceiling | ceiling, median (min–max) | ÷ ceiling |\n");
        table.append("|---|---|---:|---|---:|---:|\n");
        for (Line line : lines) {
            table.append("| ")
                    .append(line.section())
                    .append(" | ")
                    .append(line.name())
                    .append(" | ")
                    .append(cell(line.figure(), line.unit()))
                    .append(" | ")
                    .append(line.ceilingName().isEmpty() ? "—" : line.ceilingName())
                    .append(" | ")
                    .append(line.ceiling().map(c -> cell(c, line.unit())).orElse("—"))
                    .append(" | ")
                    .append(line.ratio().map(SummaryTable::ratio).orElse("—"))
                    .append(" |\n");
        }
        for (String note : notes) {
            table.append("\n").append(note).append('\n');
        }
        return table.toString();
    }

    /** Every run's values, for whoever doubts a median. */
    String runs() {
        StringBuilder text = new StringBuilder();
        for (Line line : lines) {
            text.append("- ")
                    .append(line.section())
                    .append(", ")
                    .append(line.name())
                    .append(": ")
                    .append(values(line.runs(), line.unit()));
            if (!line.ceilingRuns().isEmpty()) {
                text.append("; ceiling: ").append(values(line.ceilingRuns(), line.unit()));
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static String values(List<Double> runs, Unit unit) {
        List<String> values = new ArrayList<>();
        for (double value : runs) {
            values.add(String.format("%,." + unit.decimals() + "f", value));
        }
        return String.join(", ", values) + " " + unit.name();
    }
}
