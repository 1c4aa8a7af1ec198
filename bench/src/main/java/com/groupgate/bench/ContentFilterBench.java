package com.groupgate.bench;

import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import com.groupgate.content.WordList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The content filter against com.github.houbb:sensitive-word 0.25.0, both holding the same
 * 50,000 blocked words and 500 allowed ones ({@link ContentCorpus}) and folding at least
 * the same ways: width, case, traditional → simplified, everything but letters and digits
 * ignored (its own rule, given as a character-ignore), repeats collapsed. GroupGate also
 * folds look-alikes by their UTS #39 skeletons, drops default-ignorable code points, strips
 * Latin accents and checks bidi text in display order (issue 20), which sensitive-word does
 * not; its other checks (numbers, e-mail, URLs, IPv4) and its number/English look-alike
 * styles stay off, as when the goal was set.
 *
 * <ul>
 * <li>{@code *Names}: 1,000 group names, nine in ten clean, one in ten a listed word
 *     written with symbols between its characters; time per name.
 * <li>{@code *Lines}: the 1 MiB text in lines of about 100 characters (welcome-message
 *     sized); time per MiB.
 * <li>{@code *Text}: the 1 MiB text as one string; time per MiB. The text contains no
 *     listed word, so neither can stop early.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
public class ContentFilterBench {
    static final int WORDS = 50_000;
    static final int NAMES = 1_000;

    private ContentCorpus corpus;
    private WordList wordList;
    private SensitiveWordBs sensitiveWord;

    @Setup
    public void setUp() {
        corpus = ContentCorpus.make(WORDS);
        wordList = WordList.of(corpus.blocked, corpus.allowed);
        sensitiveWord = sensitiveWordPeer(corpus.blocked, corpus.allowed);
        if (wordList.check(corpus.text)) {
            throw new IllegalStateException("the benchmark text must hit no listed word");
        }
        for (String line : corpus.lines) {
            if (sensitiveWord.contains(line)) {
                throw new IllegalStateException("sensitive-word finds a word in a line GroupGate passes: " + line);
            }
        }
        int ours = 0;
        int theirs = 0;
        for (String name : corpus.names) {
            ours += wordList.check(name) ? 1 : 0;
            theirs += sensitiveWord.contains(name) ? 1 : 0;
        }
        System.out.printf("%nText: %,d bytes UTF-8, %,d chars, %,d lines. Names blocked: GroupGate %d, sensitive-word %d of %d.%n",
                corpus.textBytes(), corpus.text.length(), corpus.lines.size(), ours, theirs, NAMES);
    }

    static SensitiveWordBs sensitiveWordPeer(List<String> blocked, List<String> allowed) {
        return SensitiveWordBs.newInstance()
                .wordDeny(() -> blocked)
                .wordAllow(() -> allowed)
                .ignoreCase(true)
                .ignoreWidth(true)
                .ignoreChineseStyle(true)
                .ignoreRepeat(true)
                // Its specialChars() ignore keeps spaces and invisible characters; GroupGate ignores
                // everything that is not a letter or digit, so give it that rule.
                .charIgnore((index, chars, context) -> !Character.isLetterOrDigit(chars[index]))
                .ignoreNumStyle(false)
                .ignoreEnglishStyle(false)
                .enableWordCheck(true)
                .enableNumCheck(false)
                .enableEmailCheck(false)
                .enableUrlCheck(false)
                .enableIpv4Check(false)
                .init();
    }

    @Benchmark
    @OperationsPerInvocation(NAMES)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int groupgateNames() {
        int hits = 0;
        for (String name : corpus.names) {
            hits += wordList.check(name) ? 1 : 0;
        }
        return hits;
    }

    @Benchmark
    @OperationsPerInvocation(NAMES)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int sensitiveWordNames() {
        int hits = 0;
        for (String name : corpus.names) {
            hits += sensitiveWord.contains(name) ? 1 : 0;
        }
        return hits;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int groupgateLines() {
        int hits = 0;
        for (String line : corpus.lines) {
            hits += wordList.check(line) ? 1 : 0;
        }
        return hits;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int sensitiveWordLines() {
        int hits = 0;
        for (String line : corpus.lines) {
            hits += sensitiveWord.contains(line) ? 1 : 0;
        }
        return hits;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public boolean groupgateText() {
        return wordList.check(corpus.text);
    }

    /** Seconds to minutes per call: sensitive-word copies the whole text for each start position. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public boolean sensitiveWordText() {
        return sensitiveWord.contains(corpus.text);
    }
}
