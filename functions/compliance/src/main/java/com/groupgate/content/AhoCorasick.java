package com.groupgate.content;

import java.util.Arrays;
import java.util.Map;

/**
 * An Aho-Corasick automaton over folded words: one pass over a text finds every listed
 * word ending at each position, whatever the number of words.
 *
 * <p>Built for word lists of up to 200,000 mostly-CJK words, where the alphabet has
 * thousands of characters. Characters are first renumbered densely (0 for a character in
 * no word, which always returns to the root). The root's transitions are one array indexed
 * by that number, since nearly every step of a scan over ordinary text starts there; every
 * other node's edges are a short run of one shared sorted array (compressed sparse rows).
 * Building is a sort of the words and then linear in their total length, with no hashing:
 * a fraction of a second for 100,000 words, where a double-array trie spends many seconds
 * searching for free slots for the root's thousands of children.
 *
 * <p>Immutable after {@link #build}; safe to share between threads.
 */
final class AhoCorasick {
    /** In {@link #word}: no word ends at this node. */
    static final int NO_WORD = -1;

    /** Folded character → dense code; 0 for characters in no word. */
    private final char[] codes;
    /** The root's transition on each code; 0 (the root) where it has none. */
    private final int[] rootNext;
    /** Node n's edges are edgeCodes/edgeTargets[edgeStart[n] .. edgeStart[n + 1]), sorted by code. */
    private final int[] edgeStart;
    private final char[] edgeCodes;
    private final int[] edgeTargets;
    /** The longest proper suffix of node n's path that is also a path: where a mismatch goes. */
    private final int[] fail;
    /** The nearest node on n's failure chain (n excluded) where a word ends, or -1. */
    private final int[] outputLink;
    /** The id of the word ending exactly at node n, or {@link #NO_WORD}. */
    private final int[] word;
    /** The depth of node n: the length of the word ending there. */
    private final int[] depth;

    private AhoCorasick(char[] codes, int[] rootNext, int[] edgeStart, char[] edgeCodes, int[] edgeTargets,
                        int[] fail, int[] outputLink, int[] word, int[] depth) {
        this.codes = codes;
        this.rootNext = rootNext;
        this.edgeStart = edgeStart;
        this.edgeCodes = edgeCodes;
        this.edgeTargets = edgeTargets;
        this.fail = fail;
        this.outputLink = outputLink;
        this.word = word;
        this.depth = depth;
    }

    /** The automaton of {@code words}, each non-empty, mapped to its id (0 or more). */
    static AhoCorasick build(Map<String, Integer> words) {
        // Sorted words share their prefix with the one before, so the trie grows along one
        // path with no lookups; and with codes numbered in character order, each node's
        // children are created, and so placed below, already sorted.
        String[] sorted = words.keySet().toArray(new String[0]);
        Arrays.sort(sorted);
        char[] codes = new char[Character.MAX_VALUE + 1];
        boolean[] used = new boolean[Character.MAX_VALUE + 1];
        int totalLength = 0;
        int longest = 0;
        for (String word : sorted) {
            totalLength += word.length();
            longest = Math.max(longest, word.length());
            for (int i = 0; i < word.length(); i++) {
                used[word.charAt(i)] = true;
            }
        }
        int alphabet = 0;
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (used[c]) {
                codes[c] = (char) ++alphabet; // at most 65,535: U+FFFF is never a folded character
            }
        }

        int capacity = totalLength + 1;
        int[] parent = new int[capacity];
        char[] via = new char[capacity];
        int[] wordAt = new int[capacity];
        Arrays.fill(wordAt, NO_WORD);
        int[] depth = new int[capacity];
        int[] path = new int[longest + 1]; // path[i]: the node after the previous word's first i characters
        String previous = "";
        int nodes = 1;
        for (String word : sorted) {
            int common = commonPrefixLength(previous, word);
            for (int i = common; i < word.length(); i++) {
                int child = nodes++;
                parent[child] = path[i];
                via[child] = codes[word.charAt(i)];
                depth[child] = i + 1;
                path[i + 1] = child;
            }
            wordAt[path[word.length()]] = words.get(word);
            previous = word;
        }

        // Compressed sparse rows: count each node's children, then place them by parent.
        int[] edgeStart = new int[nodes + 1];
        for (int n = 1; n < nodes; n++) {
            edgeStart[parent[n] + 1]++;
        }
        for (int n = 0; n < nodes; n++) {
            edgeStart[n + 1] += edgeStart[n];
        }
        char[] edgeCodes = new char[nodes - 1];
        int[] edgeTargets = new int[nodes - 1];
        int[] fill = Arrays.copyOf(edgeStart, nodes);
        for (int n = 1; n < nodes; n++) {
            int at = fill[parent[n]]++;
            edgeCodes[at] = via[n];
            edgeTargets[at] = n;
        }
        int[] rootNext = new int[alphabet + 1];
        for (int e = edgeStart[0]; e < edgeStart[1]; e++) {
            rootNext[edgeCodes[e]] = edgeTargets[e];
        }

        AhoCorasick automaton = new AhoCorasick(codes, rootNext, edgeStart, edgeCodes, edgeTargets,
                new int[nodes], new int[nodes], Arrays.copyOf(wordAt, nodes), Arrays.copyOf(depth, nodes));
        automaton.linkFailures(nodes);
        return automaton;
    }

    /** The dense code of a folded character; 0 when no word contains it. */
    char code(char c) {
        return codes[c];
    }

    /** The state after reading {@code code} in {@code state}, following failure links. */
    int next(int state, char code) {
        while (state != 0) {
            int target = child(state, code);
            if (target >= 0) {
                return target;
            }
            state = fail[state];
        }
        return rootNext[code];
    }

    /** The id of the word ending exactly at {@code state}, or {@link #NO_WORD}. */
    int word(int state) {
        return word[state];
    }

    /** The length of the word ending at {@code state} (its depth). */
    int depth(int state) {
        return depth[state];
    }

    /** The next state on the failure chain where a word ends, or -1. */
    int outputLink(int state) {
        return outputLink[state];
    }

    /** Whether a word ends at {@code state} or anywhere on its failure chain. */
    boolean hasOutput(int state) {
        return word[state] != NO_WORD || outputLink[state] >= 0;
    }

    private int child(int state, char code) {
        int from = edgeStart[state];
        int to = edgeStart[state + 1];
        if (to - from <= 8) {
            for (int e = from; e < to; e++) {
                if (edgeCodes[e] == code) {
                    return edgeTargets[e];
                }
            }
            return -1;
        }
        int lo = from;
        int hi = to - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char c = edgeCodes[mid];
            if (c < code) {
                lo = mid + 1;
            } else if (c > code) {
                hi = mid - 1;
            } else {
                return edgeTargets[mid];
            }
        }
        return -1;
    }

    /** Breadth first, so each node's failure target (shallower) is linked before it. */
    private void linkFailures(int nodes) {
        int[] queue = new int[nodes];
        int head = 0;
        int tail = 0;
        fail[0] = 0;
        outputLink[0] = -1;
        for (int e = edgeStart[0]; e < edgeStart[1]; e++) {
            int child = edgeTargets[e];
            fail[child] = 0;
            outputLink[child] = -1;
            queue[tail++] = child;
        }
        while (head < tail) {
            int node = queue[head++];
            for (int e = edgeStart[node]; e < edgeStart[node + 1]; e++) {
                int child = edgeTargets[e];
                char code = edgeCodes[e];
                int f = next(fail[node], code);
                fail[child] = f;
                outputLink[child] = word[f] != NO_WORD ? f : outputLink[f];
                queue[tail++] = child;
            }
        }
    }

    private static int commonPrefixLength(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }
}
