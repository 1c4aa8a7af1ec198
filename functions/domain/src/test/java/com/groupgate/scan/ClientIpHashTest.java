package com.groupgate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ClientIpHashTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

    @Test
    void hashIsTruncatedHmacSha256InBase64Url() throws Exception {
        byte[] ip = {(byte) 203, 0, 113, 9};
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac.doFinal(ip), 16));
        String actual = ClientIpHash.withKey(KEY).hash(ip);
        assertEquals(expected, actual);
        assertEquals(22, actual.length());
    }

    @Test
    void unknownIpHashesToNull() {
        assertNull(ClientIpHash.withKey(KEY).hash((byte[]) null));
        assertNull(ClientIpHash.withKey(KEY).hash(ClientContext.UNKNOWN));
    }

    @Test
    void ipv4AndItsMappedFormHashAlike() {
        ClientIpHash h = ClientIpHash.withKey(KEY);
        assertEquals(h.hash(IpAddress.parseOrNull("10.1.2.3")), h.hash(IpAddress.parseOrNull("::ffff:10.1.2.3")));
    }

    @Test
    void differentKeysAndDifferentIpsGiveDifferentHashes() {
        byte[] ip = IpAddress.parseOrNull("2001:db8::1");
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        assertNotEquals(ClientIpHash.withKey(KEY).hash(ip), ClientIpHash.withKey(otherKey).hash(ip));
        assertNotEquals(ClientIpHash.withKey(KEY).hash(ip), ClientIpHash.withKey(KEY).hash(IpAddress.parseOrNull("2001:db8::2")));
    }

    @Test
    void shortKeyOrBadAddressLengthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClientIpHash.withKey(new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> ClientIpHash.withKey(KEY).hash(new byte[5]));
    }
}
