package com.groupgate.api.routes;

import com.groupgate.api.edge.Authenticator;
import com.groupgate.auditlog.AuditTrail;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Json;
import com.groupgate.http.JsonFields;
import com.groupgate.http.Router;
import com.groupgate.id.TenantId;
import com.groupgate.keys.SigningKeyTable;
import com.groupgate.scan.DailyCap;
import com.groupgate.storage.tenant.TenantTable;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Operator routes: tenants and signing-key versions. */
public final class AdminRoutes {
    private final Authenticator auth;
    private final TenantTable tenants;
    private final SigningKeyTable keys;

    private final Audit audit;

    public AdminRoutes(Authenticator auth, TenantTable tenants, SigningKeyTable keys, Audit audit) {
        this.audit = audit;
        this.auth = auth;
        this.tenants = tenants;
        this.keys = keys;
    }

    public void register(Router router) {
        router.on("POST", "/v1/tenants", this::createTenant)
                .on("POST", "/v1/admin/keys/rotate", this::rotate)
                .on("POST", "/v1/admin/keys/{version}/retire", this::retire);
    }

    private ApiResponse createTenant(ApiRequest request) {
        auth.admin(request);
        JsonFields body = JsonFields.of(Json.body(request), Set.of("name", "timezone"));
        String name = body.requiredString("name", 100);
        String tz = body.string("timezone", 64);
        ZoneId zone;
        try {
            zone = tz == null ? DailyCap.DEFAULT_ZONE : ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw RefusalException.badField("timezone", "not an IANA time zone, e.g. Asia/Shanghai");
        }
        TenantId tenantId = TenantId.random();
        audit.changeIn(tenantId.toString(), "tenant.create", "tenant/" + tenantId, "name " + Audit.quoted(name)
                + ", time zone " + zone.getId());
        TenantTable.Created created = tenants.create(tenantId, name, zone);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tenantId", created.tenant().tenantId().toString());
        out.put("name", name);
        out.put("apiKey", created.apiKey());
        out.put("timezone", zone.getId());
        return ApiResponse.json(201, out);
    }

    private ApiResponse rotate(ApiRequest request) {
        auth.admin(request);
        JsonFields.of(Json.body(request), Set.of());
        audit.changeIn(AuditTrail.OPERATOR_LOG, "signing-key.rotate", "signing-keys", "a new signing key version");
        return ApiResponse.json(200, Map.of("keyVersion", keys.rotate()));
    }

    private ApiResponse retire(ApiRequest request) {
        auth.admin(request);
        int version;
        try {
            version = Integer.parseInt(request.pathParam("version"));
        } catch (NumberFormatException e) {
            throw RefusalException.badField("version", "must be a key version number");
        }
        if (version >= 1 && version <= 255) {
            audit.changeIn(AuditTrail.OPERATOR_LOG, "signing-key.retire", "signing-key/" + version, "");
        }
        SigningKeyTable.Retirement outcome = version < 1 || version > 255 ? SigningKeyTable.Retirement.NOT_FOUND
                : keys.retire(version);
        if (outcome == SigningKeyTable.Retirement.NOT_FOUND) {
            throw RefusalException.notFound();
        }
        if (outcome == SigningKeyTable.Retirement.STILL_SIGNING) {
            throw new RefusalException(Refusal.CONFLICT, "version " + version
                    + " may still be signing codes: rotate first, and retire it once the newer version has signed for "
                    + (2 * SigningKeyTable.REFRESH.toSeconds()) + " s");
        }
        return ApiResponse.json(200, Map.of("keyVersion", version, "status", "retired"));
    }
}
