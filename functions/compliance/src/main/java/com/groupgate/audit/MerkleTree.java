package com.groupgate.audit;

import java.util.Objects;

/**
 * The RFC 6962 Merkle tree hash of a log of {@code size} leaves (RFC 6962 §2.1, RFC 9162
 * §2.1.1), computed from stored perfect-subtree hashes rather than from the leaves.
 *
 * <p>RFC 6962 splits a tree of {@code n > 1} leaves at the largest power of two {@code k}
 * smaller than {@code n}: the left {@code k} leaves form a perfect subtree and the right
 * {@code n - k} a tree of their own. Unrolled, the tree of any size is its perfect
 * subtrees for the binary digits of {@code size}, largest first, folded together from the
 * right: for 13 = 8 + 4 + 1 leaves, {@code node(P8, node(P4, P1))}. So a root costs one
 * read per 1-bit of {@code size}, at most {@code log2(size) + 1}.
 */
public final class MerkleTree {
    /**
     * The largest tree size (and so the largest leaf index + 1) this package handles:
     * {@code 2^53 - 1}, the largest integer that every JSON reader holds exactly, since
     * sizes and indexes travel in JSON. No log gets near it.
     */
    public static final long MAX_SIZE = (1L << 53) - 1;

    /** The highest level a perfect subtree within {@link #MAX_SIZE} leaves can have. */
    static final int MAX_LEVEL = 52;

    private MerkleTree() {
    }

    /**
     * The root hash of the log's first {@code size} leaves: the empty tree's hash for 0,
     * else one {@code stored} read per 1-bit of {@code size}.
     */
    public static Hash root(SubtreeHashes stored, long size) {
        Objects.requireNonNull(stored, "stored");
        checkSize("size", size);
        return size == 0 ? Hash.emptyTree() : rangeHash(stored, 0, size);
    }

    /**
     * The RFC 6962 hash {@code MTH(D[start:end])} of leaves {@code start} (inclusive) to
     * {@code end} (exclusive), for the ranges RFC 6962's recursion visits: non-empty, with
     * {@code start} a multiple of a power of two at least {@code end - start}. Such a range
     * splits, by the binary digits of its length, into perfect subtrees that each start on
     * a multiple of their own size, so every piece is one stored hash.
     */
    static Hash rangeHash(SubtreeHashes stored, long start, long end) {
        long length = end - start;
        assert length > 0 && (start & (Long.highestOneBit(length) - 1)) == 0 : start + ".." + end;
        // Pieces from the left: the largest first. Fold from the right, so remember them.
        int pieces = Long.bitCount(length);
        Hash[] hashes = new Hash[pieces];
        long at = start;
        for (int i = 0; i < pieces; i++) {
            int level = 63 - Long.numberOfLeadingZeros(length);
            hashes[i] = read(stored, level, at >>> level);
            at += 1L << level;
            length -= 1L << level;
        }
        Hash folded = hashes[pieces - 1];
        for (int i = pieces - 2; i >= 0; i--) {
            folded = Hash.node(hashes[i], folded);
        }
        return folded;
    }

    /** The largest power of two smaller than {@code n}, for {@code n > 1}: RFC 6962's split. */
    static long splitPoint(long n) {
        assert n > 1;
        return Long.highestOneBit(n - 1);
    }

    /** A stored hash that must be there; a missing one means storage lost a write. */
    static Hash read(SubtreeHashes stored, int level, long index) {
        Hash hash = stored.get(level, index);
        if (hash == null) {
            throw new IllegalStateException("no stored hash for the subtree at level " + level + ", index " + index);
        }
        return hash;
    }

    static void checkSize(String name, long size) {
        if (size < 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException(name + " must be 0.." + MAX_SIZE + ", was " + size);
        }
    }

    static void checkSubtree(int level, long index) {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("level must be 0.." + MAX_LEVEL + ", was " + level);
        }
        if (index < 0 || index >= (MAX_SIZE >>> level)) {
            throw new IllegalArgumentException("index must be 0.." + ((MAX_SIZE >>> level) - 1)
                    + " at level " + level + ", was " + index);
        }
    }
}
