package com.groupgate.api;

import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.http.ApiRequest;
import com.groupgate.tenant.ApiKeys;
import com.groupgate.tenant.Tenant;
import com.groupgate.tenant.TenantTable;

/** Who is calling: the operator (admin key) or a tenant (API key). */
final class Authenticator {
    private final TenantTable tenants;
    private final String adminKeySha256;

    Authenticator(TenantTable tenants, String adminKeySha256) {
        this.tenants = tenants;
        this.adminKeySha256 = adminKeySha256;
    }

    Tenant tenant(ApiRequest request) {
        return tenants.authenticate(ApiKeys.bearer(request.header("authorization")));
    }

    void admin(ApiRequest request) {
        String key = ApiKeys.bearer(request.header("authorization"));
        if (adminKeySha256 == null || adminKeySha256.isBlank() || !ApiKeys.matches(key, adminKeySha256)) {
            throw new RefusalException(Refusal.UNAUTHORIZED, "the admin key is required");
        }
    }
}
