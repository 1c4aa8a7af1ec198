package com.groupgate.bench;

import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import com.groupgate.content.TextFolding;
import com.groupgate.content.WordList;
import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * The content filter benchmarks' comparisons, and building 50,000- and 100,000-word lists three ways,
 * measured in this thread's CPU time rather than wall time, so that other work on a shared
 * machine moves them less: each workload is warmed up, then run seven times, and the median
 * and fastest runs are printed. Run with
 * {@code java -cp bench/target/groupgate-bench.jar com.groupgate.bench.ContentFilterCpuTime}.
 */
public final class ContentFilterCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ContentFilterCpuTime() {
    }

    public static void main(String[] args) {
        ContentCorpus corpus = ContentCorpus.make(ContentFilterBench.WORDS);
        WordList wordList = WordList.of(corpus.blocked, corpus.allowed);
        SensitiveWordBs sensitiveWord = ContentFilterBench.sensitiveWordPeer(corpus.blocked, corpus.allowed);
        System.out.printf("%,d words, %,d allowed; text %,d bytes in %,d lines; %d names%n",
                corpus.blocked.size(), corpus.allowed.size(), corpus.textBytes(), corpus.lines.size(), corpus.names.size());

        double ourNames = report("GroupGate names (ns per name)", 1e6 / corpus.names.size(), 20,
                () -> corpus.names.stream().filter(wordList::check).count() > 0);
        double theirNames = report("sensitive-word names (ns per name)", 1e6 / corpus.names.size(), 3,
                () -> corpus.names.stream().filter(sensitiveWord::contains).count() > 0);
        double ourLines = report("GroupGate 1 MiB in lines (ms)", 1, 10,
                () -> corpus.lines.stream().anyMatch(wordList::check));
        double theirLines = report("sensitive-word 1 MiB in lines (ms)", 1, 3,
                () -> corpus.lines.stream().anyMatch(sensitiveWord::contains));
        double ourText = report("GroupGate 1 MiB as one text (ms)", 1, 10, () -> wordList.check(corpus.text));
        System.out.printf("names: %.1fx, lines: %.1fx; GroupGate whole text %.0f MB/s of CPU%n",
                theirNames / ourNames, theirLines / ourLines, corpus.textBytes() / 1e6 / (ourText / 1e3));

        for (int words : new int[] {50_000, 100_000}) {
            ContentCorpus list = words == ContentFilterBench.WORDS ? corpus : ContentCorpus.make(words);
            TreeMap<String, Boolean> folded = new TreeMap<>();
            list.blocked.forEach(word -> folded.put(TextFolding.fold(word), Boolean.TRUE));
            String size = String.format("%,d words (ms)", words);
            report("GroupGate WordList.of, " + size, 1, 5,
                    () -> WordList.of(list.blocked, list.allowed).blockedCount() > 0);
            report("hankcs double-array build, " + size, 1, 2, () -> {
                AhoCorasickDoubleArrayTrie<Boolean> trie = new AhoCorasickDoubleArrayTrie<>();
                trie.build(folded);
                return trie.size() > 0;
            });
            report("sensitive-word init, " + size, 1, 3,
                    () -> ContentFilterBench.sensitiveWordPeer(list.blocked, list.allowed) != null);
        }
    }

    /** Median of seven runs after warm-up, in milliseconds times {@code scale}; prints median and fastest. */
    private static double report(String name, double scale, int warmups, BooleanSupplier work) {
        for (int i = 0; i < warmups; i++) {
            work.getAsBoolean();
        }
        double[] runs = new double[7];
        for (int i = 0; i < runs.length; i++) {
            long start = THREADS.getCurrentThreadCpuTime();
            work.getAsBoolean();
            runs[i] = (THREADS.getCurrentThreadCpuTime() - start) / 1e6 * scale;
        }
        Arrays.sort(runs);
        System.out.printf("%-52s median %10.1f   fastest %10.1f%n", name, runs[3], runs[0]);
        return runs[3];
    }
}
