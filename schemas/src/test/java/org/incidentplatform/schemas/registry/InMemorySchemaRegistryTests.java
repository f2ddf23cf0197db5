package org.incidentplatform.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.schemas.SchemaEdits;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTests {

    private static final String SUBJECT = "incident-events-value";
    private static final Schema V1 = IncidentEvent.getClassSchema();
    private static final Schema V2 =
            SchemaEdits.withField(V1, "IncidentEvent", "{\"name\":\"source\",\"type\":\"string\",\"default\":\"api\"}");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void register_isIdempotent_andVersionsFollowRegistrationOrder() {
        int first = registry.register(SUBJECT, V1);
        int again = registry.register(SUBJECT, V1);
        int second = registry.register(SUBJECT, V2);

        assertThat(again).isEqualTo(first);
        assertThat(registry.latest(SUBJECT)).isEqualTo(new RegisteredSchema(SUBJECT, 2, second, V2));
        assertThat(registry.versions(SUBJECT)).extracting(RegisteredSchema::id).containsExactly(first, second);
        assertThat(registry.idOf(SUBJECT, V1)).isEqualTo(first);
        assertThat(registry.schemaById(second)).isEqualTo(V2);
    }

    @Test
    void theSameSchemaUnderTwoSubjects_hasOneGlobalId() {
        assertThat(registry.register("a-value", V1)).isEqualTo(registry.register("b-value", V1));
        assertThat(registry.subjects()).containsExactly("a-value", "b-value");
    }

    @Test
    void register_rejectsAnIncompatibleSchema_withConfluentsErrorCode() {
        registry.register(SUBJECT, V1);
        Schema withoutDefault =
                SchemaEdits.withField(V1, "IncidentDeclared", "{\"name\":\"severityScore\",\"type\":\"int\"}");

        assertThat(registry.compatibilityProblems(SUBJECT, withoutDefault)).anyMatch(p -> p.contains("severityScore"));
        assertThatThrownBy(() -> registry.register(SUBJECT, withoutDefault))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isIncompatible()).isTrue();
                    assertThat(e.errorCode()).isEqualTo(40901);
                    assertThat(e.getMessage())
                            .contains("subject '" + SUBJECT + "' rejected the schema", "severityScore");
                });
    }

    @Test
    void unknownSubjectsSchemasAndIds_areNotFound_withConfluentsErrorCodes() {
        registry.register(SUBJECT, V1);

        assertThatThrownBy(() -> registry.latest("nope-value"))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(40401));
        assertThatThrownBy(() -> registry.idOf(SUBJECT, V2))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(40403));
        assertThatThrownBy(() -> registry.schemaById(99))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(40403));
        assertThat(registry.compatibilityProblems("nope-value", V2)).isEmpty();
    }
}
