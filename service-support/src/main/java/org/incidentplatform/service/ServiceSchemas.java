package org.incidentplatform.service;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
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

    /**
     * The value schema written to each topic, its value type's (an Avro record class), under the subject the
     * serializer registers it in.
     */
    public static ServiceSchemas writes(TopicSpec<?, ?>... topics) {
        Map<String, Schema> bySubject = new LinkedHashMap<>();
        for (TopicSpec<?, ?> topic : topics) {
            if (!SpecificRecord.class.isAssignableFrom(topic.valueType())) {
                throw new IllegalArgumentException("topic " + topic.name() + " holds no Avro records");
            }
            bySubject.put(
                    TopicNameStrategy.subjectName(topic.name(), false),
                    SpecificData.get().getSchema(topic.valueType()));
        }
        return new ServiceSchemas(bySubject);
    }

    /** A service that only reads: the registry must still answer, since every record read needs it. */
    public static ServiceSchemas readsOnly() {
        return new ServiceSchemas(Map.of());
    }
}
