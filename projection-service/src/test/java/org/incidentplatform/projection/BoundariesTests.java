package org.incidentplatform.projection;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package boundaries of projection-service that keep its model apart from its plumbing. */
class BoundariesTests {

    static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.incidentplatform.projection");

    @Test
    void packages_dependOnEachOtherWithoutCycles() {
        // Per package: analytics.web sits on live, which sits on the analytics model.
        slices().matching("org.incidentplatform.projection.(**)")
                .should()
                .beFreeOfCycles()
                .check(SERVICE);
    }

    @Test
    void theModelAndTheAnalytics_arePlainJava() {
        noClasses()
                .that()
                .resideInAnyPackage("..projection.status", "..projection.analytics")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "org.apache.kafka..", "org.apache.avro..")
                .because("the status model and the analytics are rules over events, tested without a broker")
                .check(SERVICE);
    }

    @Test
    void theWebEdges_doNotReachIntoKafka() {
        noClasses()
                .that()
                .resideInAnyPackage("..projection.web..", "..projection.page..", "..analytics.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
                .check(SERVICE);
    }
}
