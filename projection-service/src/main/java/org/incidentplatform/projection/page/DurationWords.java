package org.incidentplatform.projection.page;

/**
 * Durations as the pages say them, to a precision a reader can take in: "45 s", "12 min", "1 h 05 min",
 * "2 d 3 h". Exact seconds stay in the API and the CSV.
 */
final class DurationWords {

    static final String NONE = "—";

    private DurationWords() {}

    static String of(Double seconds) {
        return seconds == null ? NONE : of(Math.round(seconds));
    }

    static String of(Long seconds) {
        return seconds == null ? NONE : of(seconds.longValue());
    }

    static String of(long seconds) {
        if (seconds < 0) {
            return "−" + of(-seconds);
        }
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours + " h " + String.format("%02d", minutes % 60) + " min";
        }
        return hours / 24 + " d " + hours % 24 + " h";
    }

    /** Whole minutes rounded up, so that seconds of outage do not read as none. */
    static String ofMinutes(double minutes) {
        return minutes <= 0 ? NONE : of((long) Math.ceil(minutes) * 60);
    }
}
