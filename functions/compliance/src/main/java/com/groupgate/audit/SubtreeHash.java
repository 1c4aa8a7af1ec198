package com.groupgate.audit;

import java.util.Objects;

/**
 * The hash of one perfect subtree and its place (see {@link SubtreeHashes}): what an
 * append hands to storage to write.
 */
public record SubtreeHash(int level, long index, Hash hash) {
    /** @throws IllegalArgumentException naming the field when the subtree lies past {@link MerkleTree#MAX_SIZE} */
    public SubtreeHash {
        MerkleTree.checkSubtree(level, index);
        Objects.requireNonNull(hash, "hash");
    }

    public Subtree subtree() {
        return new Subtree(level, index);
    }
}
