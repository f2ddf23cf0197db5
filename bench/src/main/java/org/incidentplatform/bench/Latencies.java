package org.incidentplatform.bench;

import java.util.Arrays;

/** The latencies of one run's accepted requests, in nanoseconds; one instance per client thread, merged after. */
final class Latencies {

    private long[] nanos = new long[4096];
    private int size;

    void add(long latencyNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = latencyNanos;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) {
            add(other.nanos[i]);
        }
    }

    int count() {
        return size;
    }

    /** Nearest-rank percentile in milliseconds ({@code fraction} 0.5 for p50); NaN when nothing was accepted. */
    double percentileMillis(double fraction) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(fraction * size);
        return sorted[Math.max(0, Math.min(size, rank) - 1)] / 1e6;
    }

    double maxMillis() {
        return percentileMillis(1.0);
    }
}
