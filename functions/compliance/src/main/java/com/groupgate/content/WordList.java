package com.groupgate.content;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Blocked words, and the allowed words that excuse them, compiled once into one
 * Aho-Corasick automaton over their folded forms (see {@link TextFolding}). {@link #check}
 * folds a text the same way and scans it once, whatever the number of words. Immutable and safe to share between threads; build a new
 * one when a list changes.
 *
 * <p>A blocked word is excused where an allowed word containing it covers that occurrence:
 * with {@code 赌博} blocked and {@code 反赌博宣传} allowed, "反赌博宣传周" passes and
 * "反赌博宣传, 赌博" does not. Matching is on folded text, so a blocked word hits wherever
 * its letters and digits appear in order, across spaces and punctuation: short Latin
 * words hit inside longer ones ({@code ass} in "class") unless allowed.
 *
 * <p>Repeated characters collapse on both sides, but a word keeps how often each of its
 * characters repeats: {@code 赌博} matches "赌赌博博", while {@code 妈妈} matches "妈妈群"
 * and "妈*妈" but not "我妈" — it does not shrink to {@code 妈} and block every text with
 * that character in it.
 *
 * <p>The answer is only whether a text hits — never which word — so that no caller can
 * echo the list back to a tenant.
 */
public final class WordList {
    /** At most this many blocked words (the operator's and the tenant's together), and as many allowed ones. */
    public static final int MAX_WORDS = 100_000;
    /** No word may be longer than this many characters as written. */
    public static final int MAX_WORD_LENGTH = 64;

    private static final byte BLOCKED = 1;
    private static final byte ALLOWED = 2;
    /** In {@link #plainKind}: the word's variants need their run counts checked. */
    private static final byte VARIES = 0;

    private static final WordList EMPTY = new WordList(null, null, null, 0, 0, 0);

    /**
     * One listed word as folded: its kind, and the run counts its characters need in the
     * text, or null when every run is a single character (nearly every word). Words that
     * fold to the same characters ({@code 支博}, {@code 支支博}) are variants of one
     * automaton word.
     */
    private record Variant(byte kind, char[] counts) {
    }

    private final AhoCorasick automaton; // null when there are no blocked words
    private final Variant[][] variants;  // by automaton word id
    private final byte[] plainKind;      // by word id: the kind when its one variant has no counts, else VARIES
    private final int blockedCount;
    private final int allowedCount;
    private final int longestAllowed; // in folded characters

    private WordList(AhoCorasick automaton, Variant[][] variants, byte[] plainKind,
                     int blockedCount, int allowedCount, int longestAllowed) {
        this.automaton = automaton;
        this.variants = variants;
        this.plainKind = plainKind;
        this.blockedCount = blockedCount;
        this.allowedCount = allowedCount;
        this.longestAllowed = longestAllowed;
    }

    /** The list that blocks nothing. */
    public static WordList empty() {
        return EMPTY;
    }

    /**
     * The list blocking {@code blocked} except where {@code allowed} covers it. Words are
     * folded; duplicates after folding count once.
     *
     * @throws IllegalArgumentException naming the word ({@code blocked[3]}, {@code allowed[0]})
     *     that is longer than {@value #MAX_WORD_LENGTH} characters or has no letter or digit
     *     (it would match everything), or naming the list that has more than
     *     {@value #MAX_WORDS} words
     */
    public static WordList of(Collection<String> blocked, Collection<String> allowed) {
        Objects.requireNonNull(blocked, "blocked");
        Objects.requireNonNull(allowed, "allowed");
        Map<String, List<Variant>> words = new HashMap<>(2 * (blocked.size() + allowed.size()));
        int blockedCount = addAll(words, "blocked", blocked, BLOCKED);
        if (blockedCount == 0) {
            foldAll("allowed", allowed); // still refuse a bad allowed word
            return EMPTY;
        }
        int allowedCount = addAll(words, "allowed", allowed, ALLOWED);
        int longestAllowed = 0;
        Map<String, Integer> ids = new HashMap<>(2 * words.size());
        Variant[][] variants = new Variant[words.size()][];
        byte[] plainKind = new byte[words.size()];
        for (Map.Entry<String, List<Variant>> entry : words.entrySet()) {
            int id = ids.size();
            ids.put(entry.getKey(), id);
            variants[id] = entry.getValue().toArray(new Variant[0]);
            Variant first = variants[id][0];
            plainKind[id] = variants[id].length == 1 && first.counts() == null ? first.kind() : VARIES;
            if (entry.getValue().stream().anyMatch(v -> v.kind() == ALLOWED)) {
                longestAllowed = Math.max(longestAllowed, entry.getKey().length());
            }
        }
        return new WordList(AhoCorasick.build(ids), variants, plainKind, blockedCount, allowedCount, longestAllowed);
    }

    /**
     * Whether {@code text} hits a blocked word that no allowed word excuses: true means
     * refuse it. Folds the text and scans it once; a text holding bidi controls is scanned
     * a second time in the order it displays.
     */
    public boolean check(String text) {
        Objects.requireNonNull(text, "text");
        if (automaton == null) {
            return false;
        }
        TextFolding.Folded folded = TextFolding.foldWithCounts(text);
        if (hits(folded)) {
            return true;
        }
        // Bidi controls may show the text in another order than it is stored
        // (U+202E "onisac" displays as "casino"): what a reader sees is checked too.
        return folded.bidi && hits(TextFolding.foldWithCounts(TextFolding.visualOrder(text)));
    }

    /** Whether folded text hits a blocked word that no allowed word excuses. */
    private boolean hits(TextFolding.Folded folded) {
        char[] chars = folded.chars;
        int length = folded.length;
        AhoCorasick a = automaton;
        Excuses excuses = null; // made at the first hit, and only when allowed words exist
        int state = 0;
        for (int i = 0; i < length; i++) {
            char code = a.code(chars[i]);
            if (code == 0) {
                state = 0; // a character in no word: no match runs across it
                continue;
            }
            state = a.next(state, code);
            int end = i + 1;
            for (int s = a.firstOutput(state); s >= 0; s = a.outputLink(s)) {
                int id = a.word(s);
                int begin = end - a.depth(s);
                byte plain = plainKind[id];
                if (plain != VARIES) {
                    if (longestAllowed == 0) {
                        return true; // no allowed words: the first blocked word decides
                    }
                    excuses = excuses != null ? excuses : new Excuses(longestAllowed);
                    if (!excuses.hit(begin, end, plain == ALLOWED)) {
                        return true; // a blocked word nothing can excuse any more
                    }
                    continue;
                }
                for (Variant variant : variants[id]) {
                    if (variant.counts() == null || hasRuns(folded.counts, begin, variant.counts())) {
                        if (longestAllowed == 0) {
                            return true;
                        }
                        excuses = excuses != null ? excuses : new Excuses(longestAllowed);
                        if (!excuses.hit(begin, end, variant.kind() == ALLOWED)) {
                            return true;
                        }
                    }
                }
            }
        }
        return excuses != null && excuses.blocked();
    }

    /** Distinct blocked words after folding. */
    public int blockedCount() {
        return blockedCount;
    }

    /** Distinct allowed words after folding. */
    public int allowedCount() {
        return allowedCount;
    }

    /** Counts only: the words themselves are never shown. */
    @Override
    public String toString() {
        return "WordList[" + blockedCount + " blocked, " + allowedCount + " allowed]";
    }

    /** Whether the text's runs from {@code begin} are at least as long as a word's {@code needed} runs. */
    private static boolean hasRuns(char[] textCounts, int begin, char[] needed) {
        for (int j = 0; j < needed.length; j++) {
            if (textCounts[begin + j] < needed[j]) {
                return false;
            }
        }
        return true;
    }

    /** Folds and adds one list's words; returns how many distinct variants it added. */
    private static int addAll(Map<String, List<Variant>> words, String listName, Collection<String> list, byte kind) {
        int added = 0;
        for (TextFolding.Folded folded : foldAll(listName, list)) {
            Variant variant = new Variant(kind, folded.noRepeats() ? null : Arrays.copyOf(folded.counts, folded.length));
            List<Variant> known = words.computeIfAbsent(folded.text(), k -> new ArrayList<>(1));
            if (known.stream().noneMatch(v -> v.kind() == kind && Arrays.equals(v.counts(), variant.counts()))) {
                known.add(variant);
                added++;
            }
        }
        return added;
    }

    private static List<TextFolding.Folded> foldAll(String listName, Collection<String> words) {
        if (words.size() > MAX_WORDS) {
            throw new IllegalArgumentException(listName + " must have at most " + MAX_WORDS + " words, had " + words.size());
        }
        List<TextFolding.Folded> folded = new ArrayList<>(words.size());
        int i = 0;
        for (String word : words) {
            String name = listName + "[" + i++ + "]";
            Objects.requireNonNull(word, name);
            if (word.length() > MAX_WORD_LENGTH) {
                throw new IllegalArgumentException(name + " must be at most " + MAX_WORD_LENGTH + " characters, was "
                        + word.length());
            }
            TextFolding.Folded f = TextFolding.foldWithCounts(word);
            if (f.length == 0) {
                throw new IllegalArgumentException(name + " has no letter or digit, so it would match every text");
            }
            folded.add(f);
        }
        return folded;
    }

    /**
     * Follows the automaton's hits, which arrive in order of where they end, and decides
     * whether some blocked occurrence is left that no allowed occurrence covers. A blocked
     * occurrence [b, e) is covered by an allowed one [a, f) with a &lt;= b and e &lt;= f;
     * since no allowed word is longer than {@code longestAllowed}, once hits end past
     * {@code b + longestAllowed} nothing can still cover it and the scan stops.
     */
    private static final class Excuses {
        private final int longestAllowed;
        private final List<int[]> pending = new ArrayList<>(); // blocked [begin, end) not yet covered
        private final List<int[]> allowedHere = new ArrayList<>(); // allowed hits ending at position
        private int position = -1;
        private boolean decided;

        Excuses(int longestAllowed) {
            this.longestAllowed = longestAllowed;
        }

        /** Takes one hit; false once some blocked occurrence can no longer be excused. */
        boolean hit(int begin, int end, boolean allowed) {
            if (end != position) {
                position = end;
                allowedHere.clear();
                for (int[] blocked : pending) {
                    if (end - blocked[0] > longestAllowed) {
                        decided = true;
                        return false;
                    }
                }
            }
            if (allowed) {
                allowedHere.add(new int[] {begin, end});
                pending.removeIf(b -> begin <= b[0] && b[1] <= end);
            } else if (!isCovered(begin, end)) {
                pending.add(new int[] {begin, end});
            }
            return true;
        }

        private boolean isCovered(int begin, int end) {
            for (int[] allowed : allowedHere) {
                if (allowed[0] <= begin && end <= allowed[1]) {
                    return true;
                }
            }
            return false;
        }

        boolean blocked() {
            return decided || !pending.isEmpty();
        }
    }
}
