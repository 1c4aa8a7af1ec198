package com.groupgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * The scan, join, group, code, key and webhook rules run on the hot path and in tests without I/O: no
 * AWS SDK, no Jackson, no console, and no name resolution (an attacker-supplied string
 * must never reach DNS).
 */
class RulePackagesArePureTest {
    private static final String[] RULE_PACKAGES = {
        "com.groupgate.scan..", "com.groupgate.join..", "com.groupgate.group..", "com.groupgate.code..",
        "com.groupgate.tenant..", "com.groupgate.webhook.."};

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.groupgate.scan", "com.groupgate.join", "com.groupgate.group", "com.groupgate.code",
                    "com.groupgate.tenant", "com.groupgate.webhook");

    @Test
    void rulesDependOnNeitherAwsNorJackson() {
        noClasses().that().resideInAnyPackage(RULE_PACKAGES)
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..", "com.fasterxml..")
                .check(CLASSES);
    }

    @Test
    void rulesNeverResolveNames() {
        noClasses().that().resideInAnyPackage(RULE_PACKAGES)
                .should().callMethod(InetAddress.class, "getByName", String.class)
                .orShould().callMethod(InetAddress.class, "getAllByName", String.class)
                .check(CLASSES);
    }

    @Test
    void rulesWriteNothingToTheConsole() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(CLASSES);
    }
}
