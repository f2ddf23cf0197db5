package org.incidentplatform.incident.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Field checks shared by the deciders; each either returns the usable value or throws {@link CommandRejected}. */
final class Require {

    /** Titles, names: short enough for a status page headline. */
    static final int TITLE_MAX = 200;
    /** Public messages of incidents and maintenances. */
    static final int MESSAGE_MAX = 10_000;
    /** Postmortem bodies: Markdown documents, larger than a message. */
    static final int DOCUMENT_MAX = 100_000;
    /** Short free text: owners, detectedBy, notes, descriptions. */
    static final int NOTE_MAX = 1_000;
    /** Contributing factors of one postmortem. */
    static final int FACTORS_MAX = 20;
    /** Action items of one incident: its snapshot stays far below a Kafka record. */
    static final int ACTION_ITEMS_MAX = 200;
    /** Components and groups of the catalogue, whose snapshot is one stored value. */
    static final int COMPONENTS_MAX = 500;

    static final int GROUPS_MAX = 100;
    /** The earliest and latest instants an event may name: the Avro log stores milliseconds since 1970. */
    static final Instant EARLIEST = Instant.EPOCH;

    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private Require() {}

    static <T> T present(String field, T value) {
        if (value == null) {
            throw CommandRejected.invalid(field, field + " is required");
        }
        return value;
    }

    static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw CommandRejected.invalid(field, field + " must not be blank");
        }
        return withinLength(field, value, max);
    }

    /** Optional free text: blank counts as absent and becomes null. */
    static String optionalText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return withinLength(field, value, max);
    }

    private static String withinLength(String field, String value, int max) {
        if (value.length() > max) {
            throw CommandRejected.invalid(
                    field, field + " must be at most " + max + " characters, was " + value.length());
        }
        return value;
    }

    /**
     * A required time, cut to milliseconds: the log stores timestamp-millis, so a decision taken on a
     * finer time could differ from the one a replay of the log would take.
     */
    static Instant time(String field, Instant value) {
        Instant at = present(field, value).truncatedTo(ChronoUnit.MILLIS);
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw CommandRejected.invalid(
                    field, field + " must be between " + EARLIEST + " and " + LATEST + ", was " + at);
        }
        return at;
    }

    static Instant optionalTime(String field, Instant value) {
        return value == null ? null : time(field, value);
    }

    static LocalDate optionalDate(String field, LocalDate value) {
        if (value != null && (value.isBefore(LocalDate.EPOCH) || value.getYear() > 9999)) {
            throw CommandRejected.invalid(field, field + " must be between 1970-01-01 and 9999-12-31, was " + value);
        }
        return value;
    }

    /** The stream's events must be in the order of the world: occurredAt never goes back. */
    static Instant occurredAt(Instant value, Instant previous) {
        Instant at = time("occurredAt", value);
        if (previous != null && at.isBefore(previous)) {
            throw CommandRejected.invalid(
                    "occurredAt", "occurredAt " + at + " is earlier than the previous event's occurredAt " + previous);
        }
        return at;
    }

    static <S> Map<String, S> components(Map<String, S> components, Set<String> known) {
        if (components == null) {
            return Map.of();
        }
        for (Map.Entry<String, S> entry : components.entrySet()) {
            if (entry.getKey() == null) {
                throw CommandRejected.invalid("components", "component id must not be null");
            }
            if (!known.contains(entry.getKey())) {
                throw CommandRejected.invalid("components", "unknown component '" + entry.getKey() + "'");
            }
            if (entry.getValue() == null) {
                throw CommandRejected.invalid("components", "status of component '" + entry.getKey() + "' is required");
            }
        }
        return orderedCopy(components);
    }

    static List<String> texts(String field, List<String> values, int max, int maxCount) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > maxCount) {
            throw CommandRejected.invalid(
                    field, field + " may hold at most " + maxCount + " entries, had " + values.size());
        }
        for (String value : values) {
            text(field, value, max);
        }
        return List.copyOf(values);
    }

    /** An unmodifiable copy that keeps the caller's order, which Map.copyOf would not. */
    static <K, V> Map<K, V> orderedCopy(Map<K, V> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
