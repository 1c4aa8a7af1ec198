package com.groupgate.audit;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * An audit entry's canonical JSON, written and read by hand so that nothing about it
 * depends on a JSON library's defaults (see {@link AuditEntry} for the rules). Reading
 * parses exactly the entry's shape and then insists that writing the result gives back the
 * same bytes: whatever the parser let through that is not canonical is refused there.
 */
final class CanonicalEntryJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int TIME_LENGTH = 24; // 2026-11-26T05:00:00.000Z

    private CanonicalEntryJson() {
    }

    static byte[] encode(AuditEntry entry) {
        StringBuilder out = new StringBuilder(128 + entry.target().length() + entry.summary().length());
        out.append("{\"index\":").append(entry.index());
        out.append(",\"at\":\"");
        writeTime(out, entry.at());
        out.append("\",\"actor\":");
        if (entry.actor() instanceof Actor.ApiKey key) {
            out.append("{\"keyId\":");
            writeString(out, key.keyId());
            out.append('}');
        } else {
            out.append("\"admin\"");
        }
        out.append(",\"action\":");
        writeString(out, entry.action());
        out.append(",\"target\":");
        writeString(out, entry.target());
        out.append(",\"summary\":");
        writeString(out, entry.summary());
        out.append('}');
        // Entries hold well-formed Unicode only, so this encoding replaces nothing.
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static AuditEntry decode(byte[] leafInput) {
        Reader in = new Reader(strictUtf8(leafInput));
        in.expect("{\"index\":");
        long index = in.number();
        in.expect(",\"at\":");
        Instant at = parseTime(in.string(), in);
        in.expect(",\"actor\":");
        Actor actor;
        if (in.peek() == '"') {
            String name = in.string();
            if (!name.equals("admin")) {
                throw in.error("actor must be \"admin\" or {\"keyId\":…}");
            }
            actor = Actor.ADMIN;
        } else {
            in.expect("{\"keyId\":");
            actor = Actor.apiKey(in.string());
            in.expect("}");
        }
        in.expect(",\"action\":");
        String action = in.string();
        in.expect(",\"target\":");
        String target = in.string();
        in.expect(",\"summary\":");
        String summary = in.string();
        in.expect("}");
        in.expectEnd();
        AuditEntry entry;
        try {
            entry = new AuditEntry(index, at, actor, action, target, summary);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("leafInput is not a valid entry: " + e.getMessage(), e);
        }
        if (!Arrays.equals(encode(entry), leafInput)) {
            throw new IllegalArgumentException("leafInput is not in canonical form (escapes, digits or spelling differ)");
        }
        return entry;
    }

    /** RFC 8785's string form: see {@link AuditEntry}. */
    private static void writeString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void writeTime(StringBuilder out, Instant at) {
        LocalDateTime t = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        pad(out, t.getYear(), 4).append('-');
        pad(out, t.getMonthValue(), 2).append('-');
        pad(out, t.getDayOfMonth(), 2).append('T');
        pad(out, t.getHour(), 2).append(':');
        pad(out, t.getMinute(), 2).append(':');
        pad(out, t.getSecond(), 2).append('.');
        pad(out, t.getNano() / 1_000_000, 3).append('Z');
    }

    private static StringBuilder pad(StringBuilder out, int value, int digits) {
        String text = Integer.toString(value);
        for (int i = text.length(); i < digits; i++) {
            out.append('0');
        }
        return out.append(text);
    }

    private static Instant parseTime(String text, Reader in) {
        if (text.length() != TIME_LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.' || text.charAt(23) != 'Z') {
            throw in.error("at must be yyyy-MM-ddTHH:mm:ss.SSSZ");
        }
        try {
            return LocalDateTime.of(digits(text, 0, 4, in), digits(text, 5, 2, in), digits(text, 8, 2, in),
                            digits(text, 11, 2, in), digits(text, 14, 2, in), digits(text, 17, 2, in),
                            digits(text, 20, 3, in) * 1_000_000)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw in.error("at is not a real time: " + e.getMessage());
        }
    }

    private static int digits(String text, int start, int count, Reader in) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw in.error("at must be yyyy-MM-ddTHH:mm:ss.SSSZ");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("leafInput is not valid UTF-8");
        }
    }

    /** A cursor over the decoded text that knows only what an entry may contain. */
    private static final class Reader {
        private static final int MAX_INDEX_DIGITS = 16; // MAX_SIZE has 16 digits
        private final CharBuffer text;

        Reader(String text) {
            this.text = CharBuffer.wrap(text);
        }

        int peek() {
            return text.hasRemaining() ? text.get(text.position()) : -1;
        }

        void expect(String literal) {
            for (int i = 0; i < literal.length(); i++) {
                if (!text.hasRemaining() || text.get() != literal.charAt(i)) {
                    throw error("expected " + literal);
                }
            }
        }

        void expectEnd() {
            if (text.hasRemaining()) {
                throw error("unexpected text after the entry");
            }
        }

        long number() {
            int start = text.position();
            long value = 0;
            while (text.hasRemaining() && peek() >= '0' && peek() <= '9') {
                if (text.position() - start == MAX_INDEX_DIGITS) {
                    throw error("index has too many digits");
                }
                value = value * 10 + (text.get() - '0');
            }
            if (text.position() == start) {
                throw error("expected digits");
            }
            return value;
        }

        String string() {
            if (!text.hasRemaining() || text.get() != '"') {
                throw error("expected a string");
            }
            StringBuilder out = new StringBuilder();
            while (true) {
                if (!text.hasRemaining()) {
                    throw error("unterminated string");
                }
                char c = text.get();
                if (c == '"') {
                    return out.toString();
                } else if (c < 0x20) {
                    throw error("raw control character in a string");
                } else if (c == '\\') {
                    out.append(escape());
                } else {
                    out.append(c);
                }
            }
        }

        private char escape() {
            if (!text.hasRemaining()) {
                throw error("unterminated escape");
            }
            char c = text.get();
            return switch (c) {
                case '"', '\\', '/' -> c;
                case 'b' -> '\b';
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'f' -> '\f';
                case 'r' -> '\r';
                case 'u' -> hex4();
                default -> throw error("unknown escape \\" + c);
            };
        }

        private char hex4() {
            int value = 0;
            for (int i = 0; i < 4; i++) {
                int digit = text.hasRemaining() ? asciiHexDigit(text.get()) : -1;
                if (digit < 0) {
                    throw error("bad \\u escape");
                }
                value = value * 16 + digit;
            }
            return (char) value;
        }

        private static int asciiHexDigit(char c) {
            if (c >= '0' && c <= '9') {
                return c - '0';
            }
            if (c >= 'a' && c <= 'f') {
                return c - 'a' + 10;
            }
            return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("leafInput is not an audit entry's canonical JSON: " + what
                    + " (at character " + text.position() + ")");
        }
    }
}
