package com.groupgate.api.routes;

import com.groupgate.api.edge.Authenticator;
import com.groupgate.code.Channel;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.group.Group;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Json;
import com.groupgate.http.JsonFields;
import com.groupgate.http.Router;
import com.groupgate.id.GroupId;
import com.groupgate.id.LiveCodeId;
import com.groupgate.live.LiveCode;
import com.groupgate.live.LiveCodeStatus;
import com.groupgate.live.PoolRouting;
import com.groupgate.qr.Ecc;
import com.groupgate.scan.DailyCap;
import com.groupgate.storage.group.PoolGroups;
import com.groupgate.storage.live.LiveCodeTable;
import com.groupgate.tenant.Tenant;
import com.groupgate.token.CodeKind;
import com.groupgate.token.ScanToken;
import com.groupgate.usage.UsageTable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Live codes (活码): create, read, edit the pool, revoke. */
public final class LiveCodeRoutes {
    private static final Set<String> FIELDS = Set.of("name", "groupIds", "switchAfterJoins", "channel",
            "dailyScanLimit");

    private final Authenticator auth;
    private final LiveCodeTable live;
    private final PoolGroups pools;
    private final UsageTable usage;
    private final SignedImages signed;
    private final ContentFilter filter;
    private final Clock clock;

    private final Audit audit;

    public LiveCodeRoutes(Authenticator auth, LiveCodeTable live, PoolGroups pools, UsageTable usage, SignedImages signed,
                   ContentFilter filter, Clock clock, Audit audit) {
        this.audit = audit;
        this.auth = auth;
        this.live = live;
        this.pools = pools;
        this.usage = usage;
        this.signed = signed;
        this.filter = filter;
        this.clock = clock;
    }

    public void register(Router router) {
        router.on("POST", "/v1/live-codes", this::create)
                .on("GET", "/v1/live-codes/{liveCodeId}", this::get)
                .on("PUT", "/v1/live-codes/{liveCodeId}", this::update)
                .on("POST", "/v1/live-codes/{liveCodeId}/revoke", this::revoke);
    }

    /** A request's pool settings, validated against the tenant's groups; nothing written yet. */
    private record Pool(String name, List<GroupId> groupIds, Integer switchAfterJoins, Channel channel, Integer dailyScanLimit) {
    }

    private Pool pool(Tenant tenant, JsonFields body, LiveCode current) {
        String name = current == null ? body.requiredString("name", 100) : body.string("name", 100);
        List<String> groupTexts = body.strings("groupIds", 13);
        Integer switchAfter = body.integer("switchAfterJoins", 1, 3000);
        String channelText = body.string("channel", Channel.MAX_LENGTH + 1);
        Channel channel = channelText == null ? null : Channel.of(channelText);
        Integer cap = body.integer("dailyScanLimit", 1, 1_000_000);
        filter.checkName(tenant.tenantId(), "name", name);
        filter.check(tenant.tenantId(), "channel", channelText);
        List<GroupId> groups = null;
        if (current == null || !groupTexts.isEmpty()) {
            if (groupTexts.isEmpty()) {
                throw RefusalException.badField("groupIds", "must list at least one group");
            }
            groups = new ArrayList<>();
            Set<GroupId> seen = new HashSet<>();
            for (String text : groupTexts) {
                GroupId id = GroupId.parse(text).orElseThrow(
                        () -> RefusalException.badField("groupIds", "not a group id: " + text));
                if (!seen.add(id)) {
                    throw RefusalException.badField("groupIds", "lists " + text + " twice");
                }
                groups.add(id);
            }
            if (pools.read(tenant.tenantId(), groups, true).size() != groups.size()) {
                throw RefusalException.badField("groupIds", "lists a group this tenant does not have");
            }
        }
        if (current == null) {
            return new Pool(name.strip(), groups, switchAfter, channel, cap);
        }
        return new Pool(name == null ? current.name() : name.strip(), groups == null ? current.groupIds() : groups,
                switchAfter == null ? current.switchAfterJoins() : switchAfter,
                channel == null ? current.channel() : channel, cap == null ? current.dailyScanLimit() : cap);
    }

    private ApiResponse create(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        Pool p = pool(tenant, JsonFields.of(Json.body(request), FIELDS), null);
        LiveCodeId id = LiveCodeId.random();
        Instant now = clock.instant();
        SignedImages.Signed s = signed.issue(CodeKind.LIVE_CODE, id.id(), tenant.tenantId(), id.id(), ScanToken.NEVER, Ecc.M,
                CodeRoutes.DEFAULT_MODULE_PX);
        String imageKey = s.imageKey();
        LiveCode code = new LiveCode(tenant.tenantId(), id, p.name(), p.groupIds(), p.switchAfterJoins(), p.channel(),
                p.dailyScanLimit(), LiveCodeStatus.ACTIVE, 1, s.keyVersion(), s.salt(), imageKey, s.imageBytes(),
                s.qrVersion(), tenant.timezone(), now.getEpochSecond());
        audit.change("live-code.create", "live-code/" + id, "name " + Audit.quoted(p.name()) + ", "
                + p.groupIds().size() + " groups");
        signed.storeOrDiscard(imageKey, () -> {
            live.create(code, usage.codeIssued(tenant.tenantId(), now, s.imageBytes()));
            return code;
        }, () -> live.find(tenant.tenantId(), id).isPresent());
        return ApiResponse.json(201, view(code));
    }

    private LiveCode find(ApiRequest request, Tenant tenant) {
        return live.find(tenant.tenantId(), Views.id(request.pathParam("liveCodeId"), LiveCodeId::parse))
                .orElseThrow(RefusalException::notFound);
    }

    private ApiResponse get(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        return ApiResponse.json(200, view(find(request, tenant)));
    }

    private ApiResponse update(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        JsonFields body = JsonFields.of(Json.body(request), FIELDS);
        LiveCode current = find(request, tenant);
        if (!current.active()) {
            throw new RefusalException(Refusal.REVOKED, "the live code is revoked");
        }
        Pool p = pool(tenant, body, current);
        LiveCode updated = current.withPool(p.name(), p.groupIds(), p.switchAfterJoins(), p.channel(), p.dailyScanLimit());
        audit.change("live-code.update", "live-code/" + current.liveCodeId(),
                Audit.changed(body, FIELDS.stream().sorted().toArray(String[]::new)));
        if (!live.update(current, updated)) {
            throw new RefusalException(Refusal.CONFLICT, "the live code changed meanwhile; read it and try again");
        }
        return ApiResponse.json(200, view(updated));
    }

    private ApiResponse revoke(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        JsonFields.of(Json.body(request), Set.of());
        LiveCodeId liveCodeId = Views.id(request.pathParam("liveCodeId"), LiveCodeId::parse);
        audit.change("live-code.revoke", "live-code/" + liveCodeId, "");
        LiveCode revoked = live.revoke(tenant.tenantId(), liveCodeId)
                .orElseThrow(RefusalException::notFound);
        return ApiResponse.json(200, view(revoked));
    }

    /** What {@code GET /v1/live-codes/{id}} shows: the pool's fill and today's scans included. */
    Map<String, Object> view(LiveCode c) {
        Instant now = clock.instant();
        List<Group> groups = pools.read(c.tenantId(), c.groupIds(), true);
        Optional<GroupId> current = PoolRouting.route(groups.stream()
                .map(g -> new PoolRouting.GroupFill(g.groupId(), g.members(), g.capacity(), g.openAt(clock.instant()))).toList(), c.switchAfterJoins());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("liveCodeId", c.liveCodeId().text());
        out.put("name", c.name());
        out.put("scanUrl", signed.scanUrl(CodeKind.LIVE_CODE, c.liveCodeId().id(), c.tenantId(), c.liveCodeId().id(),
                ScanToken.NEVER, c.keyVersion(), c.salt()));
        out.put("imageUrl", signed.imageUrl(c.imageKey()));
        out.put("groupIds", c.groupIds().stream().map(GroupId::text).toList());
        out.put("currentGroupId", current.map(GroupId::text).orElse(null));
        out.put("switchAfterJoins", c.switchAfterJoins());
        out.put("channel", Channel.textOrNull(c.channel()));
        out.put("dailyScanLimit", c.dailyScanLimit());
        out.put("status", c.status().wireName());
        out.put("qrVersion", c.qrVersion());
        out.put("scansToday", live.countedOn(c.tenantId(), c.liveCodeId(),
                DailyCap.dayKey(now, c.timezone())));
        List<Map<String, Object>> fill = new ArrayList<>();
        for (Group g : groups) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("groupId", g.groupId().toString());
            f.put("name", g.name());
            f.put("members", g.members());
            f.put("limit", PoolRouting.limit(g.capacity(), c.switchAfterJoins()));
            fill.add(f);
        }
        out.put("pool", fill);
        return out;
    }
}
