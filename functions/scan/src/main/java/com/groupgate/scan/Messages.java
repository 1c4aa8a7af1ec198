package com.groupgate.scan;

import com.groupgate.error.RefusalException;
import com.groupgate.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One language's message catalogue: every word the landing page, the request status page
 * and every refusal page (HTML or JSON) shows a scanner. The catalogues are flat JSON
 * objects, one file per language in the repository's top-level {@code i18n/} folder, copied
 * to {@code i18n/} in the scan jar ({@code en.json}, {@code zh-CN.json}, {@code zh-TW.json});
 * the console's build bundles the same files (its keys start with {@code console.}); they
 * are parsed once, when this class loads (before a SnapStart snapshot is taken), and every
 * language must have exactly the keys English has, or the class does not load.
 *
 * <p>A text may hold one number as {@code {n}}. The scan function's refusals carry the
 * English text as their message ({@link #EN}); {@link #refusal} finds which key that text
 * came from and says it in the caller's language.
 *
 * @param lang the BCP 47 tag of the language, as the page's {@code <html lang>}
 */
record Messages(String lang, Map<String, String> texts) {
    static final Messages EN = load("en");
    static final Messages ZH_CN = load("zh-CN");
    static final Messages ZH_TW = load("zh-TW");
    static final List<Messages> ALL = List.of(EN, ZH_CN, ZH_TW);

    private static final String NUMBER = "{n}";
    /**
     * The console's texts share the files (one catalogue per language) but never reach a
     * scanner: they are skipped here, so the scan function keeps only its own in memory.
     */
    static final String CONSOLE_PREFIX = "console.";
    /** English text to key, and English templates with a number to their key. */
    private static final Map<String, String> KEY_OF_ENGLISH = new LinkedHashMap<>();
    private static final Map<Pattern, String> KEY_OF_ENGLISH_TEMPLATE = new LinkedHashMap<>();

    static {
        for (Messages m : ALL) {
            if (!m.texts.keySet().equals(EN.texts.keySet())) {
                throw new IllegalStateException("i18n/" + m.lang + ".json has keys " + m.texts.keySet()
                        + ", English has " + EN.texts.keySet());
            }
        }
        EN.texts.forEach((key, text) -> {
            int at = text.indexOf(NUMBER);
            if (at < 0) {
                if (KEY_OF_ENGLISH.put(text, key) != null) {
                    throw new IllegalStateException("i18n/en.json says \"" + text + "\" twice");
                }
            } else {
                KEY_OF_ENGLISH_TEMPLATE.put(Pattern.compile(Pattern.quote(text.substring(0, at)) + "(\\d+)"
                        + Pattern.quote(text.substring(at + NUMBER.length()))), key);
            }
        });
    }

    Messages {
        texts = Map.copyOf(texts);
    }

    /** The text of {@code key}; a key no catalogue has is a programming error. */
    String text(String key) {
        String text = texts.get(key);
        if (text == null) {
            throw new IllegalArgumentException("no message " + key);
        }
        return text;
    }

    /** The text of {@code key} with its {@code {n}} replaced by {@code n}. */
    String format(String key, long n) {
        return text(key).replace(NUMBER, Long.toString(n));
    }

    /**
     * A refusal's message in this language: the text of the key its English message came
     * from, else the catalogue's text for its code ({@code refusal.<code>}), else its own
     * message (a bad request's message names the field and stays as it is).
     */
    String refusal(RefusalException e) {
        return known(e).orElse(e.getMessage());
    }

    /** What a refusal page says: as {@link #refusal}, or the generic text when no key fits. */
    String refusalPage(RefusalException e) {
        return known(e).orElseGet(() -> text("refusal.other"));
    }

    private Optional<String> known(RefusalException e) {
        String english = e.getMessage();
        String key = KEY_OF_ENGLISH.get(english);
        if (key != null) {
            return Optional.of(text(key));
        }
        for (Map.Entry<Pattern, String> template : KEY_OF_ENGLISH_TEMPLATE.entrySet()) {
            Matcher m = template.getKey().matcher(english);
            if (m.matches()) {
                return Optional.of(format(template.getValue(), Long.parseLong(m.group(1))));
            }
        }
        return Optional.ofNullable(texts.get("refusal." + e.refusal().code()));
    }

    private static Messages load(String lang) {
        String path = "/i18n/" + lang + ".json";
        try (InputStream in = Messages.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the jar");
            }
            // A tree, not a typed map: the handler reads its bodies as trees, so this adds no deserializer to load.
            Map<String, String> texts = new TreeMap<>();
            Json.MAPPER.readTree(in).fields().forEachRemaining(f -> {
                if (f.getKey().startsWith(CONSOLE_PREFIX)) {
                    return;
                }
                if (!f.getValue().isTextual()) {
                    throw new IllegalStateException(path + ": " + f.getKey() + " is not a text");
                }
                texts.put(f.getKey(), f.getValue().textValue());
            });
            return new Messages(lang, texts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
