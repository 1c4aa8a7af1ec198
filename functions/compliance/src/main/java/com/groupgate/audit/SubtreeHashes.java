package com.groupgate.audit;

/**
 * Where the audit log keeps the hashes of its perfect subtrees: the storage a proof is
 * generated from, implemented over DynamoDB by the codes API and in memory for tests.
 *
 * <p>The perfect subtree at ({@code level}, {@code index}) covers the {@code 2^level} leaves
 * from {@code index * 2^level} up to, not including, {@code (index + 1) * 2^level}; level 0
 * holds the leaf hashes. Such a subtree never changes once its last leaf is appended, so
 * each hash is written exactly once, when the append that completes it happens
 * ({@link Append}), and may be cached forever. Every hash of the tree at any size, and so
 * every root, inclusion proof and consistency proof, is computed from at most about
 * {@code 2 log2(size)} of these reads ({@link MerkleTree}, {@link InclusionProof},
 * {@link ConsistencyProof}).
 */
public interface SubtreeHashes {
    /**
     * The hash of the perfect subtree at ({@code level}, {@code index}). Callers only ask for
     * subtrees that lie wholly within a size the log has reached; an implementation that
     * does not hold one throws {@link IllegalStateException}, since that means the store
     * lost a write.
     */
    Hash get(int level, long index);
}
