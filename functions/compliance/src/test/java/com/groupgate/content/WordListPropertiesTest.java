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
 * nest and share suffixes as often as possible: a text is blocked when some occurrence of
 * a blocked word in its folded form lies inside no occurrence of an allowed word.
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
        String folded = TextFolding.fold(text);
        List<int[]> allowedSpans = new ArrayList<>();
        for (String word : allowed) {
            String w = TextFolding.fold(word);
            for (int at = folded.indexOf(w); at >= 0; at = folded.indexOf(w, at + 1)) {
                allowedSpans.add(new int[] {at, at + w.length()});
            }
        }
        for (String word : blocked) {
            String w = TextFolding.fold(word);
            for (int at = folded.indexOf(w); at >= 0; at = folded.indexOf(w, at + 1)) {
                int begin = at;
                int end = at + w.length();
                if (allowedSpans.stream().noneMatch(s -> s[0] <= begin && end <= s[1])) {
                    return true;
                }
            }
        }
        return false;
    }

    @Provide
    Arbitrary<List<String>> words() {
        return Arbitraries.strings().withChars("abcdeABＣ").ofMinLength(1).ofMaxLength(4).list().ofMinSize(0).ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<String>> allowedWords() {
        return Arbitraries.strings().withChars("abcde").ofMinLength(1).ofMaxLength(7).list().ofMinSize(0).ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("abcdeAＥ *-").ofMaxLength(40);
    }
}
