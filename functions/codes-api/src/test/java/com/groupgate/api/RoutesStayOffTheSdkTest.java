package com.groupgate.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The API's routes speak in domain values; stored attributes belong to the adapters. Only
 * the handlers, which wire clients, may name the SDK.
 */
class RoutesStayOffTheSdkTest {

    @Test
    void routesUseNoAwsSdkType() {
        noClasses().that().haveSimpleNameEndingWith("Routes")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("com.groupgate.api"));
    }
}
