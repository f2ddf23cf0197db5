package org.incidentplatform.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** One figure over several runs: the median, with the smallest and largest beside it. */
record Figure(double median, double min, double max) {

    static Figure of(List<Measurement> runs, ToDoubleFunction<Measurement> value) {
        return of(runs.stream().mapToDouble(value).toArray());
    }

    static Figure of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no runs");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Figure(median, sorted[0], sorted[sorted.length - 1]);
    }

    static Figure ofValues(List<Double> values) {
        return of(values.stream().mapToDouble(Double::doubleValue).toArray());
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
