package com.groupgate.designs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

/**
 * The frame's default call to action ({@code design.frame}) in the tenant's language, from
 * the scan function's message catalogue (copied into this jar at build time). A tenant has no
 * language setting; its time zone says it: mainland zones simplified Chinese, Taiwan, Hong
 * Kong and Macau traditional, anywhere else English.
 */
final class FrameTexts {
    private static final String KEY = "design.frame";
    private static final Set<String> SIMPLIFIED = Set.of("Asia/Shanghai", "Asia/Chongqing", "Asia/Chungking",
            "Asia/Harbin", "Asia/Urumqi", "Asia/Kashgar", "PRC");
    private static final Set<String> TRADITIONAL = Set.of("Asia/Taipei", "Asia/Hong_Kong", "Asia/Macau",
            "Asia/Macao", "ROC", "Hongkong");
    private static final Map<String, String> TEXTS = Map.of("zh-CN", load("zh-CN"), "zh-TW", load("zh-TW"),
            "en", load("en"));

    private FrameTexts() {
    }

    static String forZone(ZoneId zone) {
        String id = zone.getId();
        return TEXTS.get(SIMPLIFIED.contains(id) ? "zh-CN" : TRADITIONAL.contains(id) ? "zh-TW" : "en");
    }

    private static String load(String lang) {
        try (InputStream in = FrameTexts.class.getResourceAsStream("/i18n/" + lang + ".json")) {
            if (in == null) {
                throw new IllegalStateException("i18n/" + lang + ".json is missing from the jar");
            }
            JsonNode text = new ObjectMapper().readTree(in).get(KEY);
            if (text == null || !FrameFont.covers(text.asText())) {
                throw new IllegalStateException("i18n/" + lang + ".json: " + KEY + " is missing or not printable");
            }
            return text.asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
