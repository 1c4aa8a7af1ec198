package com.groupgate.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One entry of a tenant's audit log: a change made through the API, with no secrets in it.
 * Its leaf in the Merkle tree is the hash of its canonical JSON ({@link #leafInput}), which
 * the API lists beside it as {@code "leafInput"} so anyone can recompute the leaf.
 *
 * <h2>Canonical JSON</h2>
 * The one byte sequence for an entry, which two implementations must produce alike:
 * <pre>{"index":7,"at":"2026-11-26T05:00:00.000Z","actor":{"keyId":"k1"},"action":"group.create","target":"group/abc","summary":"…"}</pre>
 * <ul>
 * <li>UTF-8, no byte order mark, no whitespace outside strings, these six members in this
 *     order; {@code "actor"} is {@code {"keyId":"…"}} for an API key or the string
 *     {@code "admin"}.
 * <li>{@code index}: decimal digits, no sign, no leading zero, no fraction or exponent.
 * <li>{@code at}: {@code yyyy-MM-ddTHH:mm:ss.SSSZ} in UTC, always exactly three fraction
 *     digits (24 characters).
 * <li>Strings escape exactly {@code "} as {@code \"}, {@code \} as {@code \\}, and the
 *     controls U+0000–U+001F: U+0008, U+0009, U+000A, U+000C, U+000D as {@code \b \t \n \f
 *     \r}, every other one as <code>&#92;u00XX</code> with lowercase hex. Every other character,
 *     U+007F, {@code /}, U+2028 and U+2029 and all non-ASCII included, is written as
 *     itself in UTF-8. This is RFC 8785's (JCS) rule for strings and what ECMAScript's
 *     {@code JSON.stringify} and Python's {@code json.dumps(..., ensure_ascii=False,
 *     separators=(",", ":"))} write, so verifiers in those languages agree byte for byte.
 * </ul>
 * Strings must be well-formed Unicode (no unpaired surrogate), since those have no UTF-8.
 *
 * <h2>Fields</h2>
 * {@code index} 0 to {@link MerkleTree#MAX_SIZE} - 1; {@code at} a whole millisecond between
 * 1970 and 9999 (truncate a clock's reading with {@link #atMillis}); {@code action} 1 to
 * {@value #MAX_ACTION_LENGTH} characters of {@code [a-z0-9._-]} such as
 * {@code group.create}; {@code target} 1 to {@value #MAX_TARGET_LENGTH} characters;
 * {@code summary} up to {@value #MAX_SUMMARY_LENGTH} characters.
 */
public record AuditEntry(long index, Instant at, Actor actor, String action, String target, String summary) {
    public static final int MAX_ACTION_LENGTH = 64;
    public static final int MAX_TARGET_LENGTH = 256;
    public static final int MAX_SUMMARY_LENGTH = 2000;

    static final Instant EARLIEST = Instant.EPOCH;
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    /** @throws IllegalArgumentException naming the field that is out of range */
    public AuditEntry {
        if (index < 0 || index >= MerkleTree.MAX_SIZE) {
            throw new IllegalArgumentException("index must be 0.." + (MerkleTree.MAX_SIZE - 1) + ", was " + index);
        }
        Objects.requireNonNull(at, "at");
        if (at.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException("at must be a whole millisecond (see AuditEntry.atMillis), was " + at);
        }
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw new IllegalArgumentException("at must be within " + EARLIEST + ".." + LATEST + ", was " + at);
        }
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        if (!isToken(action, MAX_ACTION_LENGTH, false)) {
            throw new IllegalArgumentException("action must be 1.." + MAX_ACTION_LENGTH
                    + " characters of a-z 0-9 . _ -, was \"" + action + "\"");
        }
        checkText("target", target, 1, MAX_TARGET_LENGTH);
        checkText("summary", summary, 0, MAX_SUMMARY_LENGTH);
    }

    /** {@code instant} truncated to the millisecond, as {@code at} must be. */
    public static Instant atMillis(Instant instant) {
        return Objects.requireNonNull(instant, "instant").truncatedTo(ChronoUnit.MILLIS);
    }

    /** The entry's canonical JSON in UTF-8: the exact bytes its leaf hash is taken over. */
    public byte[] leafInput() {
        return CanonicalEntryJson.encode(this);
    }

    /** The entry's leaf hash in the log: {@code SHA-256(0x00 || leafInput)}. */
    public Hash leafHash() {
        return Hash.leaf(leafInput());
    }

    /**
     * The entry whose canonical JSON is {@code leafInput}, as stored or as listed (base64
     * decoded). Strict: anything but the exact bytes {@link #leafInput} would write for
     * some entry — other whitespace, member order, escapes, number or time spellings,
     * invalid UTF-8, a byte order mark — is refused, so an entry has one leaf.
     *
     * @throws IllegalArgumentException naming {@code leafInput} and what is wrong with it
     */
    public static AuditEntry fromLeafInput(byte[] leafInput) {
        return CanonicalEntryJson.decode(Objects.requireNonNull(leafInput, "leafInput"));
    }

    /** 1..max characters of {@code [a-z0-9._-]}, and {@code [A-Z]} when {@code upper}. */
    static boolean isToken(String text, int max, boolean upper) {
        if (text.isEmpty() || text.length() > max) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'
                    || (upper && c >= 'A' && c <= 'Z');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static void checkText(String name, String text, int min, int max) {
        Objects.requireNonNull(text, name);
        if (text.length() < min || text.length() > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + " characters, was " + text.length());
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(name + " has an unpaired surrogate at " + i + ", which UTF-8 cannot carry");
            }
        }
    }
}
