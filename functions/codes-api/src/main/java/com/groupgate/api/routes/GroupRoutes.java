package com.groupgate.api.routes;

import com.groupgate.api.edge.Authenticator;
import com.groupgate.api.edge.Paging;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.group.Group;
import com.groupgate.group.GroupSettings;
import com.groupgate.group.GroupStatus;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Json;
import com.groupgate.http.JsonFields;
import com.groupgate.http.Router;
import com.groupgate.id.GroupId;
import com.groupgate.join.JoinPolicy;
import com.groupgate.storage.group.GroupTable;
import com.groupgate.tenant.Tenant;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Create, read and list a tenant's groups; rotate a passcode group's TOTP secret. */
public final class GroupRoutes {
    private static final Set<String> CREATE_FIELDS = Set.of("name", "capacity", "joinPolicy", "category",
            "welcomeMessage", "preset", "verifyAbove", "passcodeDigits");

    private final Authenticator auth;
    private final GroupTable groups;
    private final PasscodeSecrets passcodes;
    private final ContentFilter filter;
    private final Clock clock;

    private final Audit audit;

    public GroupRoutes(Authenticator auth, GroupTable groups, PasscodeSecrets passcodes, ContentFilter filter, Clock clock,
                Audit audit) {
        this.audit = audit;
        this.auth = auth;
        this.groups = groups;
        this.passcodes = passcodes;
        this.filter = filter;
        this.clock = clock;
    }

    public void register(Router router) {
        router.on("POST", "/v1/groups", this::create)
                .on("GET", "/v1/groups", this::list)
                .on("GET", "/v1/groups/{groupId}", this::get)
                .on("POST", "/v1/groups/{groupId}/passcode/rotate", this::rotatePasscode);
    }

    private ApiResponse create(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        JsonFields body = JsonFields.of(Json.body(request), CREATE_FIELDS);
        GroupSettings settings = GroupSettings.of(body.requiredString("name", 100),
                body.integer("capacity", 1, 3000), body.string("joinPolicy", 20), body.string("category", 20),
                body.string("welcomeMessage", 1000), body.string("preset", 20),
                body.has("verifyAbove"), body.integer("verifyAbove", 1, GroupSettings.MAX_CAPACITY),
                body.integer("passcodeDigits", 6, 8));
        filter.checkName(tenant.tenantId(), "name", settings.name());
        filter.check(tenant.tenantId(), "welcomeMessage", settings.welcomeMessage());
        filter.checkTogether(tenant.tenantId(), "welcomeMessage", settings.name(), settings.welcomeMessage());
        PasscodeSecrets.PasscodeSecret passcode = settings.joinPolicy() == JoinPolicy.PASSCODE ? passcodes.next() : null;
        Group group = new Group(tenant.tenantId(), GroupId.random(), settings.name(), settings.capacity(), 0,
                settings.joinPolicy(), settings.category(), settings.welcomeMessage(), settings.preset(),
                passcode == null ? null : passcode.sealed(), clock.instant().getEpochSecond(), settings.verifyAbove(),
                settings.passcodeDigits(), GroupStatus.ACTIVE, null, null);
        audit.change("group.create", "group/" + group.groupId(), "name " + Audit.quoted(group.name())
                + ", capacity " + group.capacity() + ", " + group.joinPolicy().wireName());
        groups.create(group);
        Map<String, Object> view = Views.group(group, clock.instant());
        if (passcode != null) {
            view.put("passcodeSecret", passcode.text());
        }
        return ApiResponse.json(201, view);
    }

    /**
     * A new TOTP secret for a passcode group, shown once, replacing the old one at once:
     * what an owner does when the secret has leaked or someone who knew it has left.
     * Another tenant's group is 404; a group that joins by another policy has no secret
     * (409, naming {@code joinPolicy}).
     */
    private ApiResponse rotatePasscode(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        GroupId groupId = Views.id(request.pathParam("groupId"), GroupId::parse);
        JsonFields.of(Json.body(request), Set.of());
        PasscodeSecrets.PasscodeSecret passcode = passcodes.next();
        audit.change("group.passcode-rotate", "group/" + groupId, "new passcode secret");
        Group group = groups.replacePasscode(tenant.tenantId(), groupId, passcode.sealed()).orElseThrow(() ->
                groups.find(tenant.tenantId(), groupId).isEmpty() ? RefusalException.notFound()
                        : new RefusalException(Refusal.CONFLICT, "joinPolicy: only a passcode group has a passcode "
                                + "to rotate", "joinPolicy", -1));
        Map<String, Object> view = Views.group(group, clock.instant());
        view.put("passcodeSecret", passcode.text());
        return ApiResponse.json(200, view);
    }

    private ApiResponse get(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        GroupId groupId = Views.id(request.pathParam("groupId"), GroupId::parse);
        return groups.find(tenant.tenantId(), groupId)
                .map(g -> ApiResponse.json(200, Views.group(g, clock.instant())))
                .orElseThrow(RefusalException::notFound);
    }

    private ApiResponse list(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        int limit = Paging.intParam(request, "limit", 1, 100, 20);
        String cursor = request.queryParam("cursor");
        if (cursor != null && GroupId.parse(cursor).isEmpty()) {
            throw RefusalException.badField("cursor", "not a cursor this API returned");
        }
        GroupTable.Page page = groups.list(tenant.tenantId(), limit, cursor);
        Instant now = clock.instant();
        List<Map<String, Object>> items = page.items().stream().map(g -> Views.group(g, now)).toList();
        return Paging.page(items, page.nextCursor());
    }
}
