package com.groupgate.api.routes;

import com.groupgate.api.edge.Authenticator;
import com.groupgate.api.edge.Paging;
import com.groupgate.error.RefusalException;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Router;
import com.groupgate.id.GroupId;
import com.groupgate.join.MemberRef;
import com.groupgate.storage.group.GroupTable;
import com.groupgate.storage.join.MemberTable;
import com.groupgate.tenant.Tenant;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A group's members: listed a page at a time, and removed one at a time, freeing the seat
 * and ending the ticket that admitted them (its retry cannot put them back; their statusUrl
 * answers removed).
 */
public final class MemberRoutes {
    /** What a memberRef may be (the join route's rule), so a path cannot name anything else. */
    private final Authenticator auth;
    private final GroupTable groups;
    private final MemberTable members;

    private final Clock clock;
    private final Audit audit;

    public MemberRoutes(Authenticator auth, GroupTable groups, MemberTable members, Clock clock, Audit audit) {
        this.clock = clock;
        this.audit = audit;
        this.auth = auth;
        this.groups = groups;
        this.members = members;
    }

    public void register(Router router) {
        router.on("GET", "/v1/groups/{groupId}/members", this::list)
                .on("DELETE", "/v1/groups/{groupId}/members/{memberRef}", this::remove);
    }

    private ApiResponse list(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        GroupId groupId = Views.id(request.pathParam("groupId"), GroupId::parse);
        int limit = Paging.intParam(request, "limit", 1, 100, 50);
        String cursor = request.queryParam("cursor");
        if (cursor != null && !MemberRef.valid(cursor)) {
            throw RefusalException.badField("cursor", "not a cursor this API returned");
        }
        groups.find(tenant.tenantId(), groupId).orElseThrow(RefusalException::notFound);
        MemberTable.Page page = members.members(tenant.tenantId(), groupId, limit, cursor);
        List<Map<String, Object>> items = page.items().stream().map(m -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("memberRef", m.memberRef());
            item.put("joinedAt", Instant.ofEpochSecond(m.joinedAt()).toString());
            return item;
        }).toList();
        return Paging.page(items, page.nextCursor());
    }

    private ApiResponse remove(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        GroupId groupId = Views.id(request.pathParam("groupId"), GroupId::parse);
        String memberRef = request.pathParam("memberRef");
        if (!MemberRef.valid(memberRef)) {
            throw RefusalException.notFound();
        }
        groups.find(tenant.tenantId(), groupId).orElseThrow(RefusalException::notFound);
        audit.change("member.remove", "group/" + groupId, "a member removed");
        if (!members.remove(tenant.tenantId(), groupId, memberRef, clock.instant())) {
            throw RefusalException.notFound();
        }
        return ApiResponse.noContent();
    }
}
