package org.incidentplatform.incident.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.incidentplatform.schemas.Vocabulary.ComponentStatus;

/**
 * Reads the fields of a request body into domain values, or fails with a 422 naming the field. Request
 * bodies hold strings: an enum or a time that does not parse is reported here, in the API's words,
 * instead of as a Jackson binding error.
 */
final class Fields {

    /** Ids in paths: the shape of ids this service assigns and of catalogue ids. Others cannot exist. */
    private static final Pattern PATH_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /**
     * How far ahead of this service's clock a time of the world may be: a reporter's clock may run a
     * little fast, but nothing that happened can be later. Back-filled times may be as old as 1970.
     */
    static final Duration FUTURE_SLACK = Duration.ofMinutes(5);
    /** How far ahead a maintenance window or an action item's due date may be planned. */
    static final Duration PLANNING_HORIZON = Duration.ofDays(5 * 365);

    private Fields() {}

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
    static <E extends Enum<E>> E wireValue(
            String field, String value, Class<E> type, Function<String, E> fromWireValue) {
        if (value == null) {
            return null;
        }
        try {
            return fromWireValue.apply(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(
                    field, field + " must be one of " + wireValues(type) + "; was '" + value + "'");
        }
    }

    static <E extends Enum<E>> E requiredWireValue(
            String field, String value, Class<E> type, Function<String, E> fromWireValue) {
        return wireValue(field, required(field, value), type, fromWireValue);
    }

    /**
     * A point in time with an explicit offset; null when absent. A local time without offset is
     * ambiguous (which zone? which side of a DST change?) and is refused rather than guessed.
     */
    static Instant time(String field, String value) {
        return time(field, value, FUTURE_SLACK);
    }

    /** A time of something planned (a maintenance window): at most {@link #PLANNING_HORIZON} ahead. */
    static Instant plannedTime(String field, String value) {
        return time(field, required(field, value), PLANNING_HORIZON);
    }

    /**
     * A time no earlier than 1970 and no later than {@code ahead} from now: the log records milliseconds
     * since 1970, and a time beyond what it can hold must be refused here, naming the field, rather than
     * fail while the event is written.
     */
    private static Instant time(String field, String value, Duration ahead) {
        if (value == null) {
            return null;
        }
        Instant time;
        try {
            time = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(
                    field,
                    field + " must be an ISO-8601 time with an offset,"
                            + " e.g. 2024-03-10T01:50:00-05:00 or 2024-03-10T06:50:00Z; was '" + value + "'");
        }
        Instant latest = Instant.now().plus(ahead);
        if (time.isBefore(Instant.EPOCH) || time.isAfter(latest)) {
            throw new InvalidFieldException(
                    field,
                    field + " must be between 1970-01-01T00:00:00Z and " + describe(ahead) + " from now; was '" + value
                            + "'");
        }
        return time;
    }

    private static String describe(Duration ahead) {
        return ahead.toDays() >= 365 ? ahead.toDays() / 365 + " years" : ahead.toMinutes() + " minutes";
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

    /** A date no earlier than 1970 and at most {@link #PLANNING_HORIZON} ahead (a due date). */
    static LocalDate date(String field, String value) {
        if (value == null) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, field + " must be a date as YYYY-MM-DD; was '" + value + "'");
        }
        LocalDate latest = LocalDate.now(ZoneOffset.UTC).plusDays(PLANNING_HORIZON.toDays());
        if (date.isBefore(LocalDate.EPOCH) || date.isAfter(latest)) {
            throw new InvalidFieldException(
                    field,
                    field + " must be between 1970-01-01 and " + describe(PLANNING_HORIZON) + " from today; was '"
                            + value + "'");
        }
        return date;
    }

    /** Component id to component status, in the caller's order; null when absent. */
    static Map<String, ComponentStatus> components(String field, Map<String, String> value) {
        if (value == null) {
            return null;
        }
        Map<String, ComponentStatus> components = new LinkedHashMap<>();
        value.forEach((id, status) -> components.put(
                id,
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
