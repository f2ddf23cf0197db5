package org.incidentplatform.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package boundaries of notification-service that keep its rules apart from its plumbing. */
class BoundariesTests {

    static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.incidentplatform.notification");

    @Test
    void packages_dependOnEachOtherWithoutCycles() {
        slices().matching("org.incidentplatform.notification.(*)..")
                .should()
                .beFreeOfCycles()
                .check(SERVICE);
    }

    @Test
    void whoHearsOfWhat_andWhatToDoWithADelivery_arePlainJava() {
        noClasses()
                .that()
                .resideInAPackage("..notification.audience..")
                .or()
                .haveFullyQualifiedName("org.incidentplatform.notification.dispatch.DeliveryPolicy")
                .or()
                .haveFullyQualifiedName("org.incidentplatform.notification.dispatch.Backoff")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "org.apache.kafka..",
                        "org.apache.avro..",
                        "org.incidentplatform.notification.events..",
                        "org.incidentplatform.events..")
                .because("the audience and the retry, park and quarantine decisions are rules, tested without a broker")
                .check(SERVICE);
    }

    @Test
    void theWebEdge_doesNotReachIntoKafka() {
        noClasses()
                .that()
                .resideInAPackage("..notification.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
                .check(SERVICE);
    }
}
