package com.groupgate.content;

import com.ibm.icu.text.IDNA;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A link as a person reads it once a browser or chat app has opened it: percent-encoding
 * decoded and internationalised host labels ({@code xn--…}) in their Unicode form, so that
 * the content filter sees the words a link spells ({@code %63asino} is {@code casino}).
 *
 * <p>Decoding is repeated while it changes something, at most {@value #MAX_ROUNDS} times:
 * a link encoded twice ({@code %2563}) is read as its final text, as a server that decodes
 * again would. A {@code %} not followed by two hex digits stays as written; bytes that are
 * not UTF-8 become U+FFFD, which the filter ignores like any symbol.
 */
public final class LinkText {
    /** Rounds of percent-decoding: encoding a word four times over still reads as the word. */
    static final int MAX_ROUNDS = 4;

    private static final Pattern ACE_LABEL = Pattern.compile("(?i)xn--[a-z0-9-]+");
    private static final IDNA IDNA_UTS46 = IDNA.getUTS46Instance(IDNA.DEFAULT);

    private LinkText() {
    }

    /** {@code url} as it reads: see the class comment. */
    public static String readable(String url) {
        Objects.requireNonNull(url, "url");
        String current = url;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String next = percentDecoded(current);
            if (next.equals(current)) {
                break;
            }
            current = next;
        }
        return withUnicodeLabels(current);
    }

    /** One round of percent-decoding, as UTF-8. */
    static String percentDecoded(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int low = high >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (c == '%' && high >= 0 && low >= 0) {
                bytes.write(high << 4 | low);
                i += 3;
            } else {
                int cp = text.codePointAt(i);
                byte[] encoded = Character.toString(cp).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(cp);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Each {@code xn--} label in its Unicode form; one that is not valid Punycode stays as written. */
    static String withUnicodeLabels(String text) {
        Matcher m = ACE_LABEL.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        do {
            out.append(text, from, m.start());
            StringBuilder label = new StringBuilder();
            IDNA.Info info = new IDNA.Info();
            IDNA_UTS46.labelToUnicode(m.group(), label, info);
            out.append(info.hasErrors() ? m.group() : label);
            from = m.end();
        } while (m.find());
        return out.append(text, from, text.length()).toString();
    }
}
