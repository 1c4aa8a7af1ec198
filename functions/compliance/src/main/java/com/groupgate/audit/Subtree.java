package com.groupgate.audit;

/**
 * The place of one perfect subtree (see {@link SubtreeHashes}): the {@code 2^level} leaves
 * from {@code index * 2^level} on. The key under which storage keeps its hash.
 */
public record Subtree(int level, long index) {
    /** @throws IllegalArgumentException naming the field when the subtree lies past {@link MerkleTree#MAX_SIZE} */
    public Subtree {
        MerkleTree.checkSubtree(level, index);
    }

    /** The first leaf the subtree covers. */
    public long firstLeaf() {
        return index << level;
    }

    /** How many leaves it covers: {@code 2^level}. */
    public long leafCount() {
        return 1L << level;
    }
}
