package com.groupgate.designs;

import com.groupgate.code.GroupCode;
import com.groupgate.keys.SigningKeyTable;
import com.groupgate.live.LiveCode;
import com.groupgate.token.CodeKind;
import com.groupgate.token.KeyRing;
import com.groupgate.token.ScanToken;
import com.groupgate.token.ScanUrl;
import com.groupgate.token.SigningKey;
import com.groupgate.token.TokenCodec;

/**
 * The scan URL a stored code was issued with, re-derived from its key version and salt as
 * the codes API shows it (tokens are never stored): a design encodes exactly the URL the
 * code's own image does.
 */
final class CodeUrls {
    private final SigningKeyTable keys;
    private final String scanBase;

    CodeUrls(SigningKeyTable keys, String scanBase) {
        this.keys = keys;
        this.scanBase = scanBase;
    }

    String of(GroupCode c) {
        KeyRing ring = ring(c.keyVersion());
        // The stored salt's length says the token's format: short (v2) or v1.
        String token = c.salt().length == TokenCodec.SHORT_SALT_BYTES
                ? TokenCodec.issueShort(ring, c.codeId().id(), c.tenantId().id(), c.expiresAt(), c.salt())
                : TokenCodec.issue(ring, CodeKind.GROUP_CODE, c.codeId().id(), c.tenantId().id(), c.groupId().id(), c.expiresAt(),
                        c.salt());
        return ScanUrl.scanUrl(scanBase, token);
    }

    String of(LiveCode c) {
        return ScanUrl.scanUrl(scanBase, TokenCodec.issue(ring(c.keyVersion()), CodeKind.LIVE_CODE, c.liveCodeId().id(),
                c.tenantId().id(), c.liveCodeId().id(), ScanToken.NEVER, c.salt()));
    }

    private KeyRing ring(int version) {
        SigningKey key = keys.anyVersion(version)
                .orElseThrow(() -> new IllegalStateException("key version " + version + " is gone"));
        return KeyRing.of(key.retired() ? new SigningKey(key.version(), key.secret(), false) : key);
    }
}
