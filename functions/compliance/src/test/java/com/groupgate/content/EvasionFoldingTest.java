package com.groupgate.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The spellings issue 20 found getting past the filter, folded to the listed word, and the
 * distinctions the folding must keep: other scripts' marks, Korean syllables, Japanese
 * voiced kana, and names in Greek or Cyrillic that only share letters with a listed word.
 */
class EvasionFoldingTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "c\u3164asino",                  // HANGUL FILLER between letters
        "ca\uFFA0sino",                  // HALFWIDTH HANGUL FILLER
        "cas\u115Fino",                  // HANGUL CHOSEONG FILLER
        "casi\u1160no",                  // HANGUL JUNGSEONG FILLER
        "c\u00ADa\u034Fs\uFE0Fi\u2060n\uFEFFo", // soft hyphen, grapheme joiner, variation selector, word joiner, BOM
        "cas\uDB40\uDC41ino",            // a tag character (outside the BMP)
        "саsinо",                        // Cyrillic а and о
        "casinο",                        // Greek omicron
        "ᴄᴀsɪɴᴏ",                        // small capitals
        "cásino",                        // precomposed accent
        "ca\u0301sino",                  // combining accent
        "çàšîñô",                        // accents on every letter
        "CASINO",
        "ｃａｓｉｎｏ",
        "casin0",                        // zero for o
    })
    void evasionsFoldToTheListedWord(String evasion) {
        assertEquals("casino", TextFolding.fold(evasion), evasion);
    }

    @Test
    void everyDefaultIgnorableIsDroppedAndTheFillersWereLetters() {
        for (char filler : new char[] {'\u3164', '\uFFA0', '\u115F', '\u1160'}) {
            assertTrue(Character.isLetter(filler), "a filler is a letter, so only the ignorable rule drops it");
            assertEquals("ab", TextFolding.fold("a" + filler + "b"), String.format("U+%04X", (int) filler));
        }
    }

    @Test
    void lookAlikesReadAsTheLatinLetterAndBothSidesAgree() {
        assertEquals("casino", TextFolding.fold("саsinо"));
        assertEquals("casino", TextFolding.fold("casinο"));
        assertEquals("casino", TextFolding.fold("ᴄᴀsɪɴᴏ"));
        assertEquals(TextFolding.fold("l"), TextFolding.fold("1"));
        assertEquals(TextFolding.fold("o"), TextFolding.fold("0"));
        assertEquals(TextFolding.fold("口"), TextFolding.fold("ロ"), "katakana ro reads as the ideograph");
        assertEquals("abcdefghijklmnopqrstuvwxyz", TextFolding.fold("ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘꞯʀꜱᴛᴜᴠᴡxʏᴢ"), "small capitals");
    }

    @Test
    void latinLettersLoseTheirAccentsPrecomposedOrNot() {
        assertEquals("casino", TextFolding.fold("cásino"));
        assertEquals("casino", TextFolding.fold("ca\u0301sino"));
        assertEquals("lodz", TextFolding.fold("Łódź"));
        assertEquals("cremebrule", TextFolding.fold("Crème brûlée"), "ée: repeats collapse as before");
        assertEquals("nino", TextFolding.fold("Niño"));
        assertEquals(TextFolding.fold("resume"), TextFolding.fold("re\u0301sume\u0301"));
    }

    @Test
    void otherScriptsKeepTheirMarksAndSyllables() {
        assertEquals("が", TextFolding.fold("が"), "a voiced kana keeps its voicing");
        assertEquals("が", TextFolding.fold("か\u3099"), "and composes when typed as two characters");
        assertNotEquals(TextFolding.fold("か"), TextFolding.fold("が"));
        assertEquals("가나", TextFolding.fold("가나"), "Hangul syllables stay syllables");
        assertEquals("가나", TextFolding.fold("\u1100\u1161\u1102\u1161"), "conjoining jamo compose into them");
        assertEquals("日本语", TextFolding.fold("日本語"));
        assertEquals("赌博", TextFolding.fold("賭博"));
        assertEquals("合", TextFolding.fold("合"), "a skeleton of several characters is not taken");
        assertEquals("m", TextFolding.fold("m"), "nor for m (rn), so a repeated m still collapses");
        assertEquals("हद", TextFolding.fold("हिंदी"), "Devanagari keeps its letters (its vowel signs were never counted)");
    }

    @Test
    void foldedHangulNeverComposesWithWhatFollowsOnASecondFold() {
        String once = TextFolding.fold("쎼\u2603\u11A9");  // LV syllable, a dropped symbol, a lone final
        assertEquals("쎼", once);
        assertEquals(once, TextFolding.fold(once));
        assertEquals("ᄀㅏ", TextFolding.fold("\u1100\u314F"), "a compatibility vowel keeps its written form");
        assertEquals("ㅗ", TextFolding.fold("ㅗ"));
        assertEquals(1, TextFolding.fold("ㅋㅋㅋ ㅋ").length(), "a run of one compatibility consonant collapses");
    }

    @Test
    void greekAndCyrillicNamesStayDistinctFromEachOtherWhereTheyLookDifferent() {
        assertNotEquals(TextFolding.fold("Москва"), TextFolding.fold("casino"));
        assertNotEquals(TextFolding.fold("Σωκράτης"), TextFolding.fold("casino"));
        assertNotEquals(TextFolding.fold("Жук"), TextFolding.fold("Лук"));
        assertEquals(TextFolding.fold("Москва"), TextFolding.fold("МОСКВА"), "case still folds");
    }

    @Test
    void aTextWithABidiControlIsMarked() {
        assertFalse(TextFolding.foldWithCounts("casino").bidi);
        for (char control : new char[] {'\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068',
                '\u2069', '\u200E', '\u200F', '\u061C'}) {
            TextFolding.Folded folded = TextFolding.foldWithCounts("a" + control + "b");
            assertTrue(folded.bidi, String.format("U+%04X", (int) control));
            assertEquals("ab", folded.text(), "and dropped");
            assertTrue(TextFolding.hasBidiControl("x" + control), String.format("U+%04X", (int) control));
        }
    }

    @Test
    void onlyTheBidiControlsAreBidiControls() {
        for (char neighbour : new char[] {'\u2029', '\u202F', '\u2065', '\u206A', '\u200D', '\u2010', '\u061B', '\u061D',
                'a', '\u05D0'}) {
            assertFalse(TextFolding.hasBidiControl("x" + neighbour + "y"), String.format("U+%04X", (int) neighbour));
            assertFalse(TextFolding.foldWithCounts("x" + neighbour).bidi, String.format("U+%04X", (int) neighbour));
        }
        assertFalse(TextFolding.hasBidiControl(""));
    }

    @Test
    void theVisualOrderIsWhatAReaderSees() {
        assertEquals("casino", TextFolding.visualOrder("\u202Eonisac"));
        assertEquals("casino", TextFolding.visualOrder("cas\u202Eoni"));
        assertEquals("abc casino xyz", TextFolding.visualOrder("abc \u202Eonisac\u202C xyz"));
        assertEquals("plain", TextFolding.visualOrder("plain"));
    }

    @Test
    void aRepeatedCharacterWhoseFoldLeavesTheBmpStillCollapses() {
        // 于 reads as a katakana letter outside the BMP (its UTS #39 prototype).
        TextFolding.Folded folded = TextFolding.foldWithCounts("于于于");
        assertEquals(TextFolding.fold("于"), folded.text());
        assertEquals(3, folded.counts[0]);
        assertTrue(WordList.of(List.of("一于一"), List.of()).check("一一于于一一"));
    }

    /** Latin letters with a Cyrillic, Greek or small-capital double. */
    private static final Map<Character, String> DOUBLES = Map.of('a', "аᴀα", 'c', "сᴄ", 'e', "еᴇ", 'o', "оᴏοσ",
            'p', "рᴘρ", 'x', "х", 'y', "уʏ", 'i', "іɪι", 's', "ѕꜱ", 'n', "ɴ");

    @Property(tries = 500)
    void aWordWithAnyLetterSwappedForADoubleOrAccentedStillHits(@ForAll("latinWords") String word,
                                                               @ForAll("choices") List<Integer> choices) {
        WordList list = WordList.of(List.of(word), List.of());
        StringBuilder evasive = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            int choice = choices.get(i % choices.size());
            String doubles = DOUBLES.get(c);
            if (choice % 3 == 0 && doubles != null) {
                evasive.append(doubles.charAt(choice / 3 % doubles.length()));
            } else if (choice % 3 == 1) {
                evasive.append(c).append((char) (0x0300 + choice % 0x30)); // a combining accent
            } else {
                evasive.append(c).append('\u3164'); // a Hangul filler
            }
        }
        assertTrue(list.check("Join " + evasive + " now"), word + " as " + evasive);
    }

    @Provide
    Arbitrary<String> latinWords() {
        return Arbitraries.strings().withChars("acdeiknoprsxy").ofMinLength(3).ofMaxLength(8);
    }

    @Provide
    Arbitrary<List<Integer>> choices() {
        return Arbitraries.integers().between(0, 999).list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 3000)
    void foldingTextThatComposesIsIdempotent(@ForAll("composingTexts") String text) {
        String once = TextFolding.fold(text);
        assertEquals(once, TextFolding.fold(once), text);
    }

    /** Jamo of every kind, syllables, combining marks, voiced kana, Latin letters and a dropped symbol, mixed. */
    @Provide
    Arbitrary<String> composingTexts() {
        return Arbitraries.strings().withCharRange('\u1100', '\u11FF').withCharRange('\u3131', '\u318E')
                .withCharRange('\uAC00', '\uAC40').withCharRange('\u0300', '\u0345').withCharRange('\uFFA0', '\uFFDC')
                .withChars('a', 'e', 'o', '\u3099', '\u309A', 'か', 'は', '\u2603', ' ', '\u200B', '\u202E')
                .ofMaxLength(12);
    }
}
