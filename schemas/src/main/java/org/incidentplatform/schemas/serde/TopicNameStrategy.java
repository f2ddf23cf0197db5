package org.incidentplatform.schemas.serde;

import java.util.Set;

/**
 * Confluent's default subject naming: {@code <topic>-key} and {@code <topic>-value}. The only
 * strategy the serde supports, because the platform has one envelope record per topic.
 */
public final class TopicNameStrategy {

    /** Class names accepted for {@code key.subject.name.strategy} and {@code value.subject.name.strategy}. */
    static final Set<String> CLASS_NAMES =
            Set.of("io.confluent.kafka.serializers.subject.TopicNameStrategy", TopicNameStrategy.class.getName());

    private TopicNameStrategy() {}

    public static String subjectName(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
