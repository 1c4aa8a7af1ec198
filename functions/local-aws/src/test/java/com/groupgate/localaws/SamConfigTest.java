package com.groupgate.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * samconfig.toml is committed: its environments deploy separate stacks, and it overrides only
 * parameters the template has and none that is secret ({@code NoEcho}), so that a secret never
 * lands in git and a parameter removed from the template is removed here too.
 */
class SamConfigTest {
    private static final Pattern TABLE = Pattern.compile("^\\[([\\w.-]+)]\\s*$");
    private static final Pattern ENTRY = Pattern.compile("^([\\w-]+)\\s*=\\s*(.+?)\\s*$");

    private static Map<String, Map<String, String>> tables() throws IOException {
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String line : Files.readAllLines(RepositoryRoot.find().resolve("samconfig.toml"))) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            Matcher table = TABLE.matcher(text);
            Matcher entry = ENTRY.matcher(text);
            if (table.matches()) {
                current = tables.computeIfAbsent(table.group(1), k -> new LinkedHashMap<>());
            } else if (entry.matches() && current != null) {
                current.put(entry.group(1), entry.group(2).replaceAll("^\"|\"$", ""));
            }
        }
        return tables;
    }

    /** template.yaml's Parameters section (plain YAML: no intrinsic functions there). */
    private static Map<String, Object> templateParameters() throws IOException {
        String template = Files.readString(RepositoryRoot.find().resolve("template.yaml"));
        Matcher section = Pattern.compile("(?ms)^Parameters:\\s*\\n(.*?)(?=^\\S)").matcher(template);
        assertTrue(section.find(), "template.yaml has a Parameters section");
        Map<String, Object> parameters = new Yaml().load(section.group(1));
        return parameters;
    }

    @Test
    void devAndProdDeploySeparateStacksAndProdAsksBeforeChanging() throws IOException {
        Map<String, Map<String, String>> tables = tables();
        Map<String, String> dev = tables.get("dev.deploy.parameters");
        Map<String, String> prod = tables.get("prod.deploy.parameters");
        assertEquals("groupgate-dev", dev.get("stack_name"));
        assertEquals("groupgate-prod", prod.get("stack_name"));
        assertNotEquals(dev.get("s3_prefix"), prod.get("s3_prefix"));
        assertEquals("true", prod.get("confirm_changeset"));
        for (Map<String, String> env : List.of(dev, prod)) {
            assertEquals("true", env.get("resolve_s3"), "no bucket of ours to name");
            assertTrue(env.get("capabilities").contains("CAPABILITY_IAM"), "the functions' roles");
        }
    }

    @Test
    void parameterOverridesNameOnlyTemplateParametersAndNoSecret() throws IOException {
        Map<String, Object> parameters = templateParameters();
        List<String> problems = new ArrayList<>();
        for (var table : tables().entrySet()) {
            String overrides = table.getValue().get("parameter_overrides");
            if (overrides == null) {
                continue;
            }
            for (String pair : overrides.trim().split("\\s+")) {
                String name = pair.substring(0, Math.max(0, pair.indexOf('=')));
                if (!(parameters.get(name) instanceof Map<?, ?> parameter)) {
                    problems.add(table.getKey() + ": " + name + " is not a parameter of template.yaml");
                } else if (Boolean.TRUE.equals(parameter.get("NoEcho"))
                        || "true".equals(String.valueOf(parameter.get("NoEcho")))) {
                    problems.add(table.getKey() + ": " + name + " is secret (NoEcho) and must not be committed");
                }
            }
        }
        assertEquals(List.of(), problems);
    }
}
