package com.groupgate.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.github.houbb.opencc4j.support.datamap.IDataMap;
import com.github.houbb.opencc4j.support.datamap.impl.DataMaps;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/**
 * The compliance core is pure: the codes API's adapters bring storage, KMS and JSON; this
 * module computes. No AWS SDK, no Jackson, no files, sockets or console.
 */
class ComplianceDependenciesTest {
    private static final JavaClasses COMPLIANCE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.groupgate.audit", "com.groupgate.content");

    @Test
    void complianceUsesNeitherTheAwsSdkNorJackson() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("software.amazon..", "com.amazonaws..", "com.fasterxml.jackson..")
                .check(COMPLIANCE);
    }

    @Test
    void complianceDoesNoIo() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("java.nio.file..", "java.net..", "java.nio.channels..")
                .orShould().dependOnClassesThat()
                .haveNameMatching("java\\.io\\.(File|RandomAccessFile|FileInputStream|FileOutputStream|FileReader|FileWriter).*")
                .check(COMPLIANCE);
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(COMPLIANCE);
    }

    /**
     * opencc4j is used for its traditional-to-simplified character map only; its
     * segmentation (and the 2 MB nlp-common dictionary it needs) is excluded from the
     * build, so nothing may reach for it.
     */
    @Test
    void theContentFilterTakesOnlyTheCharacterMapFromOpencc4j() {
        DescribedPredicate<JavaClass> characterMap = JavaClass.Predicates.belongToAnyOf(DataMaps.class, IDataMap.class);
        noClasses().should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("com.github.houbb..")
                        .and(DescribedPredicate.not(characterMap)))
                .check(COMPLIANCE);
    }

    @Test
    void auditNeverDependsOnTheContentFilter() {
        noClasses().that().resideInAPackage("com.groupgate.audit..")
                .should().dependOnClassesThat().resideInAPackage("com.groupgate.content..")
                .check(COMPLIANCE);
    }
}
