package com.groupgate.designs;

import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.http.ApiRequest;
import com.groupgate.tenant.ApiKeyCache;
import com.groupgate.tenant.ApiKeys;
import com.groupgate.tenant.Caller;

/**
 * The calling tenant, by its API key, under the API's rules: 401 without a known key, 403
 * {@code tenant_blocked} for a tenant the operator blocked, 403 {@code forbidden} when the
 * key's scope does not allow the method (a read key may fetch designs, only a write key may
 * upload the logo). The admin key has no tenant and no design.
 */
final class DesignAuth {
    private final ApiKeyCache keys;

    DesignAuth(ApiKeyCache keys) {
        this.keys = keys;
    }

    Caller caller(ApiRequest request) {
        String key = ApiKeys.bearer(request.header("authorization"));
        if (key == null) {
            throw new RefusalException(Refusal.UNAUTHORIZED, "a tenant API key is required");
        }
        Caller caller = keys.caller(key).orElseThrow(() -> new RefusalException(Refusal.UNAUTHORIZED, "unknown API key"));
        if (caller.tenant().blocked()) {
            throw new RefusalException(Refusal.TENANT_BLOCKED,
                    "this tenant is blocked by the operator: " + caller.tenant().block().reason());
        }
        caller.scope().require(request.method());
        return caller;
    }
}
