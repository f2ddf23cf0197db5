package org.incidentplatform.incident.command;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.incidentplatform.incident.domain.CatalogueCommand;
import org.incidentplatform.incident.domain.Command;
import org.incidentplatform.incident.domain.IncidentCommand;
import org.incidentplatform.incident.domain.MaintenanceCommand;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON for incident-service's own command and result topics. The domain commands stay free of
 * serialisation annotations: the envelope names the command's type, and the permitted subclasses
 * of the three sealed command families are the only types accepted.
 */
final class CommandCodec {

    /** Tolerates fields it does not know, so an envelope or stored value of a newer or older version still reads. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final Map<String, Class<? extends Command>> COMMAND_TYPES = Stream.of(
                    IncidentCommand.class, MaintenanceCommand.class, CatalogueCommand.class)
            .flatMap(family -> Arrays.stream(family.getPermittedSubclasses()))
            .map(type -> type.asSubclass(Command.class))
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private CommandCodec() {}

    static CommandEnvelope envelope(String requestId, CommandRequest request, boolean occurredAtGiven, Instant sentAt) {
        return new CommandEnvelope(
                requestId,
                request.streamId(),
                request.command().getClass().getSimpleName(),
                JSON.valueToTree(request.command()),
                occurredAtGiven,
                request.actor(),
                request.idempotencyKey(),
                request.requestHash(),
                request.expectedVersion(),
                request.correlationId(),
                sentAt);
    }

    /** The domain command of an envelope; a command without a time of its own gets {@code now}. */
    static Command command(CommandEnvelope envelope, Instant now) {
        Class<? extends Command> type = COMMAND_TYPES.get(envelope.type());
        if (type == null) {
            throw new IllegalArgumentException("unknown command type " + envelope.type());
        }
        JsonNode command = envelope.command();
        if (!envelope.occurredAtGiven() && command instanceof ObjectNode fields) {
            fields = fields.deepCopy();
            fields.put("occurredAt", now.toString());
            command = fields;
        }
        return JSON.treeToValue(command, type);
    }

    static final Serde<CommandEnvelope> ENVELOPES = serde(CommandEnvelope.class);
    static final Serde<CommandResult> RESULTS = serde(CommandResult.class);

    static <T> Serde<T> serde(Class<T> type) {
        Serializer<T> serializer = (topic, value) -> value == null ? null : JSON.writeValueAsBytes(value);
        Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : JSON.readValue(bytes, type);
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
