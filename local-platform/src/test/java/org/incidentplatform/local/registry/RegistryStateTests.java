package org.incidentplatform.local.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.incidentplatform.local.registry.RegistryRecord.CompatibilitySet;
import org.incidentplatform.local.registry.RegistryRecord.SchemaVersion;
import org.incidentplatform.local.registry.RegistryRecord.SchemaVersionErased;
import org.incidentplatform.schemas.compatibility.CompatibilityLevel;
import org.junit.jupiter.api.Test;

class RegistryStateTests {

    private static final String SCHEMA = "\"string\"";

    private final RegistryState state = new RegistryState();

    @Test
    void aSoftDeletedVersion_leavesTheSubject_butItsIdStillResolves() {
        state.apply(new SchemaVersion("s", 1, 1, SCHEMA, false));
        state.apply(new SchemaVersion("s", 1, 1, SCHEMA, true));

        assertThat(state.subjects()).isEmpty();
        assertThat(state.highestVersion("s")).isEqualTo(1);
        assertThat(state.schema(1)).contains(SCHEMA);
    }

    @Test
    void anErasedVersion_isGoneFromTheSubject() {
        state.apply(new SchemaVersion("s", 1, 1, SCHEMA, false));
        state.apply(new SchemaVersionErased("s", 1));

        assertThat(state.versions("s")).isEmpty();
        assertThat(state.highestVersion("s")).isZero();
    }

    @Test
    void aSubjectsLevel_overridesTheGlobalOne_untilCleared() {
        state.apply(new CompatibilitySet(null, CompatibilityLevel.FULL));
        state.apply(new CompatibilitySet("s", CompatibilityLevel.NONE));
        assertThat(state.levelFor("s")).isEqualTo(CompatibilityLevel.NONE);

        state.apply(new CompatibilitySet("s", null));
        assertThat(state.levelFor("s")).isEqualTo(CompatibilityLevel.FULL);
    }

    @Test
    void withoutAnyConfig_theLevelIsBackward() {
        assertThat(state.levelFor("s")).isEqualTo(CompatibilityLevel.BACKWARD);
    }
}
