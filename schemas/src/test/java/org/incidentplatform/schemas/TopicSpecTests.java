package org.incidentplatform.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.incidentplatform.schemas.serde.AvroDeserializer;
import org.incidentplatform.schemas.serde.AvroSerde;
import org.junit.jupiter.api.Test;

class TopicSpecTests {

    @Test
    void theSerdes_areTheOnesItsTypesCallFor() {
        assertThat(Topics.INCIDENT_EVENTS.keySerde().serializer()).isInstanceOf(StringSerializer.class);
        assertThat(Topics.INCIDENT_EVENTS.valueSerde("http://127.0.0.1:1"))
                .isInstanceOf(AvroSerde.class)
                .extracting(serde -> serde.deserializer())
                .isInstanceOf(AvroDeserializer.class);
        assertThat(Topics.INCIDENT_COMMANDS.valueSerde(null).deserializer()).isInstanceOf(ByteArrayDeserializer.class);
    }

    @Test
    void aDeadLetterTopic_keepsTheKeysAndPartitions_andHoldsTheValuesAsBytes() {
        TopicSpec<String, byte[]> deadLetters = Topics.INCIDENT_EVENTS.deadLetter();

        assertThat(deadLetters.name()).isEqualTo("incident-events-dlt");
        assertThat(deadLetters.partitions()).isEqualTo(Topics.INCIDENT_EVENTS.partitions());
        assertThat(deadLetters.keyType()).isEqualTo(String.class);
        assertThat(deadLetters.valueType()).isEqualTo(byte[].class);
        assertThat(deadLetters).isEqualTo(Topics.INCIDENT_EVENTS_DLT);
    }
}
