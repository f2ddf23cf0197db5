package org.incidentplatform.schemas;

import java.util.List;
import java.util.Map;
import org.incidentplatform.events.IncidentEvent;

/**
 * Every topic of the platform, declared once: names, partitions, retention and cleanup policy, and the types
 * of keys and values that the serdes of every client are built from ({@link TopicSpec#keySerde()},
 * {@link TopicSpec#valueSerde(String)}).
 */
public final class Topics {

    static final Map<String, String> RETAINED_FOREVER = Map.of(
            "cleanup.policy", "delete",
            "retention.ms", "-1",
            "retention.bytes", "-1");

    /** The name alone, for annotations (a listener's topic), which need a constant. */
    public static final String INCIDENT_EVENTS_NAME = "incident-events";

    /**
     * The source of truth. Never compacted and never expired: every projection, duration and
     * notification decision is rebuilt by replaying it. Keyed by incident (stream) id.
     */
    public static final TopicSpec<String, IncidentEvent> INCIDENT_EVENTS =
            new TopicSpec<>(INCIDENT_EVENTS_NAME, 6, RETAINED_FOREVER, String.class, IncidentEvent.class);

    /** Records of incident-events that a consumer could not deserialise, with the reason in headers. */
    public static final TopicSpec<String, byte[]> INCIDENT_EVENTS_DLT = INCIDENT_EVENTS.deadLetter();

    /**
     * The schema registry's own store, laid out as Confluent Schema Registry lays out its
     * {@code _schemas} topic, so a real registry can take over the data.
     */
    public static final TopicSpec<String, String> SCHEMAS =
            new TopicSpec<>("_schemas", 1, Map.of("cleanup.policy", "compact"), String.class, String.class);

    /**
     * Commands on their way from incident-service's HTTP layer to the stream processor that owns
     * the incident's partition; keyed like incident-events so both have the same owner. Kept a week
     * for diagnosis; the events, not the commands, are the record. The values are incident-service's own
     * JSON, which only it reads: bytes to everyone else.
     */
    public static final TopicSpec<String, byte[]> INCIDENT_COMMANDS = new TopicSpec<>(
            "incident-commands",
            INCIDENT_EVENTS.partitions(),
            Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(7L * 24 * 3600 * 1000)),
            String.class,
            byte[].class);

    /**
     * The decision on each command, read by whichever incident-service instance is waiting for it; JSON, as
     * the commands.
     */
    public static final TopicSpec<String, byte[]> INCIDENT_COMMAND_RESULTS = new TopicSpec<>(
            "incident-command-results",
            INCIDENT_EVENTS.partitions(),
            Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(24L * 3600 * 1000)),
            String.class,
            byte[].class);

    /**
     * The key of {@code Heartbeat} records in incident-events: reserved, never an incident, maintenance or
     * catalogue stream, so a heartbeat cannot mix with a stream's sequence.
     */
    public static final String HEARTBEAT_KEY = "heartbeat";

    /** The key of the component catalogue's stream in incident-events: one stream, reserved like the heartbeat's. */
    public static final String CATALOGUE_KEY = "catalogue";

    public static final String INCIDENT_EVENTS_SUBJECT = INCIDENT_EVENTS.name() + "-value";

    public static List<TopicSpec<String, ?>> all() {
        return List.of(INCIDENT_EVENTS, INCIDENT_EVENTS_DLT, INCIDENT_COMMANDS, INCIDENT_COMMAND_RESULTS, SCHEMAS);
    }

    private Topics() {}
}
