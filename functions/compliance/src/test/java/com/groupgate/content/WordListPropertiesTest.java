package com.groupgate.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The automaton against the definition, over a five-letter alphabet so that words overlap,
 * nest, repeat letters and share suffixes as often as possible. Fold text and words
 * character by character and run-length encode them; a word occurs where its letters
 * follow in the text's runs and each of the text's runs is at least as long as the
 * word's. A text is blocked when some occurrence of a blocked word lies inside no
 * occurrence of an allowed word.
 */
class WordListPropertiesTest {
    @Property(tries = 3000)
    void checkAgreesWithSearchingEveryWordOneByOne(@ForAll("words") List<String> blocked,
                                                   @ForAll("allowedWords") List<String> allowed,
                                                   @ForAll("texts") String text) {
        WordList list = WordList.of(blocked, allowed);
        assertEquals(naive(blocked, allowed, text), list.check(text), () -> blocked + " " + allowed + " " + text);
    }

    private static boolean naive(List<String> blocked, List<String> allowed, String text) {
        Runs t = Runs.of(text);
        List<int[]> allowedSpans = new ArrayList<>();
        for (String word : allowed) {
            allowedSpans.addAll(t.occurrences(Runs.of(word)));
        }
        for (String word : blocked) {
            for (int[] span : t.occurrences(Runs.of(word))) {
                if (allowedSpans.stream().noneMatch(a -> a[0] <= span[0] && span[1] <= a[1])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Folded letters, one per run, and each run's length. */
    private record Runs(String letters, List<Integer> lengths) {
        static Runs of(String text) {
            StringBuilder letters = new StringBuilder();
            List<Integer> lengths = new ArrayList<>();
            for (char c : text.toCharArray()) {
                for (char f : TextFolding.fold(String.valueOf(c)).toCharArray()) {
                    int last = letters.length() - 1;
                    if (last >= 0 && letters.charAt(last) == f) {
                        lengths.set(last, lengths.get(last) + 1);
                    } else {
                        letters.append(f);
                        lengths.add(1);
                    }
                }
            }
            return new Runs(letters.toString(), lengths);
        }

        List<int[]> occurrences(Runs word) {
            List<int[]> spans = new ArrayList<>();
            for (int at = letters.indexOf(word.letters); at >= 0; at = letters.indexOf(word.letters, at + 1)) {
                boolean longEnough = true;
                for (int j = 0; j < word.lengths.size(); j++) {
                    longEnough &= lengths.get(at + j) >= word.lengths.get(j);
                }
                if (longEnough) {
                    spans.add(new int[] {at, at + word.letters.length()});
                }
            }
            return spans;
        }
    }

    @Provide
    Arbitrary<List<String>> words() {
        return Arbitraries.strings().withChars("abcdeABＣ").ofMinLength(1).ofMaxLength(5).list().ofMinSize(0).ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<String>> allowedWords() {
        return Arbitraries.strings().withChars("abcde").ofMinLength(1).ofMaxLength(7).list().ofMinSize(0).ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("abcdeaabbAＥ *-").ofMaxLength(40);
    }
}
