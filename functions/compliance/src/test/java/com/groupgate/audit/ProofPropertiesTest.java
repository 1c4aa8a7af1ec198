package com.groupgate.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Proofs from stored perfect-subtree hashes against the RFC written out as recursion over
 * the leaves ({@link ReferenceMerkle}): the same roots and paths, every proof verifying,
 * and every single altered byte refusing.
 */
class ProofPropertiesTest {
    private static final int MAX = 64;

    @Property(tries = 12)
    void everyInclusionProofUpToSize64IsTheRfcPathAndVerifies(@ForAll("leafInputs") List<byte[]> inputs) {
        InMemorySubtreeHashes log = logOf(inputs);
        for (int size = 1; size <= MAX; size++) {
            List<byte[]> d = inputs.subList(0, size);
            Hash root = MerkleTree.root(log, size);
            assertArrayEquals(ReferenceMerkle.mth(d), root.toBytes(), "root of " + size);
            for (int index = 0; index < size; index++) {
                InclusionProof proof = InclusionProof.of(log, index, size);
                assertEquals(hex(ReferenceMerkle.path(index, d)), hex(proof.hashes()), index + " in " + size);
                assertTrue(proof.verifies(root), index + " in " + size);
                assertTrue(InclusionProof.verify(index, size, Hash.leaf(inputs.get(index)), proof.hashes(), root));
            }
        }
    }

    @Property(tries = 12)
    void everyConsistencyProofUpToSize64IsTheRfcProofAndVerifies(@ForAll("leafInputs") List<byte[]> inputs) {
        InMemorySubtreeHashes log = logOf(inputs);
        for (int to = 1; to <= MAX; to++) {
            Hash toRoot = MerkleTree.root(log, to);
            for (int from = 1; from <= to; from++) {
                ConsistencyProof proof = ConsistencyProof.of(log, from, to);
                assertEquals(hex(ReferenceMerkle.proof(from, inputs.subList(0, to))), hex(proof.hashes()), from + " -> " + to);
                assertTrue(proof.verifies(MerkleTree.root(log, from), toRoot), from + " -> " + to);
            }
        }
    }

    @Example
    void flippingAnyByteOfTheLeafAProofHashOrTheRootFailsEveryInclusionProof() {
        InMemorySubtreeHashes log = logOf(randomInputs(new Random(6962), MAX));
        int checked = 0;
        for (int size = 1; size <= MAX; size++) {
            Hash root = MerkleTree.root(log, size);
            for (int index = 0; index < size; index++) {
                InclusionProof proof = InclusionProof.of(log, index, size);
                for (int b = 0; b < Hash.BYTES; b++) {
                    assertFalse(InclusionProof.verify(index, size, flip(proof.leafHash(), b), proof.hashes(), root));
                    assertFalse(InclusionProof.verify(index, size, proof.leafHash(), proof.hashes(), flip(root, b)));
                    for (int h = 0; h < proof.hashes().size(); h++) {
                        List<Hash> altered = new ArrayList<>(proof.hashes());
                        altered.set(h, flip(altered.get(h), b));
                        assertFalse(InclusionProof.verify(index, size, proof.leafHash(), altered, root),
                                "byte " + b + " of hash " + h + " of " + index + " in " + size);
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 100_000, "checked " + checked);
    }

    @Example
    void flippingAnyByteOfAProofHashOrEitherRootFailsEveryConsistencyProof() {
        InMemorySubtreeHashes log = logOf(randomInputs(new Random(9162), MAX));
        for (int to = 2; to <= MAX; to++) {
            Hash toRoot = MerkleTree.root(log, to);
            for (int from = 1; from < to; from++) {
                Hash fromRoot = MerkleTree.root(log, from);
                ConsistencyProof proof = ConsistencyProof.of(log, from, to);
                for (int b = 0; b < Hash.BYTES; b++) {
                    assertFalse(proof.verifies(flip(fromRoot, b), toRoot), from + " -> " + to);
                    assertFalse(proof.verifies(fromRoot, flip(toRoot, b)), from + " -> " + to);
                    for (int h = 0; h < proof.hashes().size(); h++) {
                        List<Hash> altered = new ArrayList<>(proof.hashes());
                        altered.set(h, flip(altered.get(h), b));
                        assertFalse(ConsistencyProof.verify(from, to, altered, fromRoot, toRoot),
                                "byte " + b + " of hash " + h + " of " + from + " -> " + to);
                    }
                }
            }
        }
    }

    @Example
    void aLogIsConsistentWithItselfAndExtendsTheEmptyLog() {
        InMemorySubtreeHashes log = logOf(randomInputs(new Random(1), 5));
        Hash root = log.root();
        assertTrue(ConsistencyProof.of(log, 5, 5).verifies(root, root));
        assertTrue(ConsistencyProof.of(log, 0, 5).verifies(Hash.emptyTree(), root));
        assertFalse(ConsistencyProof.verify(0, 5, List.of(), root, root), "the empty log's root is fixed");
        assertFalse(ConsistencyProof.verify(5, 5, List.of(root), root, root), "no proof hashes for equal sizes");
        assertFalse(ConsistencyProof.verify(5, 4, List.of(), root, root), "a log never shrinks");
        assertFalse(InclusionProof.verify(0, 0, Hash.leaf(new byte[0]), List.of(), Hash.emptyTree()), "nothing is in the empty log");
    }

    @Property(tries = 30)
    void proofsAtLargerSizesMatchTheReference(@ForAll @IntRange(min = 65, max = 3000) int size,
                                              @ForAll @IntRange(min = 0, max = 2999) int anIndex,
                                              @ForAll @IntRange(min = 1, max = 3000) int aFrom) {
        List<byte[]> inputs = randomInputs(new Random(size), size);
        InMemorySubtreeHashes log = logOf(inputs);
        int index = anIndex % size;
        int from = 1 + (aFrom - 1) % size;
        Hash root = log.root();
        assertArrayEquals(ReferenceMerkle.mth(inputs), root.toBytes());
        InclusionProof inclusion = InclusionProof.of(log, index, size);
        assertEquals(hex(ReferenceMerkle.path(index, inputs)), hex(inclusion.hashes()));
        assertTrue(inclusion.verifies(root));
        ConsistencyProof consistency = ConsistencyProof.of(log, from, size);
        assertEquals(hex(ReferenceMerkle.proof(from, inputs)), hex(consistency.hashes()));
        assertTrue(consistency.verifies(MerkleTree.root(log, from), root));
    }

    @Provide
    Arbitrary<List<byte[]>> leafInputs() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40).list().ofSize(MAX);
    }

    static InMemorySubtreeHashes logOf(List<byte[]> inputs) {
        InMemorySubtreeHashes log = new InMemorySubtreeHashes();
        inputs.forEach(log::append);
        return log;
    }

    static List<byte[]> randomInputs(Random random, int count) {
        List<byte[]> inputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] input = new byte[random.nextInt(50)];
            random.nextBytes(input);
            inputs.add(input);
        }
        return inputs;
    }

    private static Hash flip(Hash hash, int byteIndex) {
        byte[] bytes = hash.toBytes();
        bytes[byteIndex] ^= 0x01;
        return Hash.of(bytes);
    }

    private static List<String> hex(List<?> hashes) {
        List<String> out = new ArrayList<>();
        for (Object h : hashes) {
            out.add(h instanceof Hash hash ? hash.toHex() : java.util.HexFormat.of().formatHex((byte[]) h));
        }
        return out;
    }
}
