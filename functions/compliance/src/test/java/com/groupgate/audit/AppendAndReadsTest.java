package com.groupgate.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AppendAndReadsTest {
    /** Counts reads, as the DynamoDB store's cost would. */
    static final class CountingHashes implements SubtreeHashes {
        final SubtreeHashes inner;
        int reads;

        CountingHashes(SubtreeHashes inner) {
            this.inner = inner;
        }

        @Override
        public Hash get(int level, long index) {
            reads++;
            return inner.get(level, index);
        }
    }

    @Test
    void anAppendWritesTheLeafAndEveryPerfectSubtreeItCompletes() {
        List<byte[]> inputs = ProofPropertiesTest.randomInputs(new Random(2), 64);
        InMemorySubtreeHashes log = new InMemorySubtreeHashes();
        for (int i = 0; i < inputs.size(); i++) {
            Append append = log.append(inputs.get(i));
            assertEquals(1 + Long.numberOfTrailingZeros(i + 1), append.completed().size(), "leaf " + i);
            for (SubtreeHash written : append.completed()) {
                int first = (int) (written.index() << written.level());
                int last = first + (1 << written.level());
                assertEquals(i + 1, last, "a subtree is written when its last leaf arrives");
                assertArrayEquals(ReferenceMerkle.mth(inputs.subList(first, last)), written.hash().toBytes());
            }
        }
        // Leaf 63 completes the subtrees of 1, 2, 4, 8, 16, 32 and 64 leaves: log2(64) + 1.
        assertEquals(7, Append.completedCount(63));
        assertEquals(List.of(new Subtree(0, 62), new Subtree(1, 30), new Subtree(2, 14), new Subtree(3, 6),
                new Subtree(4, 2), new Subtree(5, 0)), Append.siblingsToRead(63));
        assertEquals(List.of(), Append.siblingsToRead(64));
    }

    @Test
    void anAppendReadsOnlyTheSiblingsItNames() {
        InMemorySubtreeHashes log = new InMemorySubtreeHashes();
        for (int i = 0; i < 1000; i++) {
            CountingHashes counting = new CountingHashes(log);
            Append append = Append.of(counting, log.size(), new byte[] {(byte) i});
            assertEquals(Append.siblingsToRead(i).size(), counting.reads, "leaf " + i);
            log.store(append);
        }
    }

    @Test
    void proofsAndRootsNeedLogarithmicallyManyReads() {
        InMemorySubtreeHashes log = new InMemorySubtreeHashes();
        Random random = new Random(3);
        int size = 100_000;
        for (int i = 0; i < size; i++) {
            log.append(new byte[] {(byte) i, (byte) (i >> 8), (byte) (i >> 16)});
        }
        int bound = 2 * (64 - Long.numberOfLeadingZeros(size)) + 1; // 2 * 17 + 1
        for (int t = 0; t < 2000; t++) {
            long n = 1 + random.nextInt(size);
            long index = random.nextInt((int) n);
            long from = 1 + random.nextInt((int) n);
            CountingHashes counting = new CountingHashes(log);
            MerkleTree.root(counting, n);
            assertTrue(counting.reads <= Long.bitCount(n), "root of " + n);
            counting.reads = 0;
            InclusionProof.of(counting, index, n);
            assertTrue(counting.reads <= bound, "inclusion " + index + " in " + n + ": " + counting.reads);
            counting.reads = 0;
            ConsistencyProof.of(counting, from, n);
            assertTrue(counting.reads <= bound, "consistency " + from + " -> " + n + ": " + counting.reads);
        }
    }

    @Test
    void storageMustTakeAppendsInOrder() {
        InMemorySubtreeHashes log = new InMemorySubtreeHashes();
        log.append(new byte[] {1});
        Append stale = Append.of(new InMemorySubtreeHashes(), 0, new byte[] {2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> log.store(stale));
        assertTrue(e.getMessage().contains("append.index()"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> log.get(0, 1), "a hash never written is not invented");
    }

    @Test
    void anAppendMustListWhatItsLeafCompletes() {
        Hash leaf = Hash.leaf(new byte[0]);
        List<SubtreeHash> tooFew = new ArrayList<>(List.of(new SubtreeHash(0, 1, leaf)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Append(1, leaf, tooFew));
        assertTrue(e.getMessage().startsWith("completed"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Subtree(0, MerkleTree.MAX_SIZE));
        assertThrows(IllegalArgumentException.class, () -> new Subtree(53, 0));
        assertThrows(IllegalArgumentException.class, () -> InclusionProof.of(new InMemorySubtreeHashes(), 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ConsistencyProof.of(new InMemorySubtreeHashes(), 2, 1));
    }
}
