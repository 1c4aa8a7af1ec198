package com.groupgate.content;

import com.github.houbb.opencc4j.support.datamap.impl.DataMaps;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The content filter's normalisation, applied alike to every listed word and to every text
 * checked, so that the spellings PRODUCT.md names as evasions all fold to one form:
 * <ol>
 * <li><b>Width and look-alikes</b>: Unicode NFKC, character by character. It turns
 *     full-width letters, digits and punctuation into ASCII ({@code ＢＡＤ} → {@code BAD}),
 *     half-width katakana into full-width, CJK compatibility ideographs into unified ones,
 *     and circled, mathematical and ligature forms into plain letters.
 * <li><b>Case</b>: each character upper-cased, then lower-cased ({@code ſ} and {@code S}
 *     both become {@code s}).
 * <li><b>Traditional → simplified Chinese</b>: OpenCC's character table (via opencc4j:
 *     {@code 賭} → {@code 赌}), the first candidate where it offers several. Characters whose
 *     simplified form lies outside the Basic Multilingual Plane keep their written form.
 * <li><b>Only letters and digits count</b>: spaces, punctuation, symbols, emoji, controls
 *     and invisible format characters (zero-width spaces and joiners) are dropped, so
 *     {@code 赌*博}, {@code 赌 博} and {@code 赌} U+200B {@code 博} all read {@code 赌博}.
 * <li><b>Repeats collapse</b>: a run of one character is kept once, so {@code 赌赌博博}
 *     reads {@code 赌博}. How long each run was is kept beside the folded text
 *     ({@link Folded#counts}), so that a listed word written with a doubled character
 *     ({@code 妈妈}) still needs the doubling to match, rather than matching every
 *     {@code 妈}; see {@link WordList}.
 * </ol>
 *
 * <p>Steps 1–4 are precomputed for every BMP character into one 64K table at class load
 * (about a tenth of a second, once per container), so folding costs a table lookup per
 * character; only characters outside the BMP take the slow path through
 * {@link Normalizer}.
 */
public final class TextFolding {
    /** In {@link #TABLE}: the character is dropped. */
    private static final char DROP = '\0';
    /** In {@link #TABLE}: the character folds to more than one; see {@link #EXPANSIONS}. */
    private static final char EXPAND = '\uFFFF';

    private static final Map<Character, Character> SIMPLIFIED = simplifiedTable();
    private static final Map<Character, String> EXPANSIONS = new HashMap<>();
    private static final char[] TABLE = foldingTable();

    private TextFolding() {
    }

    /** {@code text} folded: see the class comment. */
    public static String fold(CharSequence text) {
        Objects.requireNonNull(text, "text");
        return foldWithCounts(text).text();
    }

    /** {@code text} folded, with its run counts. */
    static Folded foldWithCounts(CharSequence text) {
        Folded folded = new Folded(text.length() + 16);
        foldInto(text, folded);
        return folded;
    }

    /**
     * Folded characters, and for each how many times it was repeated in a row before
     * collapsing ({@code counts}, at most 65,535; both halves of a surrogate pair carry
     * the pair's count).
     */
    static final class Folded {
        char[] chars;
        char[] counts;
        int length;
        private int last = -1; // the last code point written, for collapsing repeats

        Folded(int capacity) {
            chars = new char[Math.max(16, capacity)];
            counts = new char[chars.length];
        }

        /** The folded characters as a string. */
        String text() {
            return new String(chars, 0, length);
        }

        /** Whether every run was a single character. */
        boolean noRepeats() {
            for (int i = 0; i < length; i++) {
                if (counts[i] > 1) {
                    return false;
                }
            }
            return true;
        }

        private void append(int codePoint) {
            if (codePoint == last) {
                char count = counts[length - 1];
                if (count < Character.MAX_VALUE) {
                    counts[length - 1] = (char) (count + 1);
                    if (codePoint >= Character.MIN_SUPPLEMENTARY_CODE_POINT) {
                        counts[length - 2] = (char) (count + 1);
                    }
                }
                return;
            }
            last = codePoint;
            if (length + 2 > chars.length) {
                chars = java.util.Arrays.copyOf(chars, chars.length * 2);
                counts = java.util.Arrays.copyOf(counts, chars.length);
            }
            if (codePoint < Character.MIN_SUPPLEMENTARY_CODE_POINT) {
                counts[length] = 1;
                chars[length++] = (char) codePoint;
            } else {
                counts[length] = 1;
                chars[length++] = Character.highSurrogate(codePoint);
                counts[length] = 1;
                chars[length++] = Character.lowSurrogate(codePoint);
            }
        }
    }

    /** Appends {@code text} folded to {@code out}. */
    static void foldInto(CharSequence text, Folded out) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            char mapped = TABLE[c];
            if (mapped == DROP) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    foldSupplementary(Character.toCodePoint(c, text.charAt(i + 1)), out);
                    i++;
                }
                // else: dropped, or an unpaired surrogate, which stands for nothing
            } else if (mapped == EXPAND) {
                String expansion = EXPANSIONS.get(c);
                for (int j = 0; j < expansion.length(); j++) {
                    out.append(expansion.charAt(j));
                }
            } else {
                out.append(mapped);
            }
        }
    }

    private static void foldSupplementary(int codePoint, Folded out) {
        String normalized = Normalizer.normalize(Character.toString(codePoint), Normalizer.Form.NFKC);
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            int folded = foldCodePoint(cp);
            if (folded >= 0) {
                out.append(folded);
            }
        }
    }

    /** Steps 2–4 for one code point of NFKC output: its folded form, or -1 when it is dropped. */
    private static int foldCodePoint(int cp) {
        int lower = Character.toLowerCase(Character.toUpperCase(cp));
        if (lower < Character.MIN_SUPPLEMENTARY_CODE_POINT) {
            Character simple = SIMPLIFIED.get((char) lower);
            if (simple != null) {
                lower = simple;
            }
        }
        return Character.isLetterOrDigit(lower) ? lower : -1;
    }

    private static char[] foldingTable() {
        char[] table = new char[Character.MAX_VALUE + 1];
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (Character.isSurrogate((char) c)) {
                table[c] = DROP; // pairs are folded as code points; see foldInto
                continue;
            }
            String folded = foldSlowly(String.valueOf((char) c));
            if (folded.isEmpty()) {
                table[c] = DROP;
            } else if (folded.length() == 1 && folded.charAt(0) != EXPAND) {
                table[c] = folded.charAt(0);
            } else {
                table[c] = EXPAND;
                EXPANSIONS.put((char) c, folded);
            }
        }
        return table;
    }

    /** Steps 1–4 the slow way, repeated until nothing changes. */
    private static String foldSlowly(String text) {
        String current = text;
        for (int round = 0; round < 4; round++) {
            StringBuilder out = new StringBuilder();
            String normalized = Normalizer.normalize(current, Normalizer.Form.NFKC);
            for (int i = 0; i < normalized.length(); ) {
                int cp = normalized.codePointAt(i);
                i += Character.charCount(cp);
                int folded = foldCodePoint(cp);
                if (folded >= 0) {
                    out.appendCodePoint(folded);
                }
            }
            String next = out.toString();
            if (next.equals(current)) {
                break;
            }
            current = next;
        }
        return current;
    }

    /** OpenCC's traditional → simplified characters, those that stay within the BMP. */
    private static Map<Character, Character> simplifiedTable() {
        Map<Character, Character> table = new HashMap<>();
        for (Map.Entry<String, List<String>> entry : DataMaps.defaults().tsChar().entrySet()) {
            String traditional = entry.getKey();
            List<String> candidates = entry.getValue();
            if (traditional.length() == 1 && candidates != null && !candidates.isEmpty()
                    && candidates.get(0).length() == 1) {
                table.put(traditional.charAt(0), candidates.get(0).charAt(0));
            }
        }
        return table;
    }
}
