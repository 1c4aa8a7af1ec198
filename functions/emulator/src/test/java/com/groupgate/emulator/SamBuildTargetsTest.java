package com.groupgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code sam build} runs, for each function with {@code BuildMethod: makefile}, the Makefile's
 * {@code build-<LogicalId>} target, which must leave the function's code in {@code $(ARTIFACTS_DIR)}.
 * These checks read template.yaml and the Makefile as they are, so a function added to the template
 * without its target (or with a target that unpacks a jar lacking its handler) fails here, not at
 * deploy time. CI runs {@code sam build} itself ({@code make sam-build}) as the final proof.
 */
class SamBuildTargetsTest {
    private static final Path ROOT = RepositoryRoot.find();
    private static final Pattern JAR = Pattern.compile("\\$\\(CURDIR\\)/functions/([\\w-]+)/target/([\\w.-]+\\.jar)");
    private static final Pattern JAR_RULE = Pattern.compile("^(functions/[\\w-]+/target/[\\w.-]+\\.jar)\\s*:.*");
    private static final Pattern PACKAGED_MODULE = Pattern.compile("-pl\\s+functions/([\\w-]+)\\b.*\\bpackage\\b");

    /** What one Makefile target does: the module it packages and the jar it unpacks into ARTIFACTS_DIR. */
    record BuildTarget(String name, String packagedModule, String jarModule, String jar, boolean unpacksIntoArtifacts) {
    }

    @Test
    void everyMakefileBuiltFunctionHasABuildTargetThatUnpacksAJarHoldingItsHandler() throws IOException {
        Map<String, BuildTarget> targets = targets(Files.readString(ROOT.resolve("Makefile")));
        Map<String, Map<String, Object>> functions = CloudFormationTemplate.ofRepository()
                .resourcesOfType("AWS::Serverless::Function");
        assertFalse(functions.isEmpty(), "template.yaml declares functions");
        List<String> problems = new ArrayList<>();
        for (var function : functions.entrySet()) {
            problems.addAll(problems(function.getKey(), function.getValue(), targets));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aFunctionWithoutItsTargetIsReported() {
        Map<String, BuildTarget> targets = targets("""
                build-ScanFunction:
                \t$(MVN) -q -DskipTests -pl functions/scan -am package
                \tcd $(ARTIFACTS_DIR) && unzip -qo $(CURDIR)/functions/scan/target/groupgate-scan-lambda.jar
                """);
        Map<String, Object> tenantDeletion = Map.of(
                "Metadata", Map.of("BuildMethod", "makefile"),
                "Properties", Map.of("CodeUri", ".", "Handler", "com.groupgate.jobs.TenantDeletionHandler::handleRequest"));
        assertEquals(List.of("TenantDeletionFunction: the Makefile has no target build-TenantDeletionFunction"
                        + " (sam build runs it for BuildMethod: makefile)"),
                problems("TenantDeletionFunction", tenantDeletion, targets));
    }

    @Test
    void aTargetUnpackingAJarWithoutTheHandlerIsReported() {
        Map<String, BuildTarget> targets = targets("""
                build-AggregateFunction build-TenantDeletionFunction:
                \t$(MVN) -q -DskipTests -pl functions/aggregate -am package
                \tcd $(ARTIFACTS_DIR) && unzip -qo $(CURDIR)/functions/aggregate/target/groupgate-aggregate-lambda.jar
                """);
        Map<String, Object> tenantDeletion = Map.of(
                "Metadata", Map.of("BuildMethod", "makefile"),
                "Properties", Map.of("CodeUri", ".", "Handler", "com.groupgate.jobs.TenantDeletionHandler::handleRequest"));
        List<String> problems = problems("TenantDeletionFunction", tenantDeletion, targets);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("com/groupgate/jobs/TenantDeletionHandler.java is not in functions/aggregate"),
                problems.get(0));
    }

    @Test
    void continuedTargetLinesAreRead() {
        Map<String, BuildTarget> targets = targets("""
                build-A build-B \\
                  build-C:
                \t$(MVN) -q -DskipTests -pl functions/scan -am package
                \tcd $(ARTIFACTS_DIR) && unzip -qo $(CURDIR)/functions/scan/target/groupgate-scan-lambda.jar
                """);
        assertEquals(List.of("build-A", "build-B", "build-C"), List.copyOf(targets.keySet()));
        assertEquals(new BuildTarget("build-C", "scan", "scan", "groupgate-scan-lambda.jar", true), targets.get("build-C"));
        assertThrows(IllegalArgumentException.class, () -> targets("build-A:\n\tcp x y\nbuild-A:\n\tcp x y\n"));
    }

    @Test
    void aJarPackagedByItsOwnRuleCountsOnlyWhenTheTargetDependsOnIt() {
        Map<String, BuildTarget> targets = targets("""
                build-ScanFunction: functions/scan/target/groupgate-scan-lambda.jar
                \tcd $(ARTIFACTS_DIR) && unzip -qo $(CURDIR)/functions/scan/target/groupgate-scan-lambda.jar
                build-AggregateFunction:
                \tcd $(ARTIFACTS_DIR) && unzip -qo $(CURDIR)/functions/aggregate/target/groupgate-aggregate-lambda.jar
                functions/scan/target/groupgate-scan-lambda.jar: $(JAR_INPUTS)
                \t$(MVN) -q -DskipTests -pl functions/scan -am package
                functions/aggregate/target/groupgate-aggregate-lambda.jar: $(JAR_INPUTS)
                \t$(MVN) -q -DskipTests -pl functions/aggregate -am package
                """);
        assertEquals("scan", targets.get("build-ScanFunction").packagedModule());
        Map<String, Object> aggregate = Map.of(
                "Metadata", Map.of("BuildMethod", "makefile"),
                "Properties", Map.of("CodeUri", ".", "Handler", "com.groupgate.aggregate.AggregateHandler::handleRequest"));
        List<String> problems = problems("AggregateFunction", aggregate, targets);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("nothing packages the jar"), problems.get(0));
    }

    private static List<String> problems(String id, Map<String, Object> function, Map<String, BuildTarget> targets) {
        Map<?, ?> metadata = function.get("Metadata") instanceof Map<?, ?> m ? m : Map.of();
        if (!"makefile".equals(metadata.get("BuildMethod"))) {
            return List.of(id + ": BuildMethod is " + metadata.get("BuildMethod")
                    + "; every GroupGate function is built by the Makefile (BuildMethod: makefile)");
        }
        Map<?, ?> properties = (Map<?, ?>) function.get("Properties");
        if (!".".equals(properties.get("CodeUri"))) {
            return List.of(id + ": CodeUri must be . (the Makefile is at the repository root), was "
                    + properties.get("CodeUri"));
        }
        BuildTarget target = targets.get("build-" + id);
        if (target == null) {
            return List.of(id + ": the Makefile has no target build-" + id + " (sam build runs it for BuildMethod: makefile)");
        }
        List<String> problems = new ArrayList<>();
        if (target.jar() == null || !target.unpacksIntoArtifacts()) {
            problems.add(id + ": build-" + id + " must unpack a function jar into $(ARTIFACTS_DIR)");
            return problems;
        }
        String module = target.jarModule();
        if (target.packagedModule() == null) {
            problems.add(id + ": nothing packages the jar build-" + id + " unpacks (its recipe, or a rule for the"
                    + " jar it depends on, must run -pl functions/" + module + " ... package)");
        } else if (!module.equals(target.packagedModule())) {
            problems.add(id + ": build-" + id + " packages functions/" + target.packagedModule()
                    + " but unpacks the jar of functions/" + module);
        }
        // The maven-shade execution writes target/<artifactId>-lambda.jar (root pom, execution lambda-jar).
        String artifactId = artifactId(ROOT.resolve("functions").resolve(module).resolve("pom.xml"));
        if (!(artifactId + "-lambda.jar").equals(target.jar())) {
            problems.add(id + ": build-" + id + " unpacks " + target.jar() + ", but functions/" + module
                    + " packages " + artifactId + "-lambda.jar");
        }
        String handler = String.valueOf(properties.get("Handler"));
        String source = handler.replaceFirst("::.*$", "").replace('.', '/') + ".java";
        // The shaded jar holds the module's own classes: the handler must be one of them.
        if (!Files.isRegularFile(ROOT.resolve("functions").resolve(module).resolve("src/main/java").resolve(source))) {
            problems.add(id + ": its handler " + handler + " is not in the jar build-" + id + " unpacks: " + source
                    + " is not in functions/" + module + "/src/main/java");
        }
        return problems;
    }

    /**
     * The Makefile's targets named build-*, with the jar each unpacks and the module that jar is
     * packaged from: by the target's own recipe, or by the rule for the jar file it depends on.
     */
    static Map<String, BuildTarget> targets(String makefile) {
        String[] lines = makefile.replace("\\\n", " ").split("\n");
        Map<String, String> packagedBy = new LinkedHashMap<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher rule = JAR_RULE.matcher(lines[i]);
            Matcher packaged = PACKAGED_MODULE.matcher(recipe(lines, i));
            if (rule.matches() && packaged.find()) {
                packagedBy.put(rule.group(1), packaged.group(1));
            }
        }
        Map<String, BuildTarget> targets = new LinkedHashMap<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("\t") || !line.matches("^build-[\\w-]+(\\s+build-[\\w-]+)*\\s*:.*")) {
                continue;
            }
            String recipe = recipe(lines, i);
            String prerequisites = line.substring(line.indexOf(':') + 1);
            Matcher jar = JAR.matcher(recipe);
            boolean unpacks = recipe.contains("cd $(ARTIFACTS_DIR) && unzip");
            String jarModule = null;
            String jarName = null;
            String packagedModule = null;
            if (jar.find()) {
                jarModule = jar.group(1);
                jarName = jar.group(2);
                String jarPath = "functions/" + jarModule + "/target/" + jarName;
                Matcher own = PACKAGED_MODULE.matcher(recipe);
                packagedModule = own.find() ? own.group(1)
                        : List.of(prerequisites.trim().split("\\s+")).contains(jarPath) ? packagedBy.get(jarPath) : null;
            }
            for (String name : line.substring(0, line.indexOf(':')).trim().split("\\s+")) {
                BuildTarget target = new BuildTarget(name, packagedModule, jarModule, jarName, unpacks);
                if (targets.put(name, target) != null) {
                    throw new IllegalArgumentException("Makefile: target " + name + " is defined twice");
                }
            }
        }
        return targets;
    }

    /** The tab-indented recipe lines after line {@code i}. */
    private static String recipe(String[] lines, int i) {
        StringBuilder recipe = new StringBuilder();
        for (int j = i + 1; j < lines.length && lines[j].startsWith("\t"); j++) {
            recipe.append(lines[j]).append('\n');
        }
        return recipe.toString();
    }

    private static String artifactId(Path pom) {
        try {
            // The module's own artifactId: the first one after its <parent> block.
            String text = Files.readString(pom).replaceFirst("(?s)<parent>.*?</parent>", "");
            Matcher m = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(text);
            if (!m.find()) {
                throw new IllegalStateException(pom + " names no artifactId");
            }
            return m.group(1);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + pom, e);
        }
    }
}
