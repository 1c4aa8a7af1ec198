package com.groupgate.campaign;

import com.groupgate.error.RefusalException;

/**
 * The name a member gives for their poster ({@code displayName} on the join): at most
 * {@value #MAX_LENGTH} characters (code points), one line of printable text. Refused with a
 * 400 naming {@value #FIELD}: bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
 * U+061C, the set names are refused for everywhere: such a name can display as another word
 * than it is written), control characters and line breaks, and a blank name. The word lists
 * are checked where the poster is drawn (the designs function), not on the join path.
 */
public final class DisplayName {
    public static final String FIELD = "displayName";
    public static final int MAX_LENGTH = 20;

    private DisplayName() {
    }

    /** {@code text}, stripped, when it is a display name; null stays null. */
    public static String check(String text) {
        if (text == null) {
            return null;
        }
        String name = text.strip();
        if (name.isEmpty()) {
            throw RefusalException.badField(FIELD, "must not be blank (leave it out for a poster without a name)");
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            throw RefusalException.badField(FIELD, "must be at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (isBidiControl(c)) {
                throw RefusalException.badField(FIELD, "must not contain bidi controls (U+202A-U+202E, U+2066-U+2069, "
                        + "U+200E, U+200F, U+061C)");
            }
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw RefusalException.badField(FIELD, "must be one line without control characters");
            }
        }
        return name;
    }

    private static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F'
                || c == '\u061C';
    }
}
