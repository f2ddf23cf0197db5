package org.incidentplatform.incident.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.incidentplatform.incident.domain.ComponentStatus;

/**
 * Reads the fields of a request body into domain values, or fails with a 422 naming the field. Request
 * bodies hold strings: an enum or a time that does not parse is reported here, in the API's words,
 * instead of as a Jackson binding error.
 */
final class Fields {

    /** Ids in paths: the shape of ids this service assigns and of catalogue ids. Others cannot exist. */
    private static final Pattern PATH_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private Fields() {
    }

    static String required(String field, String value) {
        if (value == null) {
            throw new InvalidFieldException(field, field + " is required");
        }
        if (value.isBlank()) {
            throw new InvalidFieldException(field, field + " must not be blank");
        }
        return value;
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidFieldException(field, field + " is required");
        }
        return value;
    }

    /** An enum given by its lower-case wire value; null when absent. */
    static <E extends Enum<E>> E wireValue(String field, String value, Class<E> type, Function<String, E> fromWireValue) {
        if (value == null) {
            return null;
        }
        try {
            return fromWireValue.apply(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, field + " must be one of " + wireValues(type) + "; was '" + value + "'");
        }
    }

    static <E extends Enum<E>> E requiredWireValue(String field, String value, Class<E> type,
                                                  Function<String, E> fromWireValue) {
        return wireValue(field, required(field, value), type, fromWireValue);
    }

    /**
     * A point in time with an explicit offset; null when absent. A local time without offset is
     * ambiguous (which zone? which side of a DST change?) and is refused rather than guessed.
     */
    static Instant time(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, field + " must be an ISO-8601 time with an offset,"
                    + " e.g. 2024-03-10T01:50:00-05:00 or 2024-03-10T06:50:00Z; was '" + value + "'");
        }
    }

    static Instant requiredTime(String field, String value) {
        return time(field, required(field, value));
    }

    /** A command's time when the request gives none: the stream's owner stamps it when deciding. */
    static final Instant STAMPED_ON_DECISION = null;

    /**
     * When the request says it happened, else {@link #STAMPED_ON_DECISION}: the processor that owns the stream stamps it
     * then with its own clock, so concurrent requests through instances with slightly different
     * clocks cannot put one stream's events out of time order.
     */
    static Instant occurredAt(String value) {
        Instant given = time("occurredAt", value);
        return given != null ? given : STAMPED_ON_DECISION;
    }

    static LocalDate date(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, field + " must be a date as YYYY-MM-DD; was '" + value + "'");
        }
    }

    /** Component id to component status, in the caller's order; null when absent. */
    static Map<String, ComponentStatus> components(String field, Map<String, String> value) {
        if (value == null) {
            return null;
        }
        Map<String, ComponentStatus> components = new LinkedHashMap<>();
        value.forEach((id, status) -> components.put(id,
                requiredWireValue(field + "." + id, status, ComponentStatus.class, ComponentStatus::fromWireValue)));
        return components;
    }

    static boolean flag(Boolean value) {
        return value != null && value;
    }

    /** An id from the path; one that no stream can have is not found, and never reaches Kafka as a key. */
    static String pathId(String what, String id) {
        if (!PATH_ID.matcher(id).matches()) {
            throw new StreamNotFoundException(what, id);
        }
        return id;
    }

    private static <E extends Enum<E>> String wireValues(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
