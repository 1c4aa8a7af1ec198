package com.groupgate.token;

import static com.groupgate.token.Keys.key;
import static com.groupgate.token.TokenCodecTest.assertMessageNames;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class KeyRingTest {

    @Test
    void currentIsTheHighestVersionNotRetired() {
        assertEquals(3, KeyRing.of(key(3), key(1), key(2)).current().version());
        assertEquals(2, KeyRing.of(key(1), key(2), key(3).retire()).current().version());
    }

    @Test
    void currentThrowsWhenEveryKeyIsRetired() {
        KeyRing ring = KeyRing.of(key(1).retire(), key(2).retire());
        assertThrows(IllegalStateException.class, ring::current);
    }

    @Test
    void findReturnsOnlyHeldKeysThatAreNotRetired() {
        KeyRing ring = KeyRing.of(key(1).retire(), key(2));
        assertTrue(ring.find(1).isEmpty());
        assertEquals(key(2), ring.find(2).orElseThrow());
        assertTrue(ring.find(3).isEmpty());
        assertTrue(ring.find(0).isEmpty());
        assertTrue(ring.find(-1).isEmpty());
        assertTrue(ring.find(256).isEmpty());
    }

    @Test
    void ipHashKeyComesFromTheLowestVersionAndSurvivesRotation() throws Exception {
        KeyRing before = KeyRing.of(key(1));
        KeyRing after = KeyRing.of(key(1).retire(), key(2), key(3));
        assertArrayEquals(before.ipHashKey(), after.ipHashKey());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key(1).secret(), "HmacSHA256"));
        assertArrayEquals(mac.doFinal("groupgate/ip-hash".getBytes(StandardCharsets.US_ASCII)), after.ipHashKey());
        assertEquals(32, after.ipHashKey().length);
    }

    @Test
    void ringRefusesEmptyDuplicateAndNullKeys() {
        assertMessageNames("keys", () -> KeyRing.of(List.of()));
        assertMessageNames("keys", () -> KeyRing.of(key(1), key(1)));
        assertMessageNames("keys", () -> KeyRing.of((SigningKey) null));
    }

    @Test
    void signingKeyChecksVersionAndSecretLength() {
        assertMessageNames("version", () -> new SigningKey(0, new byte[32], false));
        assertMessageNames("version", () -> new SigningKey(256, new byte[32], false));
        assertMessageNames("secret", () -> new SigningKey(1, new byte[31], false));
        assertMessageNames("secret", () -> new SigningKey(1, null, false));
    }

    @Test
    void signingKeyCopiesItsSecretAndNeverPrintsIt() {
        byte[] secret = new byte[32];
        SigningKey key = new SigningKey(9, secret, false);
        secret[0] = 1;
        assertEquals(0, key.secret()[0]);
        key.secret()[1] = 1;
        assertEquals(0, key.secret()[1]);
        assertEquals("SigningKey[version=9, retired=false]", key.toString());
        assertFalse(KeyRing.of(key).toString().contains("secret"));
    }

    @Test
    void subKeysDifferFromEachOtherAndFromTheSecret() {
        SigningKey key = key(5);
        assertFalse(java.util.Arrays.equals(key.encKey(), key.macKey()));
        assertFalse(java.util.Arrays.equals(key.macKey(), key.ticketKey()));
        assertFalse(java.util.Arrays.equals(key.secret(), key.encKey()));
    }
}
