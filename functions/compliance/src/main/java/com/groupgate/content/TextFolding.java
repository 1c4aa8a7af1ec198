package com.groupgate.content;

import com.github.houbb.opencc4j.support.datamap.impl.DataMaps;
import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Bidi;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The content filter's normalisation, applied alike to every listed word and to every text
 * checked, so that the spellings PRODUCT.md and issue 20 name as evasions all fold to one form:
 * <ol>
 * <li><b>Invisible characters go first</b>: every default-ignorable code point (Unicode's
 *     {@code Default_Ignorable_Code_Point}: zero-width spaces and joiners, soft hyphens,
 *     variation selectors, bidi controls, tags, and the Hangul fillers U+3164, U+FFA0,
 *     U+115F and U+1160, which are letters and would otherwise split a word unseen).
 * <li><b>Width and compatibility forms</b>: Unicode NFKC. It turns full-width letters,
 *     digits and punctuation into ASCII ({@code ＢＡＤ} → {@code BAD}), half-width katakana
 *     into full-width, CJK compatibility ideographs into unified ones, and circled,
 *     mathematical and ligature forms into plain letters.
 * <li><b>Case</b>: each character upper-cased, then lower-cased ({@code ſ} and {@code S}
 *     both become {@code s}); Latin small capitals ({@code ᴀ}, {@code ɴ}) become their
 *     letter.
 * <li><b>Traditional → simplified Chinese</b>: OpenCC's character table (via opencc4j:
 *     {@code 賭} → {@code 赌}), the first candidate where it offers several. Characters whose
 *     simplified form lies outside the Basic Multilingual Plane keep their written form.
 * <li><b>Latin diacritics</b>: a Latin letter loses its accents ({@code á} → {@code a},
 *     {@code ł} → {@code l}); marks on other scripts' letters stay ({@code が}, {@code 가},
 *     {@code й} keep theirs), so Japanese, Korean and others keep their distinctions.
 * <li><b>Look-alikes</b>: the UTS #39 confusable skeleton (ICU's {@link SpoofChecker}),
 *     of letters and digits only: Cyrillic {@code с}, Greek {@code ο} and Latin {@code c},
 *     {@code o} read the same, as do {@code 1} and {@code l}, {@code 0} and {@code o},
 *     {@code m} and {@code rn}, katakana {@code ロ} and the ideograph {@code 口}. The
 *     skeleton is taken after steps 1–5 and they are applied again to it, until nothing
 *     changes.
 * <li><b>Only letters and digits count</b>: spaces, punctuation, symbols, emoji, controls
 *     and combining marks left over are dropped, so {@code 赌*博}, {@code 赌 博} and
 *     {@code 赌} U+200B {@code 博} all read {@code 赌博}.
 * <li><b>Repeats collapse</b>: a run of one character is kept once, so {@code 赌赌博博}
 *     reads {@code 赌博}. How long each run was is kept beside the folded text
 *     ({@link Folded#counts}), so that a listed word written with a doubled character
 *     ({@code 妈妈}) still needs the doubling to match, rather than matching every
 *     {@code 妈}; see {@link WordList}.
 * </ol>
 *
 * <p>Steps 1–7 are precomputed for every BMP character into one 64K table at class load
 * (a few tenths of a second, once per container, inside SnapStart's snapshot), so folding
 * costs a table lookup per character. Two kinds of character leave the table's fast path:
 * those outside the BMP (folded the slow way, and remembered), and those that compose with
 * the character before them (combining marks, conjoining Hangul vowels and finals): a text
 * holding one is brought to NFC first, so that {@code e} U+0301 folds as {@code é} does and
 * a Korean word typed in conjoining jamo as its syllables do.
 *
 * <p>A text holding bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C)
 * is marked ({@link Folded#bidi}): it may display in another order than it is stored
 * ({@code U+202E onisac} shows as {@code casino}), so {@link WordList} checks its
 * {@link #visualOrder} too.
 */
public final class TextFolding {
    /** In {@link #TABLE}: the character is dropped. */
    private static final char DROP = '\0';
    /*
     * The other markers are private-use characters: no character folds to one (they are not
     * letters or digits), so none can be mistaken for a folded character.
     */
    /** In {@link #TABLE}: the character folds to more than one; see {@link #EXPANSIONS}. */
    private static final char EXPAND = '\uE000';
    /** In {@link #TABLE}: the character may compose with the one before; see {@link #ALONE}. */
    private static final char COMPOSES = '\uE001';
    /** In {@link #TABLE}: a bidi control, dropped, and the text marked. */
    private static final char BIDI = '\uE002';
    /** Folds longer than this (in chars) are not remembered for characters outside the BMP. */
    private static final int SUPPLEMENTARY_CACHE_LIMIT = 100_000;

    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
    private static final Normalizer2 NFC = Normalizer2.getNFCInstance();
    private static final Normalizer2 NFD = Normalizer2.getNFDInstance();
    private static final SpoofChecker SKELETONS = new SpoofChecker.Builder().build();
    private static final Map<Character, Character> SIMPLIFIED = simplifiedTable();
    private static final Map<Character, Character> SMALL_CAPITALS = smallCapitals();
    private static final Map<Character, String> EXPANSIONS = new HashMap<>();
    private static final Map<Character, String> ALONE = new HashMap<>();
    private static final Map<Integer, String> SUPPLEMENTARY = new ConcurrentHashMap<>();
    private static final char[] TABLE = foldingTable();

    private TextFolding() {
    }

    /**
     * Whether {@code text} holds a bidi control (U+202A–U+202E, U+2066–U+2069, U+200E,
     * U+200F, U+061C): characters that change the order in which text displays, refused in
     * names.
     */
    public static boolean hasBidiControl(CharSequence text) {
        Objects.requireNonNull(text, "text");
        for (int i = 0; i < text.length(); i++) {
            if (isBidiControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    static boolean isBidiControl(int c) {
        return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || c == 0x200E || c == 0x200F || c == 0x061C;
    }

    /**
     * {@code text} in the order it displays, left to right, its bidi controls removed (the
     * Unicode Bidirectional Algorithm, paragraph direction from its first strong character).
     */
    static String visualOrder(String text) {
        Bidi bidi = new Bidi(text, Bidi.LEVEL_DEFAULT_LTR);
        return bidi.writeReordered(Bidi.REMOVE_BIDI_CONTROLS);
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
        /** Whether the text held a bidi control: it may display in another order than it is stored. */
        boolean bidi;
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
        int startLength = out.length;
        int startLast = out.last;
        if (!foldFast(text, out, false)) {
            // A character that composes with the one before: fold the text's NFC form
            // instead, where it has composed wherever it can.
            out.length = startLength;
            out.last = startLast;
            foldFast(NFC.normalize(text), out, true);
        }
    }

    /**
     * Folds {@code text} into {@code out} through the table; false, having stopped, at a
     * character that composes with the one before, unless {@code composed} (the text is NFC
     * already, and such a character is folded alone).
     */
    private static boolean foldFast(CharSequence text, Folded out, boolean composed) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            char mapped = TABLE[c];
            if (mapped == DROP) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int codePoint = Character.toCodePoint(c, text.charAt(i + 1));
                    if (!composed && !NFC.hasBoundaryBefore(codePoint)) {
                        return false;
                    }
                    appendAll(foldSupplementary(codePoint), out);
                    i++;
                }
                // else: dropped, or an unpaired surrogate, which stands for nothing
            } else if (mapped == EXPAND) {
                appendAll(EXPANSIONS.get(c), out);
            } else if (mapped == COMPOSES) {
                if (!composed) {
                    return false;
                }
                appendAll(ALONE.get(c), out);
            } else if (mapped == BIDI) {
                out.bidi = true;
            } else {
                out.append(mapped);
            }
        }
        return true;
    }

    /** By code point, so that a repeated character outside the BMP collapses as any other. */
    private static void appendAll(String folded, Folded out) {
        for (int j = 0; j < folded.length(); ) {
            int cp = folded.codePointAt(j);
            j += Character.charCount(cp);
            out.append(cp);
        }
    }

    /** A character outside the BMP folded the slow way, remembered while few are. */
    private static String foldSupplementary(int codePoint) {
        String known = SUPPLEMENTARY.get(codePoint);
        if (known != null) {
            return known;
        }
        String folded = separate(codePoint, foldSlowly(Character.toString(codePoint)));
        if (SUPPLEMENTARY.size() < SUPPLEMENTARY_CACHE_LIMIT) {
            SUPPLEMENTARY.put(codePoint, folded);
        }
        return folded;
    }

    /**
     * {@code folded}, the fold of {@code cp}, unless it starts with a character that would
     * compose with whatever comes before it (a Hangul vowel or final jamo): folded text
     * is folded again unchanged only if no two folds can join. A character that composes
     * itself, folded alone (no syllable before it), is then dropped; any other keeps its
     * written form ({@code ㅏ}, which NFKC would make a conjoining vowel).
     */
    private static String separate(int cp, String folded) {
        if (folded.isEmpty() || NFC.hasBoundaryBefore(folded.codePointAt(0))) {
            return folded;
        }
        return NFC.hasBoundaryBefore(cp) && UCharacter.isLetterOrDigit(cp) ? Character.toString(cp) : "";
    }

    private static char[] foldingTable() {
        char[] table = new char[Character.MAX_VALUE + 1];
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (Character.isSurrogate((char) c)) {
                table[c] = DROP; // pairs are folded as code points; see foldFast
                continue;
            }
            if (isBidiControl(c)) {
                table[c] = BIDI;
                continue;
            }
            // Symbols, punctuation, controls, private use and unassigned code points with no
            // compatibility form: dropped without the slow way (most of the table's build time).
            boolean dropsAtOnce = !UCharacter.isLetterOrDigit(c) && !isMark(c) && NFKC.getDecomposition(c) == null;
            String folded = dropsAtOnce ? "" : separate(c, foldSlowly(String.valueOf((char) c)));
            if (!NFC.hasBoundaryBefore(c)) {
                table[c] = COMPOSES;
                ALONE.put((char) c, folded);
            } else if (folded.isEmpty()) {
                table[c] = DROP;
            } else if (folded.length() == 1) {
                table[c] = folded.charAt(0);
            } else {
                table[c] = EXPAND;
                EXPANSIONS.put((char) c, folded);
            }
        }
        return table;
    }

    /**
     * Steps 1–7 the slow way: {@link #plainStable} (steps 1–5 and 7), then each character's
     * {@link #lookAlike}, repeated until nothing changes.
     */
    static String foldSlowly(String text) {
        String current = plainStable(text);
        for (int round = 0; round < 8 && !current.isEmpty(); round++) {
            StringBuilder next = new StringBuilder(current.length());
            for (int i = 0; i < current.length(); ) {
                int cp = current.codePointAt(i);
                i += Character.charCount(cp);
                next.append(lookAlike(cp));
            }
            if (next.toString().equals(current)) {
                break;
            }
            current = next.toString();
        }
        return current;
    }

    /**
     * Step 6 for one folded character: its UTS #39 skeleton, folded by steps 1–5 and 7 again
     * (the skeleton decomposes: {@code が} → {@code か} and a voiced mark, {@code ά} →
     * {@code a} and an accent). Only a skeleton of one character is taken: where it spells
     * the character with several ({@code m} → {@code rn}, {@code 合} → three characters),
     * the character stays, so that a repeated character still collapses into one run.
     */
    private static String lookAlike(int cp) {
        String self = Character.toString(cp);
        String skeleton = SKELETONS.getSkeleton(self);
        if (skeleton.equals(self)) {
            return self;
        }
        String folded = plainStable(skeleton);
        return folded.codePointCount(0, folded.length()) == 1 ? folded : self;
    }

    /** {@link #plain} repeated until nothing changes: {@code 薴} → {@code 苧} → {@code 苎}. */
    private static String plainStable(String text) {
        String current = plain(text);
        for (int round = 0; round < 4; round++) {
            String next = plain(current);
            if (next.equals(current)) {
                break;
            }
            current = next;
        }
        return current;
    }

    /**
     * Steps 1–5 and 7 of the class comment: ignorables dropped, NFKC, case, traditional →
     * simplified, Latin diacritics stripped, and only letters and digits kept, in NFC.
     */
    private static String plain(String text) {
        String normalized = NFKC.normalize(text);
        StringBuilder mapped = new StringBuilder(normalized.length());
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            if (UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)) {
                continue;
            }
            int lower = UCharacter.toLowerCase(UCharacter.toUpperCase(cp));
            if (lower < Character.MIN_SUPPLEMENTARY_CODE_POINT) {
                Character simple = SIMPLIFIED.get((char) lower);
                lower = simple != null ? simple : lower;
                Character letter = SMALL_CAPITALS.get((char) lower);
                lower = letter != null ? letter : lower;
            }
            mapped.appendCodePoint(lower);
        }
        String composed = needsLatinStripped(mapped) ? latinStripped(mapped) : mapped.toString();
        StringBuilder kept = new StringBuilder(composed.length());
        for (int i = 0; i < composed.length(); ) {
            int cp = composed.codePointAt(i);
            i += Character.charCount(cp);
            if (UCharacter.isLetterOrDigit(cp) && !UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)) {
                kept.appendCodePoint(cp);
            }
        }
        return kept.toString();
    }

    /** Whether {@code text} has a mark, or a Latin letter that decomposes: only then can stripping change it. */
    private static boolean needsLatinStripped(CharSequence text) {
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            if (isMark(cp) || UScript.getScript(cp) == UScript.LATIN && NFD.getDecomposition(cp) != null) {
                return true;
            }
        }
        return false;
    }

    /** Marks after a Latin letter go; marks after any other letter stay and compose again (NFC). */
    private static String latinStripped(CharSequence text) {
        String decomposed = NFD.normalize(text);
        StringBuilder stripped = new StringBuilder(decomposed.length());
        boolean afterLatin = false;
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (isMark(cp)) {
                if (afterLatin) {
                    continue;
                }
            } else {
                afterLatin = UScript.getScript(cp) == UScript.LATIN;
            }
            stripped.appendCodePoint(cp);
        }
        return NFC.normalize(stripped);
    }

    private static boolean isMark(int cp) {
        int type = UCharacter.getType(cp);
        return type == UCharacter.NON_SPACING_MARK || type == UCharacter.COMBINING_SPACING_MARK
                || type == UCharacter.ENCLOSING_MARK;
    }

    /**
     * Latin small capitals ({@code ᴀ} LATIN LETTER SMALL CAPITAL A) → their small letter,
     * found by their Unicode names, which the UTS #39 skeleton leaves as they are for many.
     */
    private static Map<Character, Character> smallCapitals() {
        Pattern name = Pattern.compile("LATIN LETTER SMALL CAPITAL ([A-Z])");
        Map<Character, Character> table = new HashMap<>();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (UScript.getScript(c) != UScript.LATIN) {
                continue;
            }
            String n = UCharacter.getName(c);
            Matcher m = n == null ? null : name.matcher(n);
            if (m != null && m.matches()) {
                table.put((char) c, Character.toLowerCase(m.group(1).charAt(0)));
            }
        }
        return table;
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
