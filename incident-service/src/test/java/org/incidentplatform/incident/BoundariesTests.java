package org.incidentplatform.incident;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package boundaries of incident-service that keep the HTTP edge, the pipeline and the rules apart. */
class BoundariesTests {

    static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.incidentplatform.incident");

    @Test
    void packages_dependOnEachOtherWithoutCycles() {
        slices().matching("org.incidentplatform.incident.(*)..")
                .should()
                .beFreeOfCycles()
                .check(SERVICE);
    }

    @Test
    void theWebEdge_reachesKafkaOnlyThroughTheCommandPackage() {
        noClasses()
                .that()
                .resideInAPackage("..incident.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.kafka..",
                        "org.springframework.kafka..",
                        "org.apache.avro..",
                        "org.incidentplatform.events..")
                .because("the web package speaks HTTP; commands and reads go through CommandGateway and StreamReader")
                .check(SERVICE);
    }
}
