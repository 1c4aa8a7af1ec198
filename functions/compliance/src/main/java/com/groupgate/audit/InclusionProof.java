package com.groupgate.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An inclusion proof (audit path): that leaf {@code index}, hashing to {@code leafHash},
 * is in the log's tree of {@code size} leaves. {@code hashes} are RFC 6962 §2.1.1's
 * {@code PATH(index, D[size])} in its order, the sibling nearest the leaf first — the
 * {@code inclusion_path} of RFC 9162 §2.1.3 — so any RFC 6962 client can check it.
 */
public record InclusionProof(long index, long size, Hash leafHash, List<Hash> hashes) {
    /** A path never has more hashes than the tree has levels. */
    private static final int MAX_HASHES = 64;

    public InclusionProof {
        MerkleTree.checkSize("size", size);
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index must be 0.." + (size - 1) + " for size " + size + ", was " + index);
        }
        Objects.requireNonNull(leafHash, "leafHash");
        hashes = List.copyOf(Objects.requireNonNull(hashes, "hashes"));
        if (hashes.size() > MAX_HASHES) {
            throw new IllegalArgumentException("hashes must be at most " + MAX_HASHES + ", was " + hashes.size());
        }
    }

    /**
     * The proof for leaf {@code index} in the tree of {@code size} leaves, from
     * {@code stored}: one read for the leaf, one per perfect sibling, and one per 1-bit of
     * the right-edge sibling's length (the only sibling that can be a partial subtree) —
     * about {@code 2 log2(size)} reads at most.
     */
    public static InclusionProof of(SubtreeHashes stored, long index, long size) {
        Objects.requireNonNull(stored, "stored");
        MerkleTree.checkSize("size", size);
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index must be 0.." + (size - 1) + " for size " + size + ", was " + index);
        }
        // RFC 6962 PATH(m, D[lo:hi]) walked from the root down; the RFC lists it leaf first.
        List<Hash> rootFirst = new ArrayList<>();
        long lo = 0;
        long hi = size;
        long m = index;
        while (hi - lo > 1) {
            long k = MerkleTree.splitPoint(hi - lo);
            if (m < k) {
                rootFirst.add(MerkleTree.rangeHash(stored, lo + k, hi));
                hi = lo + k;
            } else {
                rootFirst.add(MerkleTree.rangeHash(stored, lo, lo + k));
                lo += k;
                m -= k;
            }
        }
        Collections.reverse(rootFirst);
        return new InclusionProof(index, size, MerkleTree.read(stored, 0, index), rootFirst);
    }

    /** Whether this proof shows {@link #leafHash} at {@link #index} in the tree with root {@code rootHash}. */
    public boolean verifies(Hash rootHash) {
        return verify(index, size, leafHash, hashes, rootHash);
    }

    /**
     * RFC 9162 §2.1.3.2, step by step: whether {@code path} proves {@code leafHash} is leaf
     * {@code index} of the tree of {@code size} leaves whose root is {@code rootHash}. Never
     * throws for a wrong proof; a proof of the wrong length, for the wrong index or size,
     * or with any hash altered is simply false.
     */
    public static boolean verify(long index, long size, Hash leafHash, List<Hash> path, Hash rootHash) {
        Objects.requireNonNull(leafHash, "leafHash");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rootHash, "rootHash");
        if (index < 0 || size < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        Hash r = leafHash;
        for (Hash p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = Hash.node(p, r);
                // An even fn here is the last node of its level: it has no right sibling and
                // rises unchanged until it becomes a right child (or reaches the left edge).
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = Hash.node(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 && r.equals(rootHash);
    }
}
