package com.groupgate.bench;

import com.groupgate.content.TextFolding;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * What the content filter benchmarks check, made the same way on every run (fixed seeds):
 * a word list of mostly Chinese words over the 3,755 common characters of GB2312 level 1
 * plus Latin words, a few allowed words that contain blocked ones, group names, and about
 * 1 MiB (UTF-8) of mixed Chinese and English text that contains no listed word — so a
 * scan cannot stop early and every benchmark reads the whole text.
 */
final class ContentCorpus {
    static final int TEXT_BYTES = 1 << 20;
    private static final String[] ENGLISH = {
        "the", "group", "class", "welcome", "join", "meeting", "parents", "school", "store", "weekend",
        "notice", "please", "thanks", "event", "campus", "team", "new", "members", "update", "today",
        "photos", "homework", "schedule", "coffee", "discount", "member", "card", "open", "hours", "sunday"};
    private static final String[] PUNCTUATION = {"，", "。", "！", "？", "、", ", ", ". ", "! ", "：", "（", "）", " "};
    private static final String[] ODDITIES = {"Ａ", "ｂ", "１", "２", "國", "學", "會", "＃", "3", "7", "🙂"};

    final List<String> blocked;
    final List<String> allowed;
    final List<String> names;
    final String text;
    final List<String> lines;

    private ContentCorpus(List<String> blocked, List<String> allowed, List<String> names, String text, List<String> lines) {
        this.blocked = blocked;
        this.allowed = allowed;
        this.names = names;
        this.text = text;
        this.lines = lines;
    }

    static ContentCorpus make(int words) {
        char[] common = gb2312LevelOne();
        Random random = new Random(words);
        List<String> blocked = new ArrayList<>(words);
        for (int i = 0; i < words; i++) {
            StringBuilder word = new StringBuilder();
            if (random.nextInt(5) == 0) {
                int length = 4 + random.nextInt(5);
                for (int j = 0; j < length; j++) {
                    word.append((char) ('a' + random.nextInt(26)));
                }
            } else {
                int length = 2 + random.nextInt(3);
                for (int j = 0; j < length; j++) {
                    word.append(common[random.nextInt(common.length)]);
                }
            }
            blocked.add(word.toString());
        }
        List<String> allowed = new ArrayList<>();
        for (int i = 0; i < words / 100; i++) {
            allowed.add("反" + blocked.get(random.nextInt(words)) + "宣传");
        }
        Set<String> folded = new HashSet<>();
        for (String word : blocked) {
            folded.add(TextFolding.fold(word));
        }
        String text = cleanText(random, common, folded);
        return new ContentCorpus(blocked, allowed, names(random, common, blocked), text, lines(text));
    }

    /** Mixed text that hits no listed word: each token that would complete one is drawn again. */
    private static String cleanText(Random random, char[] common, Set<String> foldedWords) {
        StringBuilder text = new StringBuilder(TEXT_BYTES / 2);
        int bytes = 0;
        while (bytes < TEXT_BYTES) {
            String token = token(random, common);
            int mark = text.length();
            text.append(token);
            if (completesAWord(text, token.length(), foldedWords)) {
                text.setLength(mark);
                continue;
            }
            bytes += token.getBytes(StandardCharsets.UTF_8).length;
        }
        return text.toString();
    }

    private static String token(Random random, char[] common) {
        int kind = random.nextInt(100);
        if (kind < 55) {
            return String.valueOf(common[random.nextInt(common.length)]);
        } else if (kind < 85) {
            return ENGLISH[random.nextInt(ENGLISH.length)] + " ";
        } else if (kind < 96) {
            return PUNCTUATION[random.nextInt(PUNCTUATION.length)];
        }
        return ODDITIES[random.nextInt(ODDITIES.length)];
    }

    /** Whether a listed word ends among the folded characters the last token added. */
    private static boolean completesAWord(StringBuilder text, int added, Set<String> foldedWords) {
        String tail = TextFolding.fold(text.subSequence(Math.max(0, text.length() - 48), text.length()));
        String before = TextFolding.fold(text.subSequence(Math.max(0, text.length() - 48), text.length() - added));
        int newEnds = tail.length() - before.length() + 1;
        for (int end = tail.length(); end > tail.length() - newEnds && end > 0; end--) {
            for (int length = 1; length <= 8 && length <= end; length++) {
                if (foldedWords.contains(tail.substring(end - length, end))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Group names: nine in ten clean, one in ten a listed word written evasively. */
    private static List<String> names(Random random, char[] common, List<String> blocked) {
        List<String> names = new ArrayList<>(1000);
        for (int i = 0; i < 1000; i++) {
            StringBuilder name = new StringBuilder();
            if (random.nextInt(3) == 0) {
                name.append(ENGLISH[random.nextInt(ENGLISH.length)]).append(' ')
                        .append(ENGLISH[random.nextInt(ENGLISH.length)]).append(' ').append(1 + random.nextInt(20));
            } else {
                int length = 4 + random.nextInt(9);
                for (int j = 0; j < length; j++) {
                    name.append(common[random.nextInt(common.length)]);
                }
            }
            if (i % 10 == 9) {
                String word = blocked.get(random.nextInt(blocked.size()));
                name.insert(random.nextInt(name.length()), String.join("*", word.split("")));
            }
            names.add(name.toString());
        }
        return names;
    }

    /** The text cut into lines of about 100 characters, as welcome messages and names come. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 100) {
            int end = Math.min(text.length(), i + 100);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end++;
            }
            lines.add(text.substring(i, end));
            i = end - 100;
        }
        return lines;
    }

    /** GB2312 level 1: the 3,755 most common characters, rows 0xB0–0xD7. */
    private static char[] gb2312LevelOne() {
        Charset gb2312 = Charset.forName("GB2312");
        StringBuilder chars = new StringBuilder();
        for (int row = 0xB0; row <= 0xD7; row++) {
            for (int cell = 0xA1; cell <= 0xFE; cell++) {
                String c = new String(new byte[] {(byte) row, (byte) cell}, gb2312);
                if (c.length() == 1 && Character.isIdeographic(c.charAt(0))) {
                    chars.append(c);
                }
            }
        }
        return chars.toString().toCharArray();
    }

    int textBytes() {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
