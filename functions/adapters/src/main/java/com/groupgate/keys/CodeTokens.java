package com.groupgate.keys;

import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import com.groupgate.token.CodeKind;
import com.groupgate.token.KeyRing;
import com.groupgate.token.ScanUrl;
import com.groupgate.token.SigningKey;
import com.groupgate.token.TokenCodec;
import java.security.SecureRandom;
import java.util.function.Predicate;

/**
 * A code's scan URL: signed for a new code (re-salted until its symbol reads, as the
 * caller checks it), or re-derived for a stored one from its key version and salt —
 * tokens are never stored. The codes API and the batch worker sign through this one class,
 * so a code from a batch carries the very token format the API would give it.
 */
public final class CodeTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Salts tried for a symbol that a camera-style reader finds; one almost always does. */
    private static final int MAX_SALTS = 8;

    private final SigningKeyTable keys;
    private final String scanBase;

    public CodeTokens(SigningKeyTable keys, String scanBase) {
        this.keys = keys;
        this.scanBase = scanBase;
    }

    /** A new code's URL, the key version it is signed under and its salt. */
    public record Signed(String scanUrl, int keyVersion, byte[] salt) {
    }

    /**
     * Signs a new code. Group codes get the short (v2) token, whose URL fits QR version 4 at
     * level M; live codes keep v1 (they never expire, and their symbols are already printed
     * at version 5).
     *
     * @param readsBack whether the symbol of a URL, as it will be drawn, reads back; a fresh
     *                  salt changes every module, and about one in a hundred needs one
     */
    public Signed issue(CodeKind kind, Id codeId, TenantId tenantId, Id targetId, long expiresAt,
                        Predicate<String> readsBack) {
        KeyRing ring = keys.issuingRing();
        byte[] salt = new byte[kind == CodeKind.GROUP_CODE ? TokenCodec.SHORT_SALT_BYTES : TokenCodec.SALT_BYTES];
        String scanUrl;
        int attempt = 0;
        do {
            RANDOM.nextBytes(salt);
            scanUrl = ScanUrl.scanUrl(scanBase, token(ring, kind, codeId, tenantId, targetId, expiresAt, salt));
        } while (!readsBack.test(scanUrl) && ++attempt < MAX_SALTS);
        return new Signed(scanUrl, ring.current().version(), salt);
    }

    /** The scan URL a stored code was issued with. */
    public String scanUrl(CodeKind kind, Id codeId, TenantId tenantId, Id targetId, long expiresAt, int keyVersion,
                          byte[] salt) {
        SigningKey key = keys.anyVersion(keyVersion)
                .orElseThrow(() -> new IllegalStateException("key version " + keyVersion + " is gone"));
        // Re-deriving for display only: a retired version still shows its (refused) URL.
        SigningKey signing = key.retired() ? new SigningKey(key.version(), key.secret(), false) : key;
        return ScanUrl.scanUrl(scanBase, token(KeyRing.of(signing), kind, codeId, tenantId, targetId, expiresAt, salt));
    }

    /**
     * The token of a code: the stored salt's length says its format, so that codes issued
     * before the short format show the very URL they were printed with.
     */
    private static String token(KeyRing ring, CodeKind kind, Id codeId, TenantId tenantId, Id targetId, long expiresAt,
                                byte[] salt) {
        return kind == CodeKind.GROUP_CODE && salt.length == TokenCodec.SHORT_SALT_BYTES
                ? TokenCodec.issueShort(ring, codeId, tenantId.id(), expiresAt, salt)
                : TokenCodec.issue(ring, kind, codeId, tenantId.id(), targetId, expiresAt, salt);
    }
}
