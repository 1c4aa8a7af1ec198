package com.groupgate.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TextFoldingTest {
    @Example
    void eachStepFoldsWhatProductMdNames() {
        assertEquals("bad", TextFolding.fold("ＢＡＤ"), "full-width to half-width");
        assertEquals(TextFolding.fold("123"), TextFolding.fold("１２３"));
        assertEquals("casino", TextFolding.fold("CaSiNo"), "case");
        assertEquals("赌博", TextFolding.fold("賭博"), "traditional to simplified");
        assertEquals("头发", TextFolding.fold("頭髮"));
        assertEquals("赌博", TextFolding.fold("赌*博"), "symbols ignored");
        assertEquals("赌博", TextFolding.fold("赌 博"), "spaces ignored");
        assertEquals("赌博", TextFolding.fold("赌\u200b\u200d博"), "invisible characters ignored");
        assertEquals("赌博", TextFolding.fold("赌赌博博"), "repeats collapsed");
        assertEquals("赌博", TextFolding.fold("赌 赌*博"), "repeats collapse across what is ignored");
        assertEquals("abc", TextFolding.fold("ⓐ\uD835\uDC01c"), "circled and mathematical letters");
        assertEquals("fi", TextFolding.fold("\uFB01"), "a ligature expands");
        assertEquals("\uD840\uDC00", TextFolding.fold("\uD840\uDC00"), "a CJK Extension B character is kept");
        assertEquals("", TextFolding.fold("😀🎲 !?\uD800"), "emoji, punctuation and an unpaired surrogate are dropped");
    }

    @Example
    void foldingAnyBmpCharacterTwiceChangesNothing() {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String name = String.format("U+%04X", c);
            String once = TextFolding.fold(String.valueOf((char) c));
            assertEquals(once, TextFolding.fold(once), name);
            assertTrue(once.length() <= 18, name);
        }
    }

    @Property(tries = 2000)
    void foldingIsIdempotent(@ForAll("texts") String text) {
        String once = TextFolding.fold(text);
        assertEquals(once, TextFolding.fold(once));
    }

    @Property(tries = 1000)
    void wordsSurviveInsertedSymbolsAndRepeats(@ForAll("words") String word, @ForAll("fillers") List<String> fillers) {
        WordList list = WordList.of(List.of(word), List.of());
        StringBuilder evasive = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            evasive.append(word.charAt(i)).append(word.charAt(i)).append(fillers.get(i % fillers.size()));
        }
        assertTrue(list.check("前缀" + evasive + "后缀"), evasive.toString());
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(50),
                Arbitraries.strings().withCharRange('\u4e00', '\u9fff').withChars(" *．ＡＢａｂ1１").ofMaxLength(50));
    }

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.strings().withCharRange('\u4e00', '\u9fa5').ofMinLength(2).ofMaxLength(6);
    }

    @Provide
    Arbitrary<List<String>> fillers() {
        return Arbitraries.of("", " ", "*", "・", "\u3000", "-_-", "\u200b", "😀", "，").list().ofMinSize(1).ofMaxSize(4);
    }
}
