package com.groupgate.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class LinkTextTest {
    @Test
    void percentEncodingIsDecodedAsUtf8() {
        assertEquals("https://x.example/casino", LinkText.readable("https://x.example/%63%61%73%69%6E%6F"));
        assertEquals("https://x.example/casino", LinkText.readable("https://x.example/%63%61%73%69%6e%6f"));
        assertEquals("https://x.example/赌博", LinkText.readable("https://x.example/%E8%B5%8C%E5%8D%9A"));
        assertEquals("c", LinkText.readable("%63"), "a sequence that ends the text");
    }

    @Test
    void encodingTwiceOrMoreIsDecodedUpToTheRoundLimit() {
        assertEquals("casino", LinkText.readable("%2563asino"));
        assertEquals("casino", LinkText.readable("%25252563asino"), "four rounds");
        assertEquals("%63asino", LinkText.readable("%2525252563asino"), "a fifth is not taken");
    }

    @Test
    void malformedSequencesStayAsWritten() {
        assertEquals("100% sure", LinkText.readable("100% sure"));
        assertEquals("%G1x", LinkText.readable("%G1x"));
        assertEquals("%1Gx", LinkText.readable("%1Gx"));
        assertEquals("a%6", LinkText.readable("a%6"));
        assertEquals("a%", LinkText.readable("a%"));
        assertEquals("ab", LinkText.percentDecoded("ab"));
    }

    @Test
    void bytesThatAreNotUtf8BecomeReplacementCharacters() {
        assertEquals("cas\uFFFDino", LinkText.readable("cas%FFino"));
        assertEquals("cas\uFFFDino", LinkText.readable("cas%C3ino"), "a truncated sequence");
    }

    @Test
    void charactersOutsideTheBmpSurviveDecoding() {
        assertEquals("😀casino", LinkText.readable("😀%63asino"));
    }

    @Test
    void punycodeLabelsReadInUnicode() {
        assertEquals("https://赌博.example/a", LinkText.readable("https://xn--9kr716k.example/a"));
        assertEquals("https://XN--.example/", LinkText.readable("https://XN--.example/"), "not Punycode: kept");
        assertEquals("https://plain.example/", LinkText.readable("https://plain.example/"));
    }

    @Property(tries = 500)
    void anyTextEncodedOnceOrTwiceReadsAsItself(@ForAll("plainTexts") String text) {
        String once = encoded(text);
        assertEquals(text, LinkText.readable(once));
        assertEquals(text, LinkText.readable(once.replace("%", "%25")));
        assertEquals(text, LinkText.readable(text), "nothing to decode");
    }

    @Provide
    Arbitrary<String> plainTexts() {
        // Valid text without % (which would decode) or an xn-- label (which would be read as Punycode).
        return Arbitraries.strings().all().ofMaxLength(30)
                .filter(t -> t.indexOf('%') < 0 && !t.toLowerCase(java.util.Locale.ROOT).contains("xn--")
                        && StandardCharsets.UTF_8.newEncoder().canEncode(t));
    }

    private static String encoded(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            out.append(String.format("%%%02X", b & 0xFF));
        }
        return out.toString();
    }
}
