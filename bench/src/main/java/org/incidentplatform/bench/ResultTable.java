package org.incidentplatform.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lines of one benchmark run, the first being the measured HTTP path and the others its
 * ceilings, as one Markdown table: each figure the median of the runs with min and max, and the
 * HTTP line's accepted/s as a share of each ceiling's.
 */
final class ResultTable {

    record Line(String name, List<Measurement> runs) {

        Figure perSecond() {
            return Figure.of(runs, Measurement::perSecond);
        }
    }

    private final List<Line> lines = new ArrayList<>();
    private final List<String> notMeasured = new ArrayList<>();
    private CpuAccount.Usage cpuUsage;

    void add(String name, List<Measurement> runs) {
        lines.add(new Line(name, List.copyOf(runs)));
    }

    void cpuUsage(CpuAccount.Usage usage) {
        this.cpuUsage = usage;
    }

    void notMeasured(String name, String why) {
        notMeasured.add(name + ": not measured (" + why + ")");
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The HTTP line's median accepted/s over the given line's. */
    Optional<Double> ratioOfFirstTo(Line line) {
        if (lines.isEmpty() || line.perSecond().median() == 0) {
            return Optional.empty();
        }
        return Optional.of(lines.get(0).perSecond().median() / line.perSecond().median());
    }

    /** e.g. "0.25 (1/4.0)": the share, and how many times faster the ceiling is. */
    static String ratio(double ratio) {
        String share = ratio >= 0.01 ? String.format("%.2f", ratio) : String.format("%.2g", ratio);
        if (ratio >= 1 || ratio <= 0) {
            return share;
        }
        double times = 1 / ratio;
        return share + " (1/" + (times < 10 ? String.format("%.1f", times) : String.format("%,.0f", times)) + ")";
    }

    String markdown() {
        StringBuilder table = new StringBuilder();
        table.append("| line | accepted/s | p50 ms | p99 ms | max ms | not accepted | HTTP ÷ line |\n");
        table.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            table.append("| ").append(line.name())
                    .append(" | ").append(line.perSecond().format(0))
                    .append(" | ").append(Figure.of(line.runs(), Measurement::p50Millis).format(1))
                    .append(" | ").append(Figure.of(line.runs(), Measurement::p99Millis).format(1))
                    .append(" | ").append(Figure.of(line.runs(), Measurement::maxMillis).format(1))
                    .append(" | ").append(line.runs().stream().allMatch(r -> r.notAccepted() < 0) ? "n/a"
                            : Figure.of(line.runs(), Measurement::notAccepted).format(0))
                    .append(" | ").append(i == 0 ? "—" : ratioOfFirstTo(line).map(ResultTable::ratio).orElse("n/a"))
                    .append(" |\n");
        }
        for (String line : notMeasured) {
            table.append("\n").append(line).append('\n');
        }
        if (cpuUsage != null) {
            table.append("\nWhile measured, ").append(cpuUsage.describe()).append(".\n");
            if (cpuUsage.otherCores() > 0.2) {
                table.append("**Other processes competed for the cores: every figure is lower than this machine can "
                        + "do.**\n");
            }
        }
        return table.toString();
    }

    /** Every run's figures, for whoever doubts a median. */
    String runs() {
        StringBuilder text = new StringBuilder();
        for (Line line : lines) {
            text.append("- ").append(line.name()).append(":");
            for (Measurement run : line.runs()) {
                text.append(String.format(" [%,.0f/s, p50 %.1f, p99 %.1f, max %.1f ms%s]", run.perSecond(),
                        run.p50Millis(), run.p99Millis(), run.maxMillis(),
                        run.notAccepted() < 0 ? "" : ", " + run.notAccepted() + " not accepted"));
            }
            text.append('\n');
        }
        return text.toString();
    }
}
