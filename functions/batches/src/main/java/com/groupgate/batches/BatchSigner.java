package com.groupgate.batches;

import com.groupgate.id.CodeId;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import com.groupgate.keys.SigningKeyTable;
import com.groupgate.qr.Ecc;
import com.groupgate.qr.QrReadBack;
import com.groupgate.token.CodeKind;
import com.groupgate.token.KeyRing;
import com.groupgate.token.ScanUrl;
import com.groupgate.token.SigningKey;
import com.groupgate.token.TokenCodec;
import java.security.SecureRandom;
import java.util.function.ToIntFunction;

/**
 * Signs a batch row's new group code the way the codes API signs one (a short token whose
 * symbol a camera-style reader finds, re-salted until it does), and re-derives the scan
 * URL of a code or live code already stored: tokens are never stored, their key version
 * and salt are.
 */
final class BatchSigner {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Salts tried for a symbol that a camera-style reader finds; one almost always does. */
    private static final int MAX_SALTS = 8;

    private final SigningKeyTable keys;
    private final String scanBase;

    BatchSigner(SigningKeyTable keys, String scanBase) {
        this.keys = keys;
        this.scanBase = scanBase;
    }

    /** A new group code's URL, the key version it is signed under and its salt. */
    record Signed(String scanUrl, int keyVersion, byte[] salt) {
    }

    /**
     * @param modulePx the module size the symbol is drawn at for a URL (it depends on the
     *                 URL's QR version), so the read-back checks the symbol as printed
     */
    Signed issue(CodeId codeId, TenantId tenantId, long expiresAt, Ecc ecc, ToIntFunction<String> modulePx) {
        KeyRing ring = keys.issuingRing();
        byte[] salt = new byte[TokenCodec.SHORT_SALT_BYTES];
        String scanUrl;
        int attempt = 0;
        do {
            RANDOM.nextBytes(salt);
            scanUrl = ScanUrl.scanUrl(scanBase, TokenCodec.issueShort(ring, codeId.id(), tenantId.id(), expiresAt, salt));
        } while (!QrReadBack.readsBack(scanUrl, ecc, modulePx.applyAsInt(scanUrl))
                && ++attempt < MAX_SALTS);
        return new Signed(scanUrl, ring.current().version(), salt);
    }

    /** The URL a stored code or live code was issued with (its salt's length says its token format). */
    String scanUrl(CodeKind kind, Id codeId, TenantId tenantId, Id targetId, long expiresAt, int keyVersion, byte[] salt) {
        SigningKey key = keys.anyVersion(keyVersion)
                .orElseThrow(() -> new IllegalStateException("key version " + keyVersion + " is gone"));
        KeyRing ring = KeyRing.of(key.retired() ? new SigningKey(key.version(), key.secret(), false) : key);
        String token = kind == CodeKind.GROUP_CODE && salt.length == TokenCodec.SHORT_SALT_BYTES
                ? TokenCodec.issueShort(ring, codeId, tenantId.id(), expiresAt, salt)
                : TokenCodec.issue(ring, kind, codeId, tenantId.id(), targetId, expiresAt, salt);
        return ScanUrl.scanUrl(scanBase, token);
    }
}
