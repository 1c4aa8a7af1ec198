package com.groupgate.designs;

import com.groupgate.content.TextFolding;
import com.groupgate.error.RefusalException;
import com.groupgate.http.ApiRequest;

/**
 * {@code frameText}: a tenant's own call to action under the code, in place of the default
 * one, checked where it enters (each refusal a 400 naming {@code frameText}): at most
 * {@link #MAX_CHARS} characters, none a control or bidi control (a bidi control can make
 * text display as other words than it is written), none the font cannot draw. The word
 * lists are checked by the route ({@link FrameTextFilter}): they are the tenant's.
 */
final class FrameTextParam {
    /**
     * The longest text, in characters, on any medium: a screen's frame takes 39 ideographs
     * legibly, the printed media 20 to 23 ({@link FrameFit} refuses what does not fit the
     * medium asked for; README, Designs, lists the measure).
     */
    static final int MAX_CHARS = 30;
    static final String FIELD = "frameText";

    private FrameTextParam() {
    }

    /** The request's own frame text, stripped; null when it has none. */
    static String of(ApiRequest request) {
        String text = request.queryParam(FIELD);
        if (text == null) {
            return null;
        }
        return check(text);
    }

    static String check(String text) {
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            throw RefusalException.badField(FIELD, "must not be blank");
        }
        if (!validUnicode(stripped)) {
            throw RefusalException.badField(FIELD, "must be valid Unicode text");
        }
        if (TextFolding.hasBidiControl(stripped)) {
            throw RefusalException.badField(FIELD, "must not contain bidi controls (U+202A-U+202E, U+2066-U+2069, "
                    + "U+200E, U+200F, U+061C)");
        }
        if (stripped.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            throw RefusalException.badField(FIELD, "must not contain control or format characters");
        }
        int length = stripped.codePointCount(0, stripped.length());
        if (length > MAX_CHARS) {
            throw RefusalException.badField(FIELD, "at most " + MAX_CHARS + " characters, this one has " + length);
        }
        if (!FrameFont.covers(stripped)) {
            throw RefusalException.badField(FIELD, "has a character the design's font cannot print (it covers Latin,"
                    + " GB 2312 and Big5 hanzi and common punctuation)");
        }
        return stripped;
    }

    /** No unpaired surrogate, no U+FFFD (what a decoder puts for bytes that were not UTF-8). */
    private static boolean validUnicode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\uFFFD') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
