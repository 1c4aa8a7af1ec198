package com.groupgate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.groupgate.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The catalogues as files (the repository's i18n/, shared with the console), the way a static
 * page would load them: every language has
 * exactly English's keys, no text is empty, a number placeholder is in every language or in
 * none, and Chinese is not English copied over.
 */
class MessageCataloguesTest {
    private static final Set<String> LANGUAGES = Set.of("en", "zh-CN", "zh-TW");

    private static Map<String, String> file(String lang) throws IOException {
        try (InputStream in = MessageCataloguesTest.class.getResourceAsStream("/i18n/" + lang + ".json")) {
            return Json.MAPPER.readValue(in, new TypeReference<TreeMap<String, String>>() { });
        }
    }

    @Test
    void theI18nFolderHoldsOneCataloguePerLanguageAndNothingElse() throws IOException, URISyntaxException {
        Path folder = Path.of(MessageCataloguesTest.class.getResource("/i18n/en.json").toURI()).getParent();
        try (Stream<Path> files = Files.list(folder)) {
            Set<String> expected = LANGUAGES.stream().map(l -> l + ".json").collect(Collectors.toCollection(TreeSet::new));
            Set<String> found = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(expected, found);
        }
        assertEquals(LANGUAGES, Messages.ALL.stream().map(Messages::lang).collect(Collectors.toSet()));
    }

    @Test
    void everyLanguageHasExactlyTheKeysEnglishHas() throws IOException {
        Set<String> english = file("en").keySet();
        for (String lang : LANGUAGES) {
            Set<String> keys = file(lang).keySet();
            Set<String> missing = new TreeSet<>(english);
            missing.removeAll(keys);
            Set<String> extra = new TreeSet<>(keys);
            extra.removeAll(english);
            assertEquals(Set.of(), missing, lang + ".json misses keys");
            assertEquals(Set.of(), extra, lang + ".json has keys English does not");
        }
    }

    @Test
    void noTextIsEmptyAndANumberIsInEveryLanguageOrInNone() throws IOException {
        Map<String, String> english = file("en");
        for (String lang : LANGUAGES) {
            file(lang).forEach((key, text) -> {
                assertFalse(text.isBlank(), lang + " " + key);
                assertEquals(english.get(key).contains("{n}"), text.contains("{n}"), lang + " " + key);
            });
        }
    }

    @Test
    void chineseIsChineseAndTheTwoScriptsDiffer() throws IOException {
        Map<String, String> english = file("en");
        Map<String, String> simplified = file("zh-CN");
        Map<String, String> traditional = file("zh-TW");
        for (String key : english.keySet()) {
            assertNotEquals(english.get(key), simplified.get(key), "zh-CN " + key + " is English");
            assertNotEquals(english.get(key), traditional.get(key), "zh-TW " + key + " is English");
            assertTrue(simplified.get(key).codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                    == Character.UnicodeScript.HAN), "zh-CN " + key);
        }
        assertNotEquals(simplified, traditional);
    }

    @Test
    void theLoadedCataloguesAreTheFilesWithoutTheConsolesTexts() throws IOException {
        for (Messages m : Messages.ALL) {
            Map<String, String> scanners = new TreeMap<>(file(m.lang()));
            scanners.keySet().removeIf(key -> key.startsWith(Messages.CONSOLE_PREFIX));
            assertEquals(scanners, new TreeMap<>(m.texts()), m.lang());
            assertTrue(file(m.lang()).keySet().stream().anyMatch(key -> key.startsWith(Messages.CONSOLE_PREFIX)),
                    m.lang() + ": the console's texts are in the same file");
        }
    }
}
