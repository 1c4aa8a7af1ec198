package com.groupgate.storage.tenant;

import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.http.ApiRequest;

/**
 * The calling tenant by its API key, under the API's rules, for every function that takes
 * tenant keys (the codes API, the audit function, the designs function): 401 without a
 * known key, 403 {@code tenant_blocked} when the operator blocked its tenant (whatever the
 * key's scope or the route), 403 {@code forbidden} when its scope does not allow the
 * request's method.
 */
public final class TenantAuthentication {
    private final ApiKeyCache keys;

    public TenantAuthentication(ApiKeyCache keys) {
        this.keys = keys;
    }

    public Caller caller(ApiRequest request) {
        String key = ApiKeys.bearer(request.header("authorization"));
        if (key == null) {
            throw new RefusalException(Refusal.UNAUTHORIZED, "a tenant API key is required");
        }
        Caller caller = keys.caller(key)
                .orElseThrow(() -> new RefusalException(Refusal.UNAUTHORIZED, "unknown API key"));
        if (caller.tenant().blocked()) {
            throw new RefusalException(Refusal.TENANT_BLOCKED,
                    "this tenant is blocked by the operator: " + caller.tenant().block().reason());
        }
        caller.scope().require(request.method());
        return caller;
    }
}
