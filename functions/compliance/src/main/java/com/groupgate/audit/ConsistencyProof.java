package com.groupgate.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A consistency proof: that the log's tree of {@code to} leaves extends its tree of
 * {@code from} leaves — nothing in the first {@code from} entries was changed, removed or
 * reordered. {@code hashes} are RFC 6962 §2.1.2's {@code PROOF(from, D[to])} in its order,
 * the {@code consistency_path} of RFC 9162 §2.1.4. It is empty when {@code from} is 0 or
 * equals {@code to}, where there is nothing to prove beyond the roots themselves.
 */
public record ConsistencyProof(long from, long to, List<Hash> hashes) {
    private static final int MAX_HASHES = 64;

    public ConsistencyProof {
        MerkleTree.checkSize("to", to);
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("from must be 0.." + to + ", was " + from);
        }
        hashes = List.copyOf(Objects.requireNonNull(hashes, "hashes"));
        if (hashes.size() > MAX_HASHES) {
            throw new IllegalArgumentException("hashes must be at most " + MAX_HASHES + ", was " + hashes.size());
        }
    }

    /**
     * The proof that the tree of {@code to} leaves extends the tree of {@code from}
     * leaves, from {@code stored}: about {@code 2 log2(to)} reads at most, like an
     * inclusion proof.
     */
    public static ConsistencyProof of(SubtreeHashes stored, long from, long to) {
        Objects.requireNonNull(stored, "stored");
        MerkleTree.checkSize("to", to);
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("from must be 0.." + to + ", was " + from);
        }
        if (from == 0 || from == to) {
            return new ConsistencyProof(from, to, List.of());
        }
        // RFC 6962 SUBPROOF(m, D[lo:hi], b) walked from the root down, listed leaf first.
        List<Hash> rootFirst = new ArrayList<>();
        long lo = 0;
        long hi = to;
        long m = from;
        boolean wholeOldTree = true; // b: the subtree being descended is a prefix of the old tree's root
        while (m != hi - lo) {
            long k = MerkleTree.splitPoint(hi - lo);
            if (m <= k) {
                rootFirst.add(MerkleTree.rangeHash(stored, lo + k, hi));
                hi = lo + k;
            } else {
                rootFirst.add(MerkleTree.rangeHash(stored, lo, lo + k));
                lo += k;
                m -= k;
                wholeOldTree = false;
            }
        }
        if (!wholeOldTree) {
            // The old tree's right edge ends here: the verifier needs this subtree's hash.
            rootFirst.add(MerkleTree.rangeHash(stored, lo, hi));
        }
        Collections.reverse(rootFirst);
        return new ConsistencyProof(from, to, rootFirst);
    }

    /** Whether this proof shows the tree with root {@code toRoot} extends the one with root {@code fromRoot}. */
    public boolean verifies(Hash fromRoot, Hash toRoot) {
        return verify(from, to, hashes, fromRoot, toRoot);
    }

    /**
     * RFC 9162 §2.1.4.2, step by step, for {@code 0 < first < second}; and for the cases
     * that algorithm leaves out: a tree is consistent with itself (equal roots, empty
     * proof), and every tree extends the empty one (whose root must be the empty tree's
     * hash; empty proof). Never throws for a wrong proof; it is simply false.
     */
    public static boolean verify(long first, long second, List<Hash> path, Hash firstHash, Hash secondHash) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(firstHash, "firstHash");
        Objects.requireNonNull(secondHash, "secondHash");
        if (first < 0 || second < first) {
            return false;
        }
        if (first == second) {
            return path.isEmpty() && firstHash.equals(secondHash);
        }
        if (first == 0) {
            return path.isEmpty() && firstHash.equals(Hash.emptyTree());
        }
        if (path.isEmpty()) {
            return false;
        }
        List<Hash> p = path;
        if (Long.bitCount(first) == 1) {
            // The old tree is a perfect subtree of the new one: its root starts the walk.
            p = new ArrayList<>(path.size() + 1);
            p.add(firstHash);
            p.addAll(path);
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        Hash fr = p.get(0);
        Hash sr = p.get(0);
        for (int i = 1; i < p.size(); i++) {
            Hash c = p.get(i);
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = Hash.node(c, fr);
                sr = Hash.node(c, sr);
                // As in inclusion: the last node of its level rises without a sibling.
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = Hash.node(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 && fr.equals(firstHash) && sr.equals(secondHash);
    }
}
