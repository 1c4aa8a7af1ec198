package com.groupgate.api.routes;

import com.groupgate.api.edge.Authenticator;
import com.groupgate.error.RefusalException;
import com.groupgate.group.Group;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Json;
import com.groupgate.http.JsonFields;
import com.groupgate.http.Router;
import com.groupgate.id.GroupId;
import com.groupgate.join.MemberRef;
import com.groupgate.keys.SigningKeyTable;
import com.groupgate.storage.campaign.CampaignErasure;
import com.groupgate.storage.campaign.PosterErasure;
import com.groupgate.storage.group.GroupTable;
import com.groupgate.storage.join.MemberErasure;
import com.groupgate.tenant.Tenant;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v1/erasure {"memberRef"}}: the member's memberships (seats freed, tickets
 * ended) and join requests removed from every group of the tenant, and the stored webhook
 * events that name the member dropped (the removals' own events name it by the hash). The answer names the member only by a
 * keyed hash — what the tenant's records of the erasure may keep.
 */
public final class ErasureRoutes {
    private static final int PAGE = 100;

    private final Authenticator auth;
    private final GroupTable groups;
    private final MemberErasure erasure;
    private final CampaignErasure campaigns;
    private final PosterErasure posters;
    private final SigningKeyTable keys;
    private final Clock clock;
    private final Audit audit;

    public ErasureRoutes(Authenticator auth, GroupTable groups, MemberErasure erasure, CampaignErasure campaigns,
                         PosterErasure posters, SigningKeyTable keys, Clock clock, Audit audit) {
        this.campaigns = campaigns;
        this.posters = posters;
        this.clock = clock;
        this.audit = audit;
        this.auth = auth;
        this.groups = groups;
        this.erasure = erasure;
        this.keys = keys;
    }

    public void register(Router router) {
        router.on("POST", "/v1/erasure", this::erase);
    }

    private ApiResponse erase(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        String memberRef = JsonFields.of(Json.body(request), Set.of("memberRef")).requiredString("memberRef", 128);
        if (!MemberRef.valid(memberRef)) {
            throw RefusalException.badField("memberRef", MemberRef.RULE);
        }
        String hash = MemberRef.keyedHash(keys.issuingRing().memberRefHashKey(), tenant.tenantId().id(), memberRef);
        // Logged first, on its own: an erasure is many writes (or none), and repeating one
        // finishes it, so the log says it was asked for even if the removals are cut short.
        audit.record("member.erase", "member/" + hash, "memberships and join requests of this member");
        Instant now = clock.instant();
        MemberErasure.Erased erased = new MemberErasure.Erased(0, 0);
        String cursor = null;
        do {
            GroupTable.Page page = groups.list(tenant.tenantId(), PAGE, cursor);
            List<GroupId> ids = page.items().stream().map(Group::groupId).toList();
            erased = erased.plus(erasure.erase(tenant.tenantId(), ids, memberRef, hash, now));
            cursor = page.nextCursor();
        } while (cursor != null);
        // The member's posters (their invites say which files), then the invites themselves.
        posters.erase(tenant.tenantId(), memberRef);
        // The member's invites, who invited them, and their name on whom they invited.
        campaigns.erase(tenant.tenantId(), memberRef, hash);
        // Last: the removals above emit events of their own, which name the member only by the hash.
        erasure.eraseEvents(tenant.tenantId(), memberRef);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("memberRefHash", hash);
        out.put("membershipsRemoved", erased.memberships());
        out.put("requestsRemoved", erased.requests());
        return ApiResponse.json(200, out);
    }
}
