package org.incidentplatform.schemas;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The platform's vocabulary, said once for every service: impacts and component statuses by their wire
 * codes (the symbols of the event schema, the values of the HTTP APIs), the order each is ranked in, and
 * the words a person reads for them. Plain Java, so the services' rules and models may use it.
 */
public final class Vocabulary {

    private Vocabulary() {}

    /**
     * The words a person reads for one value, in the three casings the platform writes them in:
     * {@link #title()} on the status page ("Partial Outage"), {@link #sentence()} in email and Slack
     * ("Partial outage"), and {@link #lowerCase()} within a list or a sentence ("partial outage").
     */
    public record Words(String lowerCase) {

        /** The words of a wire code, its underscores read as spaces: {@code in_progress} is "in progress". */
        public static Words of(String wireValue) {
            return new Words(wireValue.replace('_', ' '));
        }

        public String sentence() {
            if (lowerCase.isEmpty()) {
                return lowerCase;
            }
            return Character.toUpperCase(lowerCase.charAt(0)) + lowerCase.substring(1);
        }

        public String title() {
            StringBuilder title = new StringBuilder(lowerCase.length());
            boolean wordStarts = true;
            for (char c : lowerCase.toCharArray()) {
                title.append(wordStarts ? Character.toUpperCase(c) : c);
                wordStarts = c == ' ';
            }
            return title.toString();
        }
    }

    /**
     * How badly an incident or maintenance affects users; {@link #MAINTENANCE} is for maintenance only.
     * Wire values are the constants in lower case, declared in the order of the event schema's symbols.
     */
    public enum Impact {
        NONE(0, "no impact", "All Systems Operational"),
        MINOR(2, "minor impact", "Minor Service Outage"),
        MAJOR(3, "major impact", "Partial System Outage"),
        CRITICAL(4, "critical impact", "Major System Outage"),
        MAINTENANCE(1, "maintenance", "Service Under Maintenance");

        private static final Map<String, Impact> BY_WIRE_VALUE = byWireValue(values(), Impact::wireValue);

        private final String wireValue;
        private final int rank;
        private final Words words;
        private final String indicatorDescription;

        Impact(int rank, String words, String indicatorDescription) {
            this.wireValue = name().toLowerCase(Locale.ROOT);
            this.rank = rank;
            this.words = new Words(words);
            this.indicatorDescription = indicatorDescription;
        }

        public String wireValue() {
            return wireValue;
        }

        /** @throws IllegalArgumentException for a value that is not one of this enum's wire values */
        public static Impact fromWireValue(String value) {
            return find(value).orElseThrow(() -> new IllegalArgumentException("unknown Impact '" + value + "'"));
        }

        /** The impact of this wire value, if it is one. */
        public static Optional<Impact> find(String value) {
            return Optional.ofNullable(BY_WIRE_VALUE.get(value));
        }

        /**
         * How much the impact weighs, for "minimum impact" and "highest impact ever": none &lt; maintenance &lt;
         * minor &lt; major &lt; critical. An incident with impact {@code maintenance} is planned work written up
         * as an incident; it ranks below every unplanned impact, so that a minimum of {@code minor} leaves it out.
         */
        public int rank() {
            return rank;
        }

        /** "No impact", "Minor impact" … "Maintenance": what the page says beside an incident. */
        public Words words() {
            return words;
        }

        /**
         * What a status page says overall when this is the worst impact (Statuspage's {@code status.description}
         * of the indicator of the same name): "All Systems Operational" … "Service Under Maintenance".
         */
        public String indicatorDescription() {
            return indicatorDescription;
        }
    }

    /**
     * The status of one component. Wire values are the constants in lower case, declared in the order of the
     * event schema's symbols.
     */
    public enum ComponentStatus {
        OPERATIONAL(0),
        DEGRADED_PERFORMANCE(2),
        PARTIAL_OUTAGE(3),
        MAJOR_OUTAGE(4),
        UNDER_MAINTENANCE(1);

        private static final Map<String, ComponentStatus> BY_WIRE_VALUE =
                byWireValue(values(), ComponentStatus::wireValue);

        private final String wireValue;
        private final int severity;

        ComponentStatus(int severity) {
            this.wireValue = name().toLowerCase(Locale.ROOT);
            this.severity = severity;
        }

        public String wireValue() {
            return wireValue;
        }

        /** @throws IllegalArgumentException for a value that is not one of this enum's wire values */
        public static ComponentStatus fromWireValue(String value) {
            ComponentStatus status = BY_WIRE_VALUE.get(value);
            if (status == null) {
                throw new IllegalArgumentException("unknown ComponentStatus '" + value + "'");
            }
            return status;
        }

        /**
         * How bad the status is, for "worst wins": operational 0 &lt; under_maintenance 1 &lt;
         * degraded_performance 2 &lt; partial_outage 3 &lt; major_outage 4. Maintenance ranks just above
         * operational and below every real problem: an outage during planned maintenance is news to users,
         * and the page must show it rather than hide it behind "under maintenance".
         */
        public int severity() {
            return severity;
        }

        /** "Operational", "Degraded Performance" …: the wire value's words. */
        public Words words() {
            return Words.of(wireValue);
        }
    }

    private static <E> Map<String, E> byWireValue(E[] values, Function<E, String> wireValue) {
        // A HashMap, so that looking up null finds nothing rather than throwing.
        return Arrays.stream(values).collect(Collectors.toMap(wireValue, Function.identity()));
    }
}
