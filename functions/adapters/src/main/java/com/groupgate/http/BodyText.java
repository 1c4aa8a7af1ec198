package com.groupgate.http;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one place request bodies become text: strict UTF-8, where a malformed or unmappable
 * byte sequence is not silently replaced by U+FFFD (which would store a garbled name) but
 * marked. Each bad sequence becomes {@link #MARK}, a lone low surrogate that no valid UTF-8
 * can decode to, so the later walk for unpaired surrogates ({@link JsonText}) finds it in
 * the JSON field that holds it and the refusal can name that field.
 */
record BodyText(String text, boolean malformed) {
    /** What a byte sequence that is not UTF-8 decodes to: never the result of valid UTF-8. */
    static final char MARK = '\uDC80';

    static BodyText decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        boolean malformed = false;
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isUnderflow()) {
                break;
            }
            if (result.isError()) {
                malformed = true;
                in.position(in.position() + result.length());
                out.put(MARK);
            } else {
                // Overflow cannot happen: UTF-8 never yields more chars than bytes, and a mark
                // replaces at least one byte.
                throw new IllegalStateException("UTF-8 decoding overflowed");
            }
        }
        CoderResult flush = decoder.flush(out);
        if (flush.isError()) {
            throw new IllegalStateException(new CharacterCodingException());
        }
        out.flip();
        return new BodyText(out.toString(), malformed);
    }

    /** Text the event already carried as a string: malformed only if it holds unpaired surrogates. */
    static BodyText of(String text) {
        return new BodyText(text, false);
    }
}
