package org.incidentplatform.service;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.incidentplatform.schemas.registry.HttpSchemaRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A service starts only against a registry that answers and accepts the schemas it writes. */
@ExtendWith(LocalPlatformExtension.class)
class SchemaVerifierTests {

    static final Schema WITH_INT = record("{\"name\":\"count\",\"type\":\"int\"}");
    static final Schema WITH_STRING = record("{\"name\":\"count\",\"type\":\"string\"}");
    static final Schema WITH_DEFAULTED_FIELD = record(
            "{\"name\":\"count\",\"type\":\"int\"}," + "{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}");

    @Test
    void aCompatibleSchema_andANewSubject_pass() {
        String subject = subject();
        new HttpSchemaRegistry(LocalPlatformExtension.schemaRegistryUrl()).register(subject, WITH_INT);

        assertThatCode(() -> verifier(
                                LocalPlatformExtension.schemaRegistryUrl(),
                                Map.of(subject, WITH_DEFAULTED_FIELD, subject() + "-new", WITH_STRING))
                        .afterSingletonsInstantiated())
                .doesNotThrowAnyException();
    }

    @Test
    void anIncompatibleSchema_stopsTheStart_namingTheSubject() {
        String subject = subject();
        new HttpSchemaRegistry(LocalPlatformExtension.schemaRegistryUrl()).register(subject, WITH_INT);

        assertThatThrownBy(() -> verifier(LocalPlatformExtension.schemaRegistryUrl(), Map.of(subject, WITH_STRING))
                        .afterSingletonsInstantiated())
                .isInstanceOf(SchemaVerificationException.class)
                .hasMessageContaining("subject '" + subject + "'")
                .hasMessageContaining("not compatible");
    }

    @Test
    void aRegistryThatDoesNotAnswer_stopsTheStart_namingTheSetting() {
        assertThatThrownBy(() -> verifier("http://127.0.0.1:1", Map.of()).afterSingletonsInstantiated())
                .isInstanceOf(SchemaVerificationException.class)
                .hasMessageContaining("http://127.0.0.1:1 (platform.schema-registry-url) does not answer within PT1S");
    }

    private static SchemaVerifier verifier(String url, Map<String, Schema> written) {
        return new SchemaVerifier(
                new ServiceSchemas(written),
                new PlatformProperties(URI.create(url), (short) 1, Duration.ofSeconds(1), "DOWN"));
    }

    private static String subject() {
        return "verifier-" + UUID.randomUUID() + "-value";
    }

    private static Schema record(String fields) {
        return new Schema.Parser()
                .parse("{\"type\":\"record\",\"name\":\"Counted\",\"namespace\":\"test\",\"fields\":[" + fields + "]}");
    }
}
