package com.groupgate.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WordListTest {
    private static final WordList LIST = WordList.of(
            List.of("赌博", "代开发票", "casino", "六合彩", "妈妈桑"),
            List.of("反赌博宣传"));

    @ParameterizedTest
    @ValueSource(strings = {
        "周末来赌博",             // as listed
        "ＣＡＳＩＮＯ之夜",        // full-width letters
        "Casino Night",           // mixed case
        "cAsInO",
        "賭博交流群",             // traditional characters
        "代開發票",               // traditional, four characters
        "赌*博",                  // a symbol between the characters
        "赌 博",                  // a space between them
        "赌\u3000博",             // an ideographic space
        "赌\u200b博",             // a zero-width space
        "赌赌博博",               // repeated characters
        "賭 * 博博 群",           // all of it at once
        "c.a.s.i.n.o",
        "ｃａｓｓｓｉｎｏｏ",      // full-width and repeated
        "六合彩🎲开奖",
        "反赌博宣传，赌博",        // the allowed word covers only its own occurrence
        "妈妈桑酒吧",             // a listed word with a doubled character
        "妈妈妈桑桑",             // ... written with more repeats
        "妈*妈·桑",               // ... and symbols between
        "c\u3164asino",           // a Hangul filler between letters
        "ca\uFFA0si\u115Fn\u1160o", // the other three
        "саsinо",                 // Cyrillic look-alikes
        "casinο",                 // a Greek omicron
        "ᴄᴀsɪɴᴏ",                 // small capitals
        "cásino",                 // a precomposed accent
        "\u202Eonisac",           // shown right to left: reads casino
        "cas\u202Eoni",           // only the end overridden
        "赌\u3164博",             // a filler between ideographs
    })
    void evasionsAreBlocked(String text) {
        assertTrue(LIST.check(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "反赌博宣传周",           // allowed word containing a blocked one
        "反 赌 博 宣 传",         // allowed, evasively written, still allowed
        "博物馆一日游",           // shares 博 with 赌博
        "赌气",                   // shares 赌
        "发票报销群",             // shares 发票 with 代开发票
        "博赌",                   // same characters, other order
        "cash in",                // shares letters with casino
        "六合",                   // a prefix only
        "",
        "三年二班家长群",
        "妈桑",                   // the doubling is part of the listed word
        "我妈妈说",               // shares 妈妈 only
        "onisac",                 // reversed, and shown reversed
        "\u202Bonisac\u202C",     // a right-to-left embedding keeps Latin letters in their order
        "\u2067onisac\u2069",     // so does a right-to-left isolate
        "Москва",                 // Cyrillic that looks like no listed word
        "Σωκράτης",               // Greek likewise
        "Café Niño",              // Latin accents on other words
        "가나다 모임",             // Korean syllables
    })
    void nearMissesAndAllowedWordsPass(String text) {
        assertFalse(LIST.check(text), text);
    }

    @Test
    void theListItselfIsFoldedTheSameWay() {
        WordList traditional = WordList.of(List.of("賭博", "ＣＡＳＩＮＯ"), List.of());
        assertTrue(traditional.check("赌博"));
        assertTrue(traditional.check("casino"));
        assertEquals(2, traditional.blockedCount());
        WordList duplicates = WordList.of(List.of("赌博", "賭博", "赌 博"), List.of());
        assertEquals(1, duplicates.blockedCount(), "three spellings of one word");
        assertFalse(WordList.empty().check("赌博"));
        assertFalse(WordList.of(List.of("赌博"), List.of("赌博")).check("赌博"), "allowing a word exactly cancels it");
    }

    @Test
    void aListWordWrittenWithAccentsOrLookAlikesIsTheSameWord() {
        WordList list = WordList.of(List.of("cásino", "саsinо", "ᴄᴀsɪɴᴏ", "c\u3164asino"), List.of());
        assertEquals(1, list.blockedCount(), "four spellings of one word");
        assertTrue(list.check("casino"));
        assertTrue(list.check("CASINO night"));
    }

    @Test
    void anAllowedWordExcusesItsOccurrenceInTheOrderShownToo() {
        WordList list = WordList.of(List.of("casino"), List.of("casinoroyale"));
        assertFalse(list.check("\u202Eelayoronisac"), "the allowed word, shown right to left");
        assertTrue(list.check("\u202Eonisac"));
    }

    @Test
    void aWordInTheDisplayedOrderIsFoundWhereverTheControlsPutIt() {
        assertTrue(LIST.check("Welcome \u2067\u202Eonisac\u202C\u2069 tonight"), "an override inside an isolate");
        assertTrue(LIST.check("\u202Dcas\u202Cino"), "a left-to-right override shows it as written");
        assertFalse(LIST.check("\u200Fnothing here"));
    }

    @Test
    void aWordWithADoubledCharacterDoesNotShrinkToTheSingleOne() {
        WordList list = WordList.of(List.of("哈哈", "支支博"), List.of());
        assertFalse(list.check("哈"), "one 哈 is not 哈哈");
        assertFalse(list.check("五哈六哈"), "nor are two apart");
        assertTrue(list.check("哈哈哈"));
        assertTrue(list.check("哈 哈"), "symbols between still count as a repeat");
        assertFalse(list.check("支博"));
        assertTrue(list.check("支支博博"));
        assertEquals(2, list.blockedCount());
        WordList both = WordList.of(List.of("支博", "支支博"), List.of());
        assertTrue(both.check("支博"), "the plain variant still matches");
        assertEquals(2, both.blockedCount(), "two variants of one folded word");
    }

    @Test
    void badWordsAreRefusedByPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WordList.of(List.of("赌博", "***"), List.of()));
        assertTrue(e.getMessage().startsWith("blocked[1] "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WordList.of(List.of("赌博"), List.of("x".repeat(65))));
        assertTrue(e.getMessage().startsWith("allowed[0] "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> WordList.of(Collections.nCopies(WordList.MAX_WORDS + 1, "a"), List.of()));
        assertTrue(e.getMessage().startsWith("blocked "), e.getMessage());
        List<String> withNull = new ArrayList<>(List.of("a"));
        withNull.add(null);
        NullPointerException npe = assertThrows(NullPointerException.class, () -> WordList.of(withNull, List.of()));
        assertEquals("blocked[1]", npe.getMessage());
        assertEquals("WordList[5 blocked, 1 allowed]", LIST.toString(), "counts, never words");
    }

    @Test
    void aFullListOfOneHundredThousandWordsLoadsAndMatches() {
        Random random = new Random(15);
        List<String> words = randomWords(random, WordList.MAX_WORDS);
        long start = System.nanoTime();
        WordList list = WordList.of(words, List.of("安全" + words.get(0) + "教育"));
        long loadMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(list.blockedCount() > 95_000, "distinct words: " + list.blockedCount());
        assertTrue(loadMillis < 20_000, "loading took " + loadMillis + " ms");

        for (int i = 1; i < words.size(); i += 997) {
            String word = words.get(i);
            assertTrue(list.check("群名：" + word + "（三年二班）"), word);
            assertTrue(list.check(spread(word)), "spread out: " + word);
        }
        assertFalse(list.check("安全" + words.get(0) + "教育"), "the allowed word");
        assertFalse(list.check("Riverside School Class 3 家长群"));
    }

    /** Words of 2 to 5 characters from common CJK and Latin letters. */
    static List<String> randomWords(Random random, int count) {
        List<String> words = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = 2 + random.nextInt(4);
            StringBuilder word = new StringBuilder();
            boolean latin = random.nextInt(5) == 0;
            for (int j = 0; j < length + (latin ? 3 : 0); j++) {
                word.append(latin ? (char) ('a' + random.nextInt(26)) : (char) (0x4e00 + random.nextInt(3000)));
            }
            words.add(word.toString());
        }
        return words;
    }

    private static String spread(String word) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            out.append(word.charAt(i)).append(i % 2 == 0 ? " * " : "-");
        }
        return out.toString();
    }
}
