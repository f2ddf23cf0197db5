package org.incidentplatform.bench;

/**
 * One measured run of one line: accepted per second and the latency of the accepted ones.
 * {@code notAccepted} counts answers other than success (HTTP status other than 201, a failed send)
 * and requests that failed outright; negative when the tool measured does not say.
 */
record Measurement(double perSecond, double p50Millis, double p99Millis, double maxMillis, long notAccepted) {

    static Measurement of(long accepted, Latencies latencies, long notAccepted, double seconds) {
        return new Measurement(
                accepted / seconds,
                latencies.percentileMillis(0.50),
                latencies.percentileMillis(0.99),
                latencies.maxMillis(),
                notAccepted);
    }
}
