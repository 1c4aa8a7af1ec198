package com.groupgate.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.groupgate.error.RefusalException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelTest {

    @ParameterizedTest
    @ValueSource(strings = {"campus", "store-12", "ad_2026.q4", "A", "0123456789012345678901234567890123456789012345678901234567890123"})
    void acceptsLettersDigitsDotUnderscoreHyphenUpToSixtyFour(String text) {
        assertEquals(text, Channel.of(text).value());
        assertEquals(text, Channel.of(text).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "slash/ed", "emoji😀", "校园", "percent%20",
        "01234567890123456789012345678901234567890123456789012345678901234"})
    void refusesAnythingElseNamingChannel(String text) {
        assertEquals("channel", assertThrows(RefusalException.class, () -> Channel.of(text)).field());
    }

    @org.junit.jupiter.api.Test
    void refusesNullNamingChannel() {
        assertEquals("channel", assertThrows(RefusalException.class, () -> Channel.of(null)).field());
    }
}
