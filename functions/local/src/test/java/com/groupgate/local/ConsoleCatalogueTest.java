package com.groupgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every text the console shows comes from the shared catalogues (i18n/*.json): each key its
 * source names ({@code 'console.…'} literals, the only way it names keys) is in every language.
 * Reads the files only; needs no npm.
 */
class ConsoleCatalogueTest {
    private static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();
    private static final Pattern KEY = Pattern.compile("['\"`](console\\.[A-Za-z0-9_.-]+)['\"`]");

    private static Set<String> keysUsed() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("console/src"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                Matcher m = KEY.matcher(Files.readString(file));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        return keys;
    }

    private static Map<String, String> catalogue(String lang) throws IOException {
        return new ObjectMapper().readValue(ROOT.resolve("i18n/" + lang + ".json").toFile(),
                new TypeReference<Map<String, String>>() { });
    }

    @Test
    void everyKeyTheConsoleUsesIsInEveryLanguage() throws IOException {
        Set<String> used = keysUsed();
        assertFalse(used.isEmpty(), "no console.* keys found under " + ROOT.resolve("console/src"));
        for (String lang : new String[] {"en", "zh-CN", "zh-TW"}) {
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(catalogue(lang).keySet());
            assertEquals(Set.of(), missing, "i18n/" + lang + ".json lacks keys console/src uses");
        }
    }

    @Test
    void theConsoleNamesKeysOnlyAsWholeLiterals() throws IOException {
        // t(`console.x.${y}`) would hide a key from the test above: labels.js spells such keys out.
        Pattern built = Pattern.compile("t\\(\\s*`console\\.[^`]*\\$\\{|t\\(\\s*['\"]console\\.[^'\"]*['\"]\\s*\\+");
        try (Stream<Path> files = Files.walk(ROOT.resolve("console/src"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                assertFalse(built.matcher(Files.readString(file)).find(), file + " builds a catalogue key from pieces");
            }
        }
    }
}
