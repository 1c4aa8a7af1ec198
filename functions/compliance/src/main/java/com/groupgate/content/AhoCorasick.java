package com.groupgate.content;

import java.util.Arrays;
import java.util.Map;

/**
 * An Aho-Corasick automaton over folded words: one pass over a text finds every listed
 * word ending at each position, whatever the number of words.
 *
 * <p>Built for word lists of up to 200,000 mostly-CJK words, where the alphabet has
 * thousands of characters:
 * <ul>
 * <li>Characters are renumbered densely, in character order; 0 stands for a character in
 *     no word, which always returns to the root.
 * <li>Nodes are numbered breadth first and each node's edges, sorted by character, are a
 *     run of one shared array (compressed sparse rows). Breadth-first numbering makes the
 *     target of edge {@code e} simply node {@code e + 1}, so no target array is stored, and
 *     keeps the shallow nodes — where a scan of ordinary text spends nearly all its steps —
 *     together in a few cache lines.
 * <li>The root's transitions are one array indexed by character code.
 * </ul>
 * Building sorts the words and is then linear in their total length, with no hashing: a
 * fraction of a second for 100,000 words, where a double-array trie spends many seconds
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
    /** Node n's edges are edgeCodes[edgeStart[n] .. edgeStart[n + 1]), sorted; edge e leads to node e + 1. */
    private final int[] edgeStart;
    private final char[] edgeCodes;
    /** The longest proper suffix of node n's path that is also a path: where a mismatch goes. */
    private final int[] fail;
    /** The nearest node on n's failure chain (n excluded) where a word ends, or -1. */
    private final int[] outputLink;
    /** n itself when a word ends there, else {@code outputLink[n]}: where reporting starts. */
    private final int[] firstOutput;
    /** The id of the word ending exactly at node n, or {@link #NO_WORD}. */
    private final int[] word;
    /** The depth of node n: the length of the word ending there. */
    private final int[] depth;

    private AhoCorasick(char[] codes, int[] rootNext, int[] edgeStart, char[] edgeCodes, int[] word, int[] depth) {
        this.codes = codes;
        this.rootNext = rootNext;
        this.edgeStart = edgeStart;
        this.edgeCodes = edgeCodes;
        this.word = word;
        this.depth = depth;
        this.fail = new int[word.length];
        this.outputLink = new int[word.length];
        this.firstOutput = new int[word.length];
    }

    /** The automaton of {@code words}, each non-empty, mapped to its id (0 or more). */
    static AhoCorasick build(Map<String, Integer> words) {
        String[] sorted = words.keySet().toArray(new String[0]);
        Arrays.sort(sorted);
        char[] codes = denseCodes(sorted);
        Trie trie = Trie.of(sorted, words, codes);
        int nodes = trie.nodes;

        // Renumber breadth first: a node's children, in character order, get consecutive
        // numbers, and the edges listed in that same order line up with them.
        int[] order = new int[nodes];       // new number → trie number
        int[] edgeStart = new int[nodes + 1];
        char[] edgeCodes = new char[nodes - 1];
        int[] word = new int[nodes];
        int[] depth = new int[nodes];
        int placed = 1;
        for (int k = 0; k < nodes; k++) {
            int old = order[k];
            word[k] = trie.word[old];
            depth[k] = trie.depth[old];
            edgeStart[k] = placed - 1;
            for (int e = trie.childStart[old]; e < trie.childStart[old + 1]; e++) {
                int child = trie.children[e];
                edgeCodes[placed - 1] = trie.via[child];
                order[placed++] = child;
            }
        }
        edgeStart[nodes] = nodes - 1;

        int alphabet = 0;
        for (char code : codes) {
            alphabet = Math.max(alphabet, code);
        }
        int[] rootNext = new int[alphabet + 1];
        for (int e = edgeStart[0]; e < edgeStart[1]; e++) {
            rootNext[edgeCodes[e]] = e + 1;
        }
        AhoCorasick automaton = new AhoCorasick(codes, rootNext, edgeStart, edgeCodes, word, depth);
        automaton.linkFailures();
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
            if (target > 0) {
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

    /**
     * The first node whose word ends at {@code state}: the state itself or the nearest on
     * its failure chain; -1 when no word ends here. Follow {@link #outputLink} for the rest.
     */
    int firstOutput(int state) {
        return firstOutput[state];
    }

    /** The child of {@code state} on {@code code}, or 0 when it has none. */
    private int child(int state, char code) {
        int from = edgeStart[state];
        int to = edgeStart[state + 1];
        if (to - from <= 8) {
            for (int e = from; e < to; e++) {
                if (edgeCodes[e] == code) {
                    return e + 1;
                }
            }
            return 0;
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
                return mid + 1;
            }
        }
        return 0;
    }

    /** In breadth-first numbering every node's failure target (shallower) is linked before it. */
    private void linkFailures() {
        fail[0] = 0;
        outputLink[0] = -1;
        firstOutput[0] = -1;
        for (int node = 0; node < word.length; node++) {
            for (int e = edgeStart[node]; e < edgeStart[node + 1]; e++) {
                int child = e + 1;
                int f = node == 0 ? 0 : next(fail[node], edgeCodes[e]);
                fail[child] = f;
                outputLink[child] = word[f] != NO_WORD ? f : outputLink[f];
                firstOutput[child] = word[child] != NO_WORD ? child : outputLink[child];
            }
        }
    }

    /** Codes 1.. for the characters the words use, in character order. */
    private static char[] denseCodes(String[] words) {
        char[] codes = new char[Character.MAX_VALUE + 1];
        for (String word : words) {
            for (int i = 0; i < word.length(); i++) {
                codes[word.charAt(i)] = 1;
            }
        }
        char next = 0;
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (codes[c] != 0) {
                codes[c] = ++next; // at most 65,535: U+FFFF is never a folded character
            }
        }
        return codes;
    }

    /**
     * The plain trie, nodes numbered as created. Sorted words share their prefix with the
     * one before, so it grows along one path with no lookups, and each node's children are
     * created in character order.
     */
    private static final class Trie {
        int nodes;
        int[] word;
        int[] depth;
        char[] via;
        int[] childStart; // node n's children are children[childStart[n] .. childStart[n + 1])
        int[] children;

        static Trie of(String[] sorted, Map<String, Integer> ids, char[] codes) {
            int capacity = 1;
            int longest = 0;
            for (String w : sorted) {
                capacity += w.length();
                longest = Math.max(longest, w.length());
            }
            Trie trie = new Trie();
            int[] parent = new int[capacity];
            trie.via = new char[capacity];
            trie.depth = new int[capacity];
            trie.word = new int[capacity];
            Arrays.fill(trie.word, NO_WORD);
            int[] path = new int[longest + 1]; // path[i]: the node after the previous word's first i characters
            String previous = "";
            int nodes = 1;
            for (String w : sorted) {
                for (int i = commonPrefixLength(previous, w); i < w.length(); i++) {
                    int child = nodes++;
                    parent[child] = path[i];
                    trie.via[child] = codes[w.charAt(i)];
                    trie.depth[child] = i + 1;
                    path[i + 1] = child;
                }
                trie.word[path[w.length()]] = ids.get(w);
                previous = w;
            }
            trie.nodes = nodes;
            trie.childStart = new int[nodes + 1];
            for (int n = 1; n < nodes; n++) {
                trie.childStart[parent[n] + 1]++;
            }
            for (int n = 0; n < nodes; n++) {
                trie.childStart[n + 1] += trie.childStart[n];
            }
            trie.children = new int[Math.max(0, nodes - 1)];
            int[] fill = Arrays.copyOf(trie.childStart, nodes);
            for (int n = 1; n < nodes; n++) {
                trie.children[fill[parent[n]]++] = n; // in creation order, which is character order
            }
            return trie;
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
}
