package com.groupgate.designs;

import com.groupgate.code.GroupCode;
import com.groupgate.keys.CodeTokens;
import com.groupgate.keys.SigningKeyTable;
import com.groupgate.live.LiveCode;
import com.groupgate.token.CodeKind;
import com.groupgate.token.ScanToken;

/**
 * The scan URL a stored code was issued with, re-derived by {@link CodeTokens} as the codes
 * API and the batch worker derive it (tokens are never stored): a design encodes exactly the
 * URL the code's own image does.
 */
final class CodeUrls {
    private final CodeTokens tokens;

    CodeUrls(SigningKeyTable keys, String scanBase) {
        this.tokens = new CodeTokens(keys, scanBase);
    }

    String of(GroupCode c) {
        return tokens.scanUrl(CodeKind.GROUP_CODE, c.codeId().id(), c.tenantId(), c.groupId().id(), c.expiresAt(),
                c.keyVersion(), c.salt());
    }

    String of(LiveCode c) {
        return tokens.scanUrl(CodeKind.LIVE_CODE, c.liveCodeId().id(), c.tenantId(), c.liveCodeId().id(), ScanToken.NEVER,
                c.keyVersion(), c.salt());
    }
}
