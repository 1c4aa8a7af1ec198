package com.groupgate.scan;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The scan and join services speak in domain values (codes, groups, recorded facts); what
 * becomes DynamoDB attributes does so in the adapters' codecs. Only the handler, which
 * wires clients, may name the SDK.
 */
class ServicesStayOffTheSdkTest {

    @Test
    void scanAndJoinServicesUseNoAwsSdkType() {
        noClasses().that().haveSimpleNameEndingWith("Service")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("com.groupgate.scan"));
    }
}
