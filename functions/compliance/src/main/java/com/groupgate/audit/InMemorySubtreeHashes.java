package com.groupgate.audit;

import java.util.Arrays;
import java.util.Objects;

/**
 * A log's perfect-subtree hashes held in memory, for tests and benchmarks: the reference
 * for what the DynamoDB store must do. Each level is one growing byte array of 32-byte
 * hashes, so a million leaves take about 64 MB and no object per hash. Not thread-safe;
 * at most {@link #MAX_LEAVES} leaves.
 */
public final class InMemorySubtreeHashes implements SubtreeHashes {
    /** Level 0 lives in one Java array. */
    public static final long MAX_LEAVES = (Integer.MAX_VALUE - 8) / Hash.BYTES;

    private final byte[][] levels = new byte[MerkleTree.MAX_LEVEL + 1][];
    private final long[] counts = new long[MerkleTree.MAX_LEVEL + 1];
    private long size;

    /** How many leaves have been appended. */
    public long size() {
        return size;
    }

    /** The root of the tree of every leaf appended so far. */
    public Hash root() {
        return MerkleTree.root(this, size);
    }

    /** Appends the leaf hash of {@code leafInput} and stores what it completes. */
    public Append append(byte[] leafInput) {
        return append(Hash.leaf(Objects.requireNonNull(leafInput, "leafInput")));
    }

    /** Appends {@code leafHash} and stores what it completes. */
    public Append append(Hash leafHash) {
        if (size >= MAX_LEAVES) {
            throw new IllegalStateException("an in-memory log holds at most " + MAX_LEAVES + " leaves");
        }
        Append append = Append.of(this, size, leafHash);
        store(append);
        return append;
    }

    /**
     * Stores an append computed elsewhere; it must be the next one ({@code append.index()}
     * equal to {@link #size()}), as a conditional write in real storage would insist.
     */
    public void store(Append append) {
        Objects.requireNonNull(append, "append");
        if (append.index() != size) {
            throw new IllegalArgumentException("append.index() must be the log's size " + size + ", was " + append.index());
        }
        for (SubtreeHash completed : append.completed()) {
            put(completed.level(), completed.index(), completed.hash());
        }
        size++;
    }

    @Override
    public Hash get(int level, long index) {
        if (level < 0 || level >= levels.length || index < 0 || index >= counts[level]) {
            throw new IllegalStateException("no stored hash for the subtree at level " + level + ", index " + index);
        }
        return Hash.of(levels[level], (int) (index * Hash.BYTES));
    }

    private void put(int level, long index, Hash hash) {
        // Subtrees of one level complete left to right, so each put extends its level by one.
        assert index == counts[level] : level + "/" + index;
        byte[] row = levels[level];
        int offset = (int) (index * Hash.BYTES);
        if (row == null || offset + Hash.BYTES > row.length) {
            long wanted = Math.max(Hash.BYTES * 16L, row == null ? 0 : row.length * 2L);
            row = row == null ? new byte[(int) wanted]
                    : Arrays.copyOf(row, (int) Math.min(wanted, MAX_LEAVES * Hash.BYTES));
            levels[level] = row;
        }
        hash.writeTo(row, offset);
        counts[level] = index + 1;
    }
}
