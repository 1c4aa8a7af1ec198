package com.groupgate.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The canonical JSON an entry's leaf hashes. The golden bytes and leaf hashes were made by
 * Python's {@code json.dumps(entry, ensure_ascii=False, separators=(",", ":"))} and
 * {@code hashlib} — another implementation of the same rules — so a verifier written that
 * way agrees with GroupGate byte for byte.
 */
class AuditEntryTest {
    private static final HexFormat HEX = HexFormat.of();

    private static final AuditEntry ADMIN_BLOCK = new AuditEntry(0, Instant.parse("2026-11-26T05:00:00Z"),
            Actor.ADMIN, "tenant.block", "tenant/t1", "");
    private static final AuditEntry CJK = new AuditEntry(7, Instant.parse("2026-11-26T05:06:07.089Z"),
            Actor.apiKey("k7f3a2b9c1d0e5"), "group.create", "group/abc123",
            "创建群组「三年二班」：容量 40，欢迎语 “欢迎！”");
    private static final AuditEntry CONTROLS = new AuditEntry(9007199254740990L, Instant.parse("1970-01-01T00:00:00.001Z"),
            Actor.apiKey("K.1_-"), "group.update", "group/\u00e9\u00e8",
            "a\u0000b\u0001\u001f\b\t\n\u000b\f\r\u007f\"\\/\u2028\u2029\u00e9\ud83d\ude00");

    @Example
    void goldenVectorsAreByteForByteWhatPythonsJsonWrites() {
        assertGolden(ADMIN_BLOCK,
                "{\"index\":0,\"at\":\"2026-11-26T05:00:00.000Z\",\"actor\":\"admin\",\"action\":\"tenant.block\","
                        + "\"target\":\"tenant/t1\",\"summary\":\"\"}",
                "0adbc985a4db369dc0a8ad37d1c5885e008e04fce943fda905c80b7a526e8b5f");
        assertGolden(CJK,
                "{\"index\":7,\"at\":\"2026-11-26T05:06:07.089Z\",\"actor\":{\"keyId\":\"k7f3a2b9c1d0e5\"},"
                        + "\"action\":\"group.create\",\"target\":\"group/abc123\","
                        + "\"summary\":\"创建群组「三年二班」：容量 40，欢迎语 “欢迎！”\"}",
                "d7501b45c1007d2ccc662e5229373384f8cd2df0a232f918538a4a41fc349a17");
        // Controls: \b \t \n \f \r short, the rest \\u00xx lowercase; DEL, '/', U+2028/9 and
        // non-ASCII (an emoji's surrogate pair becomes one 4-byte UTF-8 sequence) raw.
        assertGolden(CONTROLS,
                "{\"index\":9007199254740990,\"at\":\"1970-01-01T00:00:00.001Z\",\"actor\":{\"keyId\":\"K.1_-\"},"
                        + "\"action\":\"group.update\",\"target\":\"group/\u00e9\u00e8\",\"summary\":\"a\\u0000b\\u0001"
                        + "\\u001f\\b\\t\\n\\u000b\\f\\r\u007f\\\"\\\\/\u2028\u2029\u00e9\ud83d\ude00\"}",
                "a8148cc1501bdfc2df2743e77e480650ae75ca535c9a5b982745d3c45e23c9f2");
        assertEquals("7b22696e646578223a393030373139393235343734303939302c226174223a22313937302d30312d303154"
                + "30303a30303a30302e3030315a222c226163746f72223a7b226b65794964223a224b2e315f2d227d2c22616374696f"
                + "6e223a2267726f75702e757064617465222c22746172676574223a2267726f75702fc3a9c3a8222c2273756d6d617279"
                + "223a22615c7530303030625c75303030315c75303031665c625c745c6e5c75303030625c665c727f5c225c5c2fe280a8"
                + "e280a9c3a9f09f9880227d", HEX.formatHex(CONTROLS.leafInput()));
    }

    private static void assertGolden(AuditEntry entry, String json, String leafHashHex) {
        byte[] expected = json.getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(expected, entry.leafInput(), () -> new String(entry.leafInput(), StandardCharsets.UTF_8));
        assertArrayEquals(expected, entry.leafInput(), "the same entry always gives the same bytes");
        assertEquals(leafHashHex, entry.leafHash().toHex());
        assertEquals(entry, AuditEntry.fromLeafInput(expected));
    }

    @Property(tries = 3000)
    void everyEntryRoundTripsThroughItsLeafInput(@ForAll("entries") AuditEntry entry) {
        byte[] leafInput = entry.leafInput();
        AuditEntry back = AuditEntry.fromLeafInput(leafInput);
        assertEquals(entry, back);
        assertArrayEquals(leafInput, back.leafInput());
    }

    @Example
    void anythingButTheCanonicalBytesIsRefused() {
        String canonical = new String(CJK.leafInput(), StandardCharsets.UTF_8);
        String[] variants = {
            canonical.replace("{\"index\"", "{ \"index\""),                      // whitespace
            canonical + "\n",                                                      // trailing newline
            "\ufeff" + canonical,                                                  // byte order mark
            canonical.replace("\"index\":7", "\"index\":07"),                      // leading zero
            canonical.replace("\"index\":7", "\"index\":7.0"),                     // fraction
            canonical.replace(".089Z", "Z"),                                       // no milliseconds
            canonical.replace(".089Z", ".089+00:00"),                              // offset instead of Z
            canonical.replace("group/abc123", "group\\/abc123"),                   // escaped solidus
            canonical.replace("group/abc123", "\\u0067roup/abc123"),               // escaped letter
            canonical.replace("创建", "\\u521b\\u5efa"),                            // escaped CJK
            canonical.replace("\"actor\":{\"keyId\":\"k7f3a2b9c1d0e5\"},\"action\":\"group.create\"",
                    "\"action\":\"group.create\",\"actor\":{\"keyId\":\"k7f3a2b9c1d0e5\"}"), // member order
            canonical.replace("{\"keyId\"", "{\"keyID\""),                          // member name
        };
        for (String variant : variants) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AuditEntry.fromLeafInput(variant.getBytes(StandardCharsets.UTF_8)), variant);
            assertTrue(e.getMessage().startsWith("leafInput"), e.getMessage());
        }
        String controls = new String(CONTROLS.leafInput(), StandardCharsets.UTF_8);
        for (String variant : new String[] {
            controls.replace("\\u001f", "\\u001F"),    // uppercase hex
            controls.replace("\\n", "\\u000a"),         // long form of a short escape
            controls.replace("\\u000b", "\u000b"),      // raw control character
            controls.replace("\u007f", "\\u007f"),      // DEL escaped
        }) {
            assertThrows(IllegalArgumentException.class,
                    () -> AuditEntry.fromLeafInput(variant.getBytes(StandardCharsets.UTF_8)), variant);
        }
        byte[] invalidUtf8 = CJK.leafInput();
        invalidUtf8[invalidUtf8.length - 5] = (byte) 0xC0;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuditEntry.fromLeafInput(invalidUtf8));
        assertEquals("leafInput is not valid UTF-8", e.getMessage());
    }

    @Example
    void fieldsAreCheckedAtTheDoorWithTheirNames() {
        Instant at = Instant.parse("2026-11-26T05:00:00Z");
        assertMessage("index", () -> new AuditEntry(-1, at, Actor.ADMIN, "a", "t", ""));
        assertMessage("at", () -> new AuditEntry(0, at.plusNanos(1), Actor.ADMIN, "a", "t", ""));
        assertMessage("at", () -> new AuditEntry(0, Instant.parse("1969-12-31T23:59:59Z"), Actor.ADMIN, "a", "t", ""));
        assertMessage("action", () -> new AuditEntry(0, at, Actor.ADMIN, "Group.Create", "t", ""));
        assertMessage("target", () -> new AuditEntry(0, at, Actor.ADMIN, "a", "", ""));
        assertMessage("summary", () -> new AuditEntry(0, at, Actor.ADMIN, "a", "t", "x".repeat(2001)));
        assertMessage("summary", () -> new AuditEntry(0, at, Actor.ADMIN, "a", "t", "half \ud83d pair"));
        assertMessage("keyId", () -> Actor.apiKey("key id"));
        assertThrows(NullPointerException.class, () -> new AuditEntry(0, at, null, "a", "t", ""));
        assertEquals(Instant.parse("2026-11-26T05:00:00.123Z"), AuditEntry.atMillis(Instant.parse("2026-11-26T05:00:00.123456Z")));
    }

    private static void assertMessage(String field, org.junit.jupiter.api.function.Executable executable) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertTrue(e.getMessage().startsWith(field + " "), e.getMessage());
    }

    @Provide
    Arbitrary<AuditEntry> entries() {
        Arbitrary<Long> index = Arbitraries.longs().between(0, MerkleTree.MAX_SIZE - 1);
        Arbitrary<Instant> at = Arbitraries.longs().between(AuditEntry.EARLIEST.toEpochMilli(), AuditEntry.LATEST.toEpochMilli())
                .map(Instant::ofEpochMilli);
        Arbitrary<Actor> actor = Arbitraries.oneOf(Arbitraries.just(Actor.ADMIN),
                Arbitraries.strings().withChars("abcXYZ019._-").ofMinLength(1).ofMaxLength(64).map(Actor::apiKey));
        Arbitrary<String> action = Arbitraries.strings().withChars("abcz09._-").ofMinLength(1).ofMaxLength(64);
        Arbitrary<String> target = wellFormed(Arbitraries.strings().all().ofMinLength(1).ofMaxLength(256));
        Arbitrary<String> summary = wellFormed(Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(300),
                Arbitraries.strings().withCharRange('\u4e00', '\u9fff').ofMaxLength(300)));
        return Combinators.combine(index, at, actor, action, target, summary).as(AuditEntry::new);
    }

    private static Arbitrary<String> wellFormed(Arbitrary<String> strings) {
        return strings.filter(s -> s.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE));
    }
}
