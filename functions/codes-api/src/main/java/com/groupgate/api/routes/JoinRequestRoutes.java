package com.groupgate.api.routes;

import com.groupgate.api.edge.Authenticator;
import com.groupgate.api.edge.Paging;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Json;
import com.groupgate.http.JsonFields;
import com.groupgate.http.Router;
import com.groupgate.id.GroupId;
import com.groupgate.id.RequestId;
import com.groupgate.join.RequestStatus;
import com.groupgate.storage.campaign.ApprovalCredits;
import com.groupgate.storage.campaign.CreditTable;
import com.groupgate.storage.group.GroupTable;
import com.groupgate.storage.join.JoinRequestTable;
import com.groupgate.tenant.Tenant;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The tenant's side of approval groups: list pending requests, approve or reject them. */
public final class JoinRequestRoutes {

    private final Authenticator auth;
    private final GroupTable groups;
    private final JoinRequestTable members;
    private final Clock clock;

    private final Audit audit;

    private final ApprovalCredits credits;

    public JoinRequestRoutes(Authenticator auth, GroupTable groups, JoinRequestTable members, ApprovalCredits credits,
                             Clock clock, Audit audit) {
        this.credits = credits;
        this.audit = audit;
        this.auth = auth;
        this.groups = groups;
        this.members = members;
        this.clock = clock;
    }

    public void register(Router router) {
        router.on("GET", "/v1/groups/{groupId}/join-requests", this::list)
                .on("POST", "/v1/join-requests/{requestId}/approve", r -> decide(r, true))
                .on("POST", "/v1/join-requests/{requestId}/reject", r -> decide(r, false));
    }

    private ApiResponse list(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        GroupId groupId = Views.id(request.pathParam("groupId"), GroupId::parse);
        RequestStatus status = request.queryParam("status") == null ? RequestStatus.PENDING
                : RequestStatus.parseListed(request.queryParam("status"), "status");
        int limit = Paging.intParam(request, "limit", 1, 100, 50);
        String cursor = request.queryParam("cursor");
        if (cursor != null && !JoinRequestTable.isCursor(cursor)) {
            throw RefusalException.badField("cursor", "not a cursor this API returned");
        }
        groups.find(tenant.tenantId(), groupId).orElseThrow(RefusalException::notFound);
        // One page, one query: the work of a request is bounded whatever the group's backlog.
        JoinRequestTable.Page page = members.requests(tenant.tenantId(), groupId, status, limit, cursor);
        List<Map<String, Object>> items = page.items().stream().map(r -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("requestId", r.requestId().toString());
            item.put("memberRef", r.memberRef());
            item.put("createdAt", Instant.ofEpochSecond(r.createdAt()).toString());
            item.put("status", r.status().wireName());
            return item;
        }).toList();
        return Paging.page(items, page.nextCursor());
    }

    private ApiResponse decide(ApiRequest request, boolean approve) {
        Tenant tenant = auth.tenant(request);
        JsonFields.of(Json.body(request), Set.of());
        RequestId requestId = Views.id(request.pathParam("requestId"), RequestId::parse);
        Instant now = clock.instant();
        audit.change(approve ? "join-request.approve" : "join-request.reject", "join-request/" + requestId, "");
        // The credit an approval through an invite owes is recorded by the approval's own
        // transaction and completed right after it (or by the qualification run).
        Optional<ApprovalCredits.Owed> owed = approve ? credits.owed(tenant.tenantId(), requestId, now) : Optional.empty();
        JoinRequestTable.Decision decision = approve
                ? members.approve(tenant.tenantId(), requestId, now, owed.map(ApprovalCredits.Owed::record).orElse(null))
                : members.reject(tenant.tenantId(), requestId, now);
        if (decision == JoinRequestTable.Decision.JOINED) {
            if (owed.isEmpty() || credits.complete(tenant.tenantId(), owed.get()) == CreditTable.Credited.BEFORE) {
                // No record completed here (a retried approval answering joined again, or a member
                // who joined meanwhile through a scan): a credit missing altogether is written.
                credits.creditApproved(tenant.tenantId(), requestId);
            }
        }
        return switch (decision) {
            case JOINED -> ApiResponse.json(200, Map.of("status", "joined"));
            case REJECTED -> ApiResponse.json(200, Map.of("status", "rejected"));
            case GROUP_FULL -> throw new RefusalException(Refusal.GROUP_FULL, "the group is full");
            case GROUP_ARCHIVED -> throw new RefusalException(Refusal.ARCHIVED, "the group is archived");
            case GROUP_BLOCKED -> throw new RefusalException(Refusal.BLOCKED,
                    "the operator blocked this group: no one joins it while the block lasts");
            case ALREADY_DECIDED -> throw new RefusalException(Refusal.CONFLICT,
                    "the request was already " + members.findRequest(tenant.tenantId(), requestId)
                            .map(r -> r.status().wireName()).orElse("decided"));
            case NOT_FOUND -> throw RefusalException.notFound();
        };
    }
}
