package com.groupgate.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.groupgate.hash.Sha256;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading an HTML answer as a browser enforces its Content-Security-Policy: the policy's
 * directives, the inline blocks a page carries, and what a browser would hash them to.
 * Written from the HTML and the header alone, never from the code that built them, so a
 * page and its policy that drift apart fail.
 */
public final class PageHeaders {
    private static final Pattern INLINE_HANDLER = Pattern.compile("(?i)<[^>]*\\son[a-z]+\\s*=");
    private static final Pattern STYLE_ATTRIBUTE = Pattern.compile("(?i)<[^>]*\\sstyle\\s*=");
    private static final Pattern JAVASCRIPT_URL = Pattern.compile("(?i)(href|src|action)\\s*=\\s*[\"']?\\s*javascript:");

    private PageHeaders() {
    }

    /** The sources of {@code directive} in {@code csp}, in order; empty when it is absent. */
    public static List<String> sources(String csp, String directive) {
        for (String part : csp.split(";")) {
            List<String> words = new ArrayList<>(Arrays.asList(part.trim().split("\\s+")));
            if (!words.isEmpty() && words.get(0).equalsIgnoreCase(directive)) {
                return words.subList(1, words.size());
            }
        }
        return List.of();
    }

    /** The text of each inline {@code <tag>} element (no {@code src}) of {@code html}, byte for byte. */
    public static List<String> inlineBlocks(String html, String tag) {
        Matcher m = Pattern.compile("<" + tag + "(\\s[^>]*)?>(.*?)</" + tag + ">", Pattern.DOTALL | Pattern.CASE_INSENSITIVE)
                .matcher(html);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            String attributes = m.group(1) == null ? "" : m.group(1).toLowerCase(Locale.ROOT);
            if (!attributes.contains("src=")) {
                out.add(m.group(2));
            }
        }
        return out;
    }

    /** The CSP source a browser matches {@code inline} against: {@code 'sha256-<base64>'}. */
    public static String sha256Source(String inline) {
        return "'sha256-" + Base64.getEncoder().encodeToString(Sha256.of(inline)) + "'";
    }

    /** No {@code on…=} handlers, {@code style=} attributes or {@code javascript:} URLs: each needs 'unsafe-*'. */
    public static void assertNoInlineHandlersOrStyleAttributes(String html) {
        assertFalse(INLINE_HANDLER.matcher(html).find(), "an inline event handler in " + html);
        assertFalse(STYLE_ATTRIBUTE.matcher(html).find(), "a style attribute in " + html);
        assertFalse(JAVASCRIPT_URL.matcher(html).find(), "a javascript: URL in " + html);
    }
}
