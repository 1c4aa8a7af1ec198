package com.groupgate.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class DomainDependenciesTest {
    private static final JavaClasses DOMAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.groupgate");

    @Test
    void domainUsesNeitherTheAwsSdkNorJackson() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("software.amazon..", "com.amazonaws..", "com.fasterxml.jackson..")
                .check(DOMAIN);
    }

    @Test
    void qrRenderingUsesNeitherAwtNorImageIo() {
        noClasses().that().resideInAPackage("com.groupgate.qr..")
                .should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.imageio..")
                .check(DOMAIN);
    }
}
