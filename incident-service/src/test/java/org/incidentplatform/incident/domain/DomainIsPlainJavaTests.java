package org.incidentplatform.incident.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The deciders must run, and be tested, without a framework, a broker or the wire format. */
class DomainIsPlainJavaTests {

    @Test
    void domain_dependsOnNoFrameworkBrokerOrWireFormat() {
        var domain = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.incidentplatform.incident.domain");

        noClasses()
                .that()
                .resideInAPackage("..incident.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "org.apache.kafka..",
                        "org.apache.avro..",
                        "org.incidentplatform.events..")
                .because("the domain is plain Java; mapping to Avro and Kafka lives at the edge")
                .check(domain);
    }
}
