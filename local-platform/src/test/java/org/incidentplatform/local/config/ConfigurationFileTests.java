package org.incidentplatform.local.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The check behind every service's ConfigurationFileTests, on fixtures with known mistakes. */
class ConfigurationFileTests {

    static final Path FIXTURES = Path.of("src/test/resources/configuration");
    /** The repository: this module's parent directory. */
    static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();

    @Test
    void aValidFile_withMapsListsPlaceholdersCamelCaseAndSeveralDocuments_hasNoProblems() throws Exception {
        assertThat(ConfigurationFile.springProblems(FIXTURES.resolve("valid.yml"), metadata()))
                .isEmpty();
    }

    @Test
    void aMisspeltProperty_aKeyBelowASingleValue_andARetiredProperty_areEachNamed() throws Exception {
        assertThat(ConfigurationFile.springProblems(FIXTURES.resolve("misspelt.yml"), metadata()))
                .containsExactly(
                        "misspelt.yml: 'spring.kafka.consumer.group-idd' is not a property any component of this service"
                                + " reads (misspelt?)",
                        "misspelt.yml: 'server.port.number' is not a property: 'server.port' is a single java.lang.Integer",
                        "misspelt.yml: 'shop.old-setting' is no longer supported: use shop.max-body-bytes");
    }

    @Test
    void aFileThatIsNotYaml_isReportedWithItsLine_beforeAnyPropertyCheck() throws Exception {
        assertThat(ConfigurationFile.springProblems(FIXTURES.resolve("broken.yml"), metadata()))
                .singleElement()
                .asString()
                .contains("broken.yml: not valid YAML at line 3");
    }

    @Test
    void aDuplicatedKey_isNotValid() throws IOException {
        Path file = Files.createTempFile("duplicate", ".yml");
        Files.writeString(file, "server:\n  port: 8080\n  port: 8081\n");

        assertThat(ConfigurationFile.yamlProblems(file))
                .singleElement()
                .asString()
                .contains("duplicate key port");
    }

    @Test
    void everyYamlFileInTheRepository_parses() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> tree = Files.walk(REPOSITORY)) {
            tree.filter(Files::isRegularFile)
                    .filter(path ->
                            path.toString().endsWith(".yml") || path.toString().endsWith(".yaml"))
                    .filter(path -> Stream.of("target", "data", "node_modules", ".git")
                            .noneMatch(skipped -> REPOSITORY
                                            .relativize(path)
                                            .toString()
                                            .startsWith(skipped + "/")
                                    || REPOSITORY.relativize(path).toString().contains("/" + skipped + "/")))
                    .filter(path -> !path.startsWith(
                            REPOSITORY.resolve("local-platform").resolve(FIXTURES)))
                    .forEach(files::add);
        }

        assertThat(files)
                .as("compose and application files found")
                .anyMatch(p -> p.endsWith("docker-compose.yml"))
                .anyMatch(p -> p.endsWith("incident-service/src/main/resources/application.yml"));
        assertThat(files.stream().flatMap(file -> ConfigurationFile.yamlProblems(file).stream()))
                .isEmpty();
    }

    private static ClassLoader metadata() throws Exception {
        URL root = FIXTURES.resolve("metadata").toUri().toURL();
        return new URLClassLoader(new URL[] {root}, null);
    }
}
