package com.groupgate.bench;

import com.groupgate.audit.Actor;
import com.groupgate.audit.Append;
import com.groupgate.audit.AuditEntry;
import com.groupgate.audit.ConsistencyProof;
import com.groupgate.audit.Hash;
import com.groupgate.audit.InMemorySubtreeHashes;
import com.groupgate.audit.InclusionProof;
import com.groupgate.audit.MerkleTree;
import com.groupgate.audit.SubtreeHashes;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The audit log's CPU work without storage.
 *
 * <ul>
 * <li>{@code appendLeafInput}: one append to an in-memory log — the leaf hash and every
 *     perfect subtree the leaf completes (two SHA-256 on average), reading the left
 *     siblings from memory and storing the new hashes. The log starts empty each iteration.
 * <li>{@code appendEntry}: the same, preceded by building the entry and writing its
 *     canonical JSON (about 200 bytes with Chinese text), which is what the API does.
 * <li>{@code inclusionProofAt1M}, {@code consistencyProofAt1M}, {@code rootAt1M}: proofs for
 *     random indexes and sizes of a log of 1,000,000 entries, generated through
 *     {@link SubtreeHashes} — the interface the DynamoDB store implements — with every read
 *     counted; the counts are printed after each run.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AuditLogBench {
    static final int MILLION = 1_000_000;

    @State(Scope.Thread)
    public static class Appending {
        InMemorySubtreeHashes log;
        byte[][] inputs;
        int next;
        final Instant at = Instant.parse("2026-11-26T05:06:07.089Z");

        @Setup(Level.Trial)
        public void entries() {
            inputs = new byte[1024][];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = entry(i, at).leafInput();
            }
        }

        @Setup(Level.Iteration)
        public void emptyLog() {
            log = new InMemorySubtreeHashes();
        }
    }

    @State(Scope.Benchmark)
    public static class MillionEntries {
        InMemorySubtreeHashes log;
        CountingHashes counting;
        long[] indexes;
        long[] sizes;
        int next;

        @Setup(Level.Trial)
        public void build() {
            log = new InMemorySubtreeHashes();
            Instant at = Instant.parse("2026-11-26T05:06:07.089Z");
            for (int i = 0; i < MILLION; i++) {
                log.append(entry(i, at).leafInput());
            }
            counting = new CountingHashes(log);
            Random random = new Random(6962);
            indexes = new long[1 << 16];
            sizes = new long[1 << 16];
            for (int i = 0; i < indexes.length; i++) {
                sizes[i] = 1 + random.nextInt(MILLION);
                indexes[i] = random.nextInt(MILLION);
            }
        }

        @TearDown(Level.Trial)
        public void report() {
            System.out.printf("%nreads through SubtreeHashes: %,d operations, %.1f reads each on average, at most %d%n",
                    counting.operations, (double) counting.reads / Math.max(1, counting.operations), counting.mostReads);
        }
    }

    /** Counts reads per operation, as the DynamoDB store would pay them. */
    static final class CountingHashes implements SubtreeHashes {
        private final SubtreeHashes inner;
        long reads;
        long operations;
        int mostReads;
        private int current;

        CountingHashes(SubtreeHashes inner) {
            this.inner = inner;
        }

        @Override
        public Hash get(int level, long index) {
            current++;
            return inner.get(level, index);
        }

        void endOperation() {
            reads += current;
            operations++;
            mostReads = Math.max(mostReads, current);
            current = 0;
        }
    }

    static AuditEntry entry(long index, Instant at) {
        return new AuditEntry(index, at, Actor.apiKey("k7f3a2b9c1d0e5"), "group.update", "group/grp" + (index % 977),
                "名称「三年二班家长群」→「三年二班」；容量 40 → 45；欢迎语已更新 (welcome message updated)");
    }

    @Benchmark
    public Append appendLeafInput(Appending state) {
        return state.log.append(state.inputs[state.next++ & 1023]);
    }

    @Benchmark
    public Append appendEntry(Appending state) {
        byte[] leafInput = entry(state.log.size(), state.at).leafInput();
        return state.log.append(leafInput);
    }

    @Benchmark
    public InclusionProof inclusionProofAt1M(MillionEntries m) {
        int i = m.next++ & (m.indexes.length - 1);
        InclusionProof proof = InclusionProof.of(m.counting, m.indexes[i], MILLION);
        m.counting.endOperation();
        return proof;
    }

    @Benchmark
    public ConsistencyProof consistencyProofAt1M(MillionEntries m) {
        int i = m.next++ & (m.sizes.length - 1);
        ConsistencyProof proof = ConsistencyProof.of(m.counting, m.sizes[i], MILLION);
        m.counting.endOperation();
        return proof;
    }

    @Benchmark
    public Hash rootAt1M(MillionEntries m) {
        int i = m.next++ & (m.sizes.length - 1);
        Hash root = MerkleTree.root(m.counting, m.sizes[i]);
        m.counting.endOperation();
        return root;
    }
}
