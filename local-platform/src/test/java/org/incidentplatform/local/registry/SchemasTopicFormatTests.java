package org.incidentplatform.local.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.incidentplatform.local.registry.RegistryRecord.CompatibilitySet;
import org.incidentplatform.local.registry.RegistryRecord.SchemaVersion;
import org.incidentplatform.local.registry.RegistryRecord.SchemaVersionErased;
import org.incidentplatform.schemas.compatibility.CompatibilityLevel;
import org.junit.jupiter.api.Test;

class SchemasTopicFormatTests {

    private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Incident\",\"fields\":[]}";

    @Test
    void schemaVersion_isWrittenWithConfluentsKeyAndValue() {
        SchemasTopicFormat.Entry entry =
                SchemasTopicFormat.encode(new SchemaVersion("incident-events-value", 1, 7, SCHEMA, false));

        assertThat(entry.key())
                .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"incident-events-value\",\"version\":1,\"magic\":1}");
        assertThat(entry.value())
                .isEqualTo("{\"subject\":\"incident-events-value\",\"version\":1,\"id\":7,"
                        + "\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Incident\\\",\\\"fields\\\":[]}\","
                        + "\"deleted\":false}");
    }

    @Test
    void globalLevel_isKeyedWithAnExplicitNullSubject() {
        SchemasTopicFormat.Entry entry = SchemasTopicFormat.encode(new CompatibilitySet(null, CompatibilityLevel.FULL));

        assertThat(entry.key()).isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
        assertThat(entry.value()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    }

    @Test
    void subjectLevel_isKeyedWithTheSubject() {
        SchemasTopicFormat.Entry entry = SchemasTopicFormat.encode(new CompatibilitySet("s", CompatibilityLevel.NONE));

        assertThat(entry.key()).isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":\"s\",\"magic\":0}");
    }

    @Test
    void recordsWrittenByConfluent_areReadBack_ignoringFieldsWeDoNotUse() {
        String key = "{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":3,\"magic\":1}";
        String value = "{\"subject\":\"s\",\"version\":3,\"id\":12,\"references\":[],\"metadata\":null,"
                + "\"schema\":\"\\\"string\\\"\",\"deleted\":true}";

        assertThat(SchemasTopicFormat.decode(key, value)).contains(new SchemaVersion("s", 3, 12, "\"string\"", true));
        assertThat(SchemasTopicFormat.decode(
                        "{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}",
                        "{\"compatibilityLevel\":\"FORWARD_TRANSITIVE\"}"))
                .contains(new CompatibilitySet(null, CompatibilityLevel.FORWARD_TRANSITIVE));
    }

    @Test
    void tombstones_eraseAVersion_orClearASubjectsLevel() {
        assertThat(SchemasTopicFormat.decode(
                        "{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":2,\"magic\":1}", null))
                .contains(new SchemaVersionErased("s", 2));
        assertThat(SchemasTopicFormat.decode("{\"keytype\":\"CONFIG\",\"subject\":\"s\",\"magic\":0}", null))
                .contains(new CompatibilitySet("s", null));
    }

    @Test
    void keyTypesTheRegistryDoesNotKeep_areSkipped() {
        assertThat(SchemasTopicFormat.decode("{\"keytype\":\"NOOP\",\"magic\":0}", null))
                .isEmpty();
        assertThat(SchemasTopicFormat.decode(
                        "{\"keytype\":\"MODE\",\"subject\":null,\"magic\":0}", "{\"mode\":\"READWRITE\"}"))
                .isEmpty();
    }

    @Test
    void aKeyThatIsNotJson_isRefused() {
        assertThatThrownBy(() -> SchemasTopicFormat.decode("not json", "{}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
