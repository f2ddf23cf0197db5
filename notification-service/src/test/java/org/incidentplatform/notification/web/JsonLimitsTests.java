package org.incidentplatform.notification.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonFactoryBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The limits as a reader built like the service's sees them; the web tests show the service uses them. */
class JsonLimitsTests {

    private final JsonMapper reader = reader();

    @Test
    void nestingBeyondTheLimit_stopsTheReader() {
        String deep = "[".repeat(JsonLimits.MAX_NESTING_DEPTH + 1) + "]".repeat(JsonLimits.MAX_NESTING_DEPTH + 1);
        String allowed = "[".repeat(JsonLimits.MAX_NESTING_DEPTH) + "]".repeat(JsonLimits.MAX_NESTING_DEPTH);

        assertThatThrownBy(() -> reader.readTree(deep)).isInstanceOf(StreamConstraintsException.class);
        assertThat(reader.readTree(allowed).isArray()).isTrue();
    }

    @Test
    void stringNumberOrDocumentBeyondTheLimit_stopsTheReader() {
        assertThatThrownBy(() -> reader.readTree("\"" + "x".repeat(JsonLimits.MAX_STRING_LENGTH + 1) + "\""))
                .isInstanceOf(StreamConstraintsException.class);
        assertThatThrownBy(() -> reader.readTree("1" + "0".repeat(JsonLimits.MAX_NUMBER_LENGTH)))
                .isInstanceOf(StreamConstraintsException.class);
        assertThatThrownBy(() -> reader.readTree(("[" + "1,".repeat(JsonLimits.MAX_BODY_BYTES) + "1]").getBytes()))
                .isInstanceOf(StreamConstraintsException.class);
        JsonNode longest = reader.readTree("\"" + "x".repeat(JsonLimits.MAX_STRING_LENGTH) + "\"");
        assertThat(longest.asString()).hasSize(JsonLimits.MAX_STRING_LENGTH);
    }

    private static JsonMapper reader() {
        JsonFactoryBuilder factory = JsonFactory.builder();
        new JsonLimits().customize(factory);
        return JsonMapper.builder(factory.build()).build();
    }
}
