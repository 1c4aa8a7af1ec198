package com.groupgate.join;

import com.groupgate.id.Id;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tenant's own name for a member ({@code memberRef}): 1 to 128 characters of
 * {@code A-Z a-z 0-9 . _ : @ -}, the same rule wherever one is taken. Where a member must
 * be named but its ref must not be kept (the record of an erasure), it is named by a keyed
 * hash, tenant-scoped, so the same ref in two tenants does not link.
 */
public final class MemberRef {
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    public static final String RULE = "must be 1..128 characters of A-Z a-z 0-9 . _ : @ -";
    private static final int HASH_BYTES = 16;

    private MemberRef() {
    }

    public static boolean valid(String ref) {
        return ref != null && PATTERN.matcher(ref).matches();
    }

    /** HMAC-SHA256 under {@code key} of {@code <tenant>:<ref>}, first 16 bytes, base64url (22 characters). */
    public static String keyedHash(byte[] key, Id tenantId, String ref) {
        Objects.requireNonNull(tenantId, "tenantId");
        if (!valid(ref)) {
            throw new IllegalArgumentException("memberRef " + RULE);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] full = mac.doFinal((tenantId + ":" + ref).getBytes(StandardCharsets.UTF_8));
            byte[] truncated = new byte[HASH_BYTES];
            System.arraycopy(full, 0, truncated, 0, HASH_BYTES);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(truncated);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
