package com.groupgate.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What appending one leaf to a log of {@code index} leaves must write: the new leaf's hash
 * and the hash of every perfect subtree that leaf completes (see {@link SubtreeHashes}).
 *
 * <p>Leaf {@code i} completes the subtree at level {@code l} exactly when {@code 2^l}
 * divides {@code i + 1}: the leaf itself (level 0), and one more level for each trailing
 * zero bit of {@code i + 1}. So an append writes {@code 1 + trailingZeros(i + 1)} hashes —
 * two on average, never more than {@code log2(i + 1) + 1} — and reads the left sibling
 * of each completed level above the leaf, which an earlier append wrote.
 * {@link #siblingsToRead} names those reads so that storage can fetch them in one batch.
 */
public record Append(long index, Hash leafHash, List<SubtreeHash> completed) {
    public Append {
        if (index < 0 || index >= MerkleTree.MAX_SIZE) {
            throw new IllegalArgumentException("index must be 0.." + (MerkleTree.MAX_SIZE - 1) + ", was " + index);
        }
        Objects.requireNonNull(leafHash, "leafHash");
        completed = List.copyOf(Objects.requireNonNull(completed, "completed"));
        if (completed.size() != completedCount(index) || !completed.get(0).hash().equals(leafHash)) {
            throw new IllegalArgumentException("completed must be the " + completedCount(index)
                    + " subtrees leaf " + index + " completes, its leaf first");
        }
    }

    /**
     * Appends the leaf hash of {@code leafInput} to a log of {@code size} leaves whose
     * perfect subtrees are {@code stored}; see {@link #of(SubtreeHashes, long, Hash)}.
     */
    public static Append of(SubtreeHashes stored, long size, byte[] leafInput) {
        return of(stored, size, Hash.leaf(Objects.requireNonNull(leafInput, "leafInput")));
    }

    /**
     * Appends {@code leafHash} as leaf number {@code size}: computes every subtree the leaf
     * completes, from the leaf up, reading each one's left sibling from {@code stored}.
     * Nothing is written; the caller stores {@link #completed} with the entry, atomically,
     * before the next append to the same log.
     */
    public static Append of(SubtreeHashes stored, long size, Hash leafHash) {
        Objects.requireNonNull(stored, "stored");
        Objects.requireNonNull(leafHash, "leafHash");
        if (size < 0 || size >= MerkleTree.MAX_SIZE) {
            throw new IllegalArgumentException("size must be 0.." + (MerkleTree.MAX_SIZE - 1) + ", was " + size);
        }
        int count = completedCount(size);
        List<SubtreeHash> completed = new ArrayList<>(count);
        Hash hash = leafHash;
        long index = size;
        completed.add(new SubtreeHash(0, index, hash));
        for (int level = 1; level < count; level++) {
            // The right child (level - 1, index) was just computed; its left sibling is stored.
            hash = Hash.node(MerkleTree.read(stored, level - 1, index - 1), hash);
            index >>>= 1;
            completed.add(new SubtreeHash(level, index, hash));
        }
        return new Append(size, leafHash, completed);
    }

    /**
     * The stored subtrees that appending leaf number {@code size} reads: the left sibling
     * of each completed subtree above the leaf, lowest first.
     */
    public static List<Subtree> siblingsToRead(long size) {
        if (size < 0 || size >= MerkleTree.MAX_SIZE) {
            throw new IllegalArgumentException("size must be 0.." + (MerkleTree.MAX_SIZE - 1) + ", was " + size);
        }
        List<Subtree> reads = new ArrayList<>();
        long index = size;
        for (int level = 1; level < completedCount(size); level++) {
            reads.add(new Subtree(level - 1, index - 1));
            index >>>= 1;
        }
        return reads;
    }

    /** How many hashes appending leaf {@code index} writes: {@code 1 + trailingZeros(index + 1)}. */
    public static int completedCount(long index) {
        return 1 + Long.numberOfTrailingZeros(index + 1);
    }

    /** The log's size once this append is stored. */
    public long newSize() {
        return index + 1;
    }
}
