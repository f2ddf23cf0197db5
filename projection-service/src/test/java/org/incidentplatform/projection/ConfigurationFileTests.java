package org.incidentplatform.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.incidentplatform.local.config.ConfigurationFile;
import org.junit.jupiter.api.Test;

/** Spring ignores a property nobody reads; this build does not (see ConfigurationFile). */
class ConfigurationFileTests {

    @Test
    void applicationYml_setsOnlyPropertiesThisServiceReads() {
        assertThat(ConfigurationFile.springProblems(
                        Path.of("src/main/resources/application.yml"),
                        getClass().getClassLoader()))
                .isEmpty();
    }
}
