package com.groupgate.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.id.Id;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class MemberRefTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theRuleTakesWhatJoinsTakeAndNothingElse() {
        assertTrue(MemberRef.valid("alice"));
        assertTrue(MemberRef.valid("wx:o6_bmjrPTlm6_2sgVt7hMZOPfL2M@x.y-z"));
        assertTrue(MemberRef.valid("a".repeat(128)));
        assertFalse(MemberRef.valid("a".repeat(129)));
        assertFalse(MemberRef.valid(""));
        assertFalse(MemberRef.valid(null));
        assertFalse(MemberRef.valid("has space"));
        assertFalse(MemberRef.valid("张三"));
    }

    @Test
    void theKeyedHashIsHmacOfTenantAndRefTruncatedTo16Bytes() throws Exception {
        Id tenant = Id.random();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] full = mac.doFinal((tenant + ":alice").getBytes(StandardCharsets.UTF_8));
        byte[] first16 = java.util.Arrays.copyOf(full, 16);
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(first16),
                MemberRef.keyedHash(KEY, tenant, "alice"));
        assertEquals(22, MemberRef.keyedHash(KEY, tenant, "alice").length());
        assertEquals(MemberRef.keyedHash(KEY, tenant, "alice"), MemberRef.keyedHash(KEY, tenant, "alice"));
        assertNotEquals(MemberRef.keyedHash(KEY, tenant, "alice"), MemberRef.keyedHash(KEY, Id.random(), "alice"),
                "scoped to the tenant");
        assertThrows(IllegalArgumentException.class, () -> MemberRef.keyedHash(KEY, tenant, "no spaces"));
    }
}
