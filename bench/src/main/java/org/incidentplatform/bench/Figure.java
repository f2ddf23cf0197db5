package org.incidentplatform.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** One figure over several runs: the median, with the smallest and largest beside it. */
record Figure(double median, double min, double max) {

    static Figure of(List<Measurement> runs, ToDoubleFunction<Measurement> value) {
        double[] values = runs.stream().mapToDouble(value).toArray();
        if (values.length == 0) {
            throw new IllegalArgumentException("no runs");
        }
        Arrays.sort(values);
        int middle = values.length / 2;
        double median = values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        return new Figure(median, values[0], values[values.length - 1]);
    }

    /** e.g. "1,234 (1,180–1,260)"; a single run shows its value alone. */
    String format(int decimals) {
        String pattern = "%,." + decimals + "f";
        if (min == max) {
            return String.format(pattern, median);
        }
        return String.format(pattern + " (" + pattern + "–" + pattern + ")", median, min, max);
    }
}
