package org.incidentplatform.projection.analytics;

import java.util.Arrays;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.schemas.Vocabulary;

/**
 * What incidents and maintenances said about one component over time: one claim per stretch in which
 * a stream held the component in a non-operational status, {@code [from, until)} in epoch milliseconds
 * ({@link #OPEN} while it still holds). The component's status at an instant is the worst claim covering
 * it (see {@link #rank}), worked out when asked, so back-filled claims and retractions need no rewriting of
 * what was recorded before. Columns of primitives keep a long history small.
 */
final class ComponentTimeline {

    static final long OPEN = Long.MAX_VALUE;

    /**
     * Since when its uptime counts: the earliest of its catalogue entry, the first time an incident named it
     * and its first claim (see {@link Analytics}).
     */
    long existsFrom = Long.MAX_VALUE;

    private int size;
    private int[] streams = new int[4];
    private byte[] ranks = new byte[4];
    private long[] froms = new long[4];
    private long[] untils = new long[4];

    void knownFrom(long at) {
        existsFrom = Math.min(existsFrom, at);
    }

    /** @return the claim's index, to {@link #close} it later */
    int open(int stream, ComponentStatus status, long from) {
        if (size == streams.length) {
            int capacity = size * 2;
            streams = Arrays.copyOf(streams, capacity);
            ranks = Arrays.copyOf(ranks, capacity);
            froms = Arrays.copyOf(froms, capacity);
            untils = Arrays.copyOf(untils, capacity);
        }
        streams[size] = stream;
        ranks[size] = (byte) rank(status);
        froms[size] = from;
        untils[size] = OPEN;
        knownFrom(from);
        return size++;
    }

    /** How bad the status is: its {@link Vocabulary.ComponentStatus#severity()}. */
    static int rank(ComponentStatus status) {
        return Vocabulary.ComponentStatus.fromWireValue(status.name()).severity();
    }

    void close(int claim, long until) {
        untils[claim] = until;
    }

    int size() {
        return size;
    }

    int stream(int claim) {
        return streams[claim];
    }

    int rank(int claim) {
        return ranks[claim];
    }

    long from(int claim) {
        return froms[claim];
    }

    long until(int claim) {
        return untils[claim];
    }
}
