package com.groupgate.api.routes;

import com.groupgate.api.edge.Authenticator;
import com.groupgate.error.RefusalException;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Json;
import com.groupgate.http.JsonFields;
import com.groupgate.http.Router;
import com.groupgate.storage.tenant.Caller;
import com.groupgate.storage.tenant.TenantTable;
import com.groupgate.tenant.FactRetention;
import com.groupgate.tenant.Tenant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The calling tenant's own settings: {@code GET /v1/tenant} (with the calling key's
 * {@code keyScope}), and {@code PATCH /v1/tenant}
 * with {@code factRetentionDays} (1–365; how long raw scan facts are kept).
 */
public final class TenantRoutes {
    private final Authenticator auth;
    private final TenantTable tenants;
    private final Audit audit;

    public TenantRoutes(Authenticator auth, TenantTable tenants, Audit audit) {
        this.audit = audit;
        this.auth = auth;
        this.tenants = tenants;
    }

    public void register(Router router) {
        router.on("GET", "/v1/tenant", this::get).on("PATCH", "/v1/tenant", this::change);
    }

    /** The tenant, and the scope of the key asking (so the console can tell a read key before a write fails). */
    private ApiResponse get(ApiRequest request) {
        Caller caller = auth.caller(request);
        Map<String, Object> out = view(tenants.find(caller.tenant().tenantId()).orElseThrow(RefusalException::notFound));
        out.put("keyScope", caller.scope().wireName());
        return ApiResponse.json(200, out);
    }

    private ApiResponse change(ApiRequest request) {
        Tenant caller = auth.tenant(request);
        JsonFields body = JsonFields.of(Json.body(request), Set.of("factRetentionDays"));
        Integer days = body.integer("factRetentionDays", FactRetention.MIN_DAYS, FactRetention.MAX_DAYS);
        if (days == null) {
            throw RefusalException.badField("factRetentionDays", "required: the only setting PATCH changes");
        }
        audit.change("tenant.update", "tenant", "factRetentionDays " + days);
        return ApiResponse.json(200, view(tenants.setFactRetention(caller.tenantId(), days)
                .orElseThrow(RefusalException::notFound)));
    }

    private static Map<String, Object> view(Tenant t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tenantId", t.tenantId().toString());
        out.put("name", t.name());
        out.put("timezone", t.timezone().getId());
        out.put("factRetentionDays", t.factRetentionDays());
        return out;
    }
}
