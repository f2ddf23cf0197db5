package org.incidentplatform.service;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.avro.Schema;
import org.incidentplatform.schemas.TopicSpec;
import org.incidentplatform.schemas.serde.TopicNameStrategy;

/**
 * The record schemas a service writes, by registry subject. At start the service checks that the schema
 * registry answers and that each of these is compatible with the subject's latest version there, so a
 * build with a broken schema stops at start instead of failing on its first write.
 */
public record ServiceSchemas(Map<String, Schema> written) {

    public ServiceSchemas {
        written = Map.copyOf(written);
    }

    /** The value schema written to each topic, under the subject the serializer registers it in. */
    public static ServiceSchemas writes(Map<TopicSpec, Schema> valuesByTopic) {
        Map<String, Schema> bySubject = new LinkedHashMap<>();
        valuesByTopic.forEach((topic, schema) ->
                bySubject.put(TopicNameStrategy.subjectName(topic.name(), false), schema));
        return new ServiceSchemas(bySubject);
    }

    /** A service that only reads: the registry must still answer, since every record read needs it. */
    public static ServiceSchemas readsOnly() {
        return new ServiceSchemas(Map.of());
    }
}
