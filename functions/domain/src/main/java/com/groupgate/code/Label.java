package com.groupgate.code;

import com.groupgate.error.RefusalException;

/**
 * Where a code hangs: a store or placement name ("徐汇漕溪北路店", "Window 3"), free text
 * of 1 to {@value #MAX_LENGTH} characters (code points), the key of per-label stats. Unlike
 * a {@link Channel} it may hold any printable character, spaces and {@code '#'} included,
 * so it never enters a table key as written (see {@code com.groupgate.analytics.LabelKey}).
 *
 * <p>The bound keeps the copy every scan's fact carries small: 40 CJK characters are 120
 * bytes, and the counter item a scan writes stays under one write unit (ScanItemSizeIT).
 * Words and bidi controls are the content filter's to refuse, as for group names.
 */
public record Label(String value) {
    public static final int MAX_LENGTH = 40;

    /** @throws RefusalException a 400 naming {@code label} when {@code value} is not a label */
    public Label {
        String why = problem(value);
        if (why != null) {
            throw RefusalException.badField("label", why);
        }
    }

    /** The label {@code text}; see {@link #Label(String)}. */
    public static Label of(String text) {
        return new Label(text);
    }

    /** Why {@code text} is not a label, or null when it is one. */
    public static String problem(String text) {
        if (text == null || text.isBlank()) {
            return "must not be blank";
        }
        if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return "must not contain control characters (line breaks, tabs)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode";
            }
        }
        if (!text.equals(text.strip())) {
            return "must not start or end with spaces";
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
