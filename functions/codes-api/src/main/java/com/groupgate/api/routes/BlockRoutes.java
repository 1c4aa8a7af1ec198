package com.groupgate.api.routes;

import com.groupgate.api.edge.Authenticator;
import com.groupgate.block.Block;
import com.groupgate.error.RefusalException;
import com.groupgate.group.Group;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Json;
import com.groupgate.http.JsonFields;
import com.groupgate.http.Router;
import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import com.groupgate.storage.block.BlockTable;
import com.groupgate.storage.group.GroupTable;
import com.groupgate.storage.tenant.ApiKeyCache;
import com.groupgate.storage.tenant.TenantTable;
import com.groupgate.tenant.Tenant;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The operator's blocks (admin key): a group ({@code POST
 * /v1/admin/tenants/{tenantId}/groups/{groupId}/block}, {@code /unblock}) — its codes
 * answer 451 {@code blocked}, live codes route past it, its tenant sees why — or a whole
 * tenant ({@code POST /v1/admin/tenants/{tenantId}/block}, {@code /unblock}) — every code
 * 451, every API key 403 {@code tenant_blocked}. The block is kept on the item the scan
 * path already caches, so it reaches every container within a minute
 * ({@code GroupCache}, {@code TenantPolicies}, {@code ApiKeyCache}); this container's own
 * key memory forgets the tenant at once.
 */
public final class BlockRoutes {
    private final Audit audit;
    private static final Set<String> FIELDS = Set.of("reason");

    private final Authenticator auth;
    private final BlockTable blocks;
    private final GroupTable groups;
    private final TenantTable tenants;
    private final ApiKeyCache keyCache;
    private final Clock clock;

    public BlockRoutes(Authenticator auth, BlockTable blocks, GroupTable groups, TenantTable tenants, ApiKeyCache keyCache,
                Clock clock,
                Audit audit) {
        this.audit = audit;
        this.auth = auth;
        this.blocks = blocks;
        this.groups = groups;
        this.tenants = tenants;
        this.keyCache = keyCache;
        this.clock = clock;
    }

    public void register(Router router) {
        router.on("POST", "/v1/admin/tenants/{tenantId}/groups/{groupId}/block", this::blockGroup)
                .on("POST", "/v1/admin/tenants/{tenantId}/groups/{groupId}/unblock", this::unblockGroup)
                .on("POST", "/v1/admin/tenants/{tenantId}/block", this::blockTenant)
                .on("POST", "/v1/admin/tenants/{tenantId}/unblock", this::unblockTenant);
    }

    private ApiResponse blockGroup(ApiRequest request) {
        auth.admin(request);
        Block block = block(request);
        TenantId tenantId = Views.id(request.pathParam("tenantId"), TenantId::parse);
        GroupId groupId = Views.id(request.pathParam("groupId"), GroupId::parse);
        audit.changeIn(tenantId.toString(), "group.block", "group/" + groupId, reason(block.reason()));
        if (!blocks.blockGroup(tenantId, groupId, block)) {
            throw RefusalException.notFound();
        }
        return groupView(tenantId, groupId);
    }

    private ApiResponse unblockGroup(ApiRequest request) {
        auth.admin(request);
        String why = unblockReason(request);
        TenantId tenantId = Views.id(request.pathParam("tenantId"), TenantId::parse);
        GroupId groupId = Views.id(request.pathParam("groupId"), GroupId::parse);
        audit.changeIn(tenantId.toString(), "group.unblock", "group/" + groupId, reason(why));
        if (!blocks.unblockGroup(tenantId, groupId)) {
            throw RefusalException.notFound();
        }
        return groupView(tenantId, groupId);
    }

    private ApiResponse blockTenant(ApiRequest request) {
        auth.admin(request);
        Block block = block(request);
        TenantId tenantId = Views.id(request.pathParam("tenantId"), TenantId::parse);
        audit.changeIn(tenantId.toString(), "tenant.block", "tenant/" + tenantId, reason(block.reason()));
        if (!blocks.blockTenant(tenantId, block)) {
            throw RefusalException.notFound();
        }
        keyCache.forgetTenant(tenantId);
        return tenantView(tenantId);
    }

    private ApiResponse unblockTenant(ApiRequest request) {
        auth.admin(request);
        String why = unblockReason(request);
        TenantId tenantId = Views.id(request.pathParam("tenantId"), TenantId::parse);
        audit.changeIn(tenantId.toString(), "tenant.unblock", "tenant/" + tenantId, reason(why));
        if (!blocks.unblockTenant(tenantId)) {
            throw RefusalException.notFound();
        }
        keyCache.forgetTenant(tenantId);
        return tenantView(tenantId);
    }

    /** The block a request asks for: {@code reason} required, 1 … 500 characters. */
    private Block block(ApiRequest request) {
        JsonFields body = JsonFields.of(Json.body(request), FIELDS);
        return new Block(body.requiredString("reason", Block.MAX_REASON_LENGTH).strip(), clock.instant());
    }

    /**
     * An unblock may say why (for the audit log, which records every change); nothing else
     * is taken, and the reason is not stored on the item.
     */
    /** The reason an unblock may give (for the audit log only; not stored on the item). */
    private static String unblockReason(ApiRequest request) {
        return JsonFields.of(Json.body(request), FIELDS).string("reason", Block.MAX_REASON_LENGTH);
    }

    private static String reason(String text) {
        return text == null ? "" : "reason " + Audit.quoted(text);
    }

    private ApiResponse groupView(TenantId tenantId, GroupId groupId) {
        Group group = groups.find(tenantId, groupId).orElseThrow(RefusalException::notFound);
        return ApiResponse.json(200, Views.group(group, clock.instant()));
    }

    private ApiResponse tenantView(TenantId tenantId) {
        Tenant tenant = tenants.find(tenantId).orElseThrow(RefusalException::notFound);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tenantId", tenant.tenantId().toString());
        out.put("name", tenant.name());
        out.put("blocked", tenant.blocked() ? Views.block(tenant.block()) : null);
        return ApiResponse.json(200, out);
    }
}
