package com.groupgate.api.routes;

import com.groupgate.api.edge.Authenticator;
import com.groupgate.error.RefusalException;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Json;
import com.groupgate.http.JsonFields;
import com.groupgate.http.Router;
import com.groupgate.id.TenantId;
import com.groupgate.storage.tenant.TenantDeletionTable;
import com.groupgate.storage.tenant.TenantTable;
import com.groupgate.tenant.Tenant;
import com.groupgate.tenant.TenantDeletion;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator deletes a whole tenant ({@code DELETE /v1/admin/tenants/{tenantId}}: 202,
 * finished by the scheduled {@link com.groupgate.jobs.TenantDeletionHandler}) and reads how far it got
 * ({@code GET}). Asking twice is one deletion.
 */
public final class TenantDeletionRoutes {
    private final Authenticator auth;
    private final TenantTable tenants;
    private final TenantDeletionTable deletions;
    private final Clock clock;
    private final Audit audit;

    public TenantDeletionRoutes(Authenticator auth, TenantTable tenants, TenantDeletionTable deletions, Clock clock,
                         Audit audit) {
        this.audit = audit;
        this.auth = auth;
        this.tenants = tenants;
        this.deletions = deletions;
        this.clock = clock;
    }

    public void register(Router router) {
        router.on("DELETE", "/v1/admin/tenants/{tenantId}", this::delete)
                .on("GET", "/v1/admin/tenants/{tenantId}", this::get);
    }

    private ApiResponse delete(ApiRequest request) {
        auth.admin(request);
        JsonFields.of(Json.body(request), Set.of());
        TenantId tenantId = Views.id(request.pathParam("tenantId"), TenantId::parse);
        Optional<TenantDeletionTable.Job> known = deletions.find(tenantId);
        if (known.isEmpty() && tenants.find(tenantId).isEmpty()) {
            throw RefusalException.notFound();
        }
        if (known.isEmpty()) {
            audit.changeIn(tenantId.toString(), "tenant.delete", "tenant/" + tenantId, "deletion started");
        }
        TenantDeletionTable.Job job = known.orElseGet(() -> deletions.start(tenantId, clock.instant()));
        return ApiResponse.json(202, view(tenantId, null, job.deletion()));
    }

    private ApiResponse get(ApiRequest request) {
        auth.admin(request);
        TenantId tenantId = Views.id(request.pathParam("tenantId"), TenantId::parse);
        Optional<Tenant> tenant = tenants.find(tenantId);
        Optional<TenantDeletionTable.Job> job = deletions.find(tenantId);
        if (tenant.isEmpty() && job.isEmpty()) {
            throw RefusalException.notFound();
        }
        return ApiResponse.json(200, view(tenantId, tenant.orElse(null),
                job.map(TenantDeletionTable.Job::deletion).orElse(null)));
    }

    private static Map<String, Object> view(TenantId tenantId, Tenant tenant, TenantDeletion deletion) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tenantId", tenantId.toString());
        if (tenant != null) {
            out.put("name", tenant.name());
            out.put("timezone", tenant.timezone().getId());
        }
        out.put("status", deletion == null ? "active" : deletion.status());
        if (deletion != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("phase", deletion.phase().wireName());
            d.put("startedAt", deletion.startedAt().toString());
            d.put("updatedAt", deletion.updatedAt().toString());
            d.put("finishedAt", text(deletion.finishedAt()));
            d.put("itemsDeleted", deletion.itemsDeleted());
            d.put("objectsDeleted", deletion.objectsDeleted());
            out.put("deletion", d);
        }
        return out;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
