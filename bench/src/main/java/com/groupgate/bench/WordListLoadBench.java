package com.groupgate.bench;

import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import com.groupgate.content.TextFolding;
import com.groupgate.content.WordList;
import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Building a word list, as every container does when a list changes: GroupGate's
 * {@link WordList#of} (fold every word, build the automaton), the same folded words put
 * into com.hankcs's double-array Aho-Corasick trie (the library the issue suggested, which
 * {@code WordList} does not use because of this number), and sensitive-word's
 * {@code init()} with the words.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class WordListLoadBench {
    @Param({"50000", "100000"})
    public int words;

    private ContentCorpus corpus;
    private TreeMap<String, Boolean> folded;

    @Setup
    public void setUp() {
        corpus = ContentCorpus.make(words);
        folded = new TreeMap<>();
        for (String word : corpus.blocked) {
            folded.put(TextFolding.fold(word), Boolean.TRUE);
        }
    }

    @Benchmark
    public WordList groupgateWordList() {
        return WordList.of(corpus.blocked, corpus.allowed);
    }

    @Benchmark
    public AhoCorasickDoubleArrayTrie<Boolean> hankcsDoubleArrayTrie() {
        AhoCorasickDoubleArrayTrie<Boolean> trie = new AhoCorasickDoubleArrayTrie<>();
        trie.build(folded);
        return trie;
    }

    @Benchmark
    public SensitiveWordBs sensitiveWordInit() {
        return ContentFilterBench.sensitiveWordPeer(corpus.blocked, corpus.allowed);
    }
}
