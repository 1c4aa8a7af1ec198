package com.groupgate.api.routes;

import com.groupgate.api.edge.Authenticator;
import com.groupgate.code.Channel;
import com.groupgate.code.CodeStatus;
import com.groupgate.code.GroupCode;
import com.groupgate.code.Label;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.group.Group;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Json;
import com.groupgate.http.JsonFields;
import com.groupgate.http.Router;
import com.groupgate.id.CodeId;
import com.groupgate.id.GroupId;
import com.groupgate.qr.Ecc;
import com.groupgate.scan.DailyCap;
import com.groupgate.scan.Expiry;
import com.groupgate.scan.GeoRules;
import com.groupgate.storage.code.CodeTable;
import com.groupgate.storage.code.StoredCode;
import com.groupgate.storage.group.GroupTable;
import com.groupgate.tenant.Tenant;
import com.groupgate.token.CodeKind;
import com.groupgate.usage.UsageTable;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Issue, read, refresh and revoke group codes. */
public final class CodeRoutes {
    static final int DEFAULT_MODULE_PX = 8;
    static final int MAX_MODULE_PX = 40;
    private static final Set<String> ISSUE_FIELDS = Set.of("ttlSeconds", "channel", "dailyScanLimit", "geo", "ecc",
            "modulePx", "label");
    private static final Set<String> GEO_FIELDS = Set.of("allowCountries", "denyCountries", "allowRegions",
            "denyRegions", "allowCidrs", "denyCidrs");

    private final Authenticator auth;
    private final GroupTable groups;
    private final CodeTable codes;
    private final UsageTable usage;
    private final SignedImages images;
    private final ContentFilter filter;
    private final Clock clock;

    private final Audit audit;

    public CodeRoutes(Authenticator auth, GroupTable groups, CodeTable codes, UsageTable usage, SignedImages images,
               ContentFilter filter, Clock clock, Audit audit) {
        this.audit = audit;
        this.auth = auth;
        this.groups = groups;
        this.codes = codes;
        this.usage = usage;
        this.images = images;
        this.filter = filter;
        this.clock = clock;
    }

    public void register(Router router) {
        router.on("POST", "/v1/groups/{groupId}/codes", this::issue)
                .on("GET", "/v1/codes/{codeId}", this::get)
                .on("POST", "/v1/codes/{codeId}/refresh", this::refresh)
                .on("POST", "/v1/codes/{codeId}/revoke", this::revoke);
    }

    /** What a tenant asked for, validated; nothing has been written yet. */
    private record Settings(long ttlSeconds, Channel channel, int dailyScanLimit, GeoRules geo, Ecc ecc,
                            int modulePx, String label) {
    }

    private ApiResponse issue(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        GroupId groupId = Views.id(request.pathParam("groupId"), GroupId::parse);
        JsonFields body = JsonFields.of(Json.body(request), ISSUE_FIELDS);
        Settings settings = settings(body);
        filter.check(tenant.tenantId(), "channel", Channel.textOrNull(settings.channel()));
        filter.checkName(tenant.tenantId(), "label", settings.label());
        Group group = groups.find(tenant.tenantId(), groupId).orElseThrow(RefusalException::notFound);
        long ttl = settings.ttlSeconds() > 0 ? settings.ttlSeconds() : defaultTtl(group);
        Settings withTtl = new Settings(ttl, settings.channel(), settings.dailyScanLimit(), settings.geo(),
                settings.ecc(), settings.modulePx(), settings.label());
        GroupCode code = newCode(tenant, group, withTtl);
        audit.change("code.create", "code/" + code.codeId(), "group " + group.groupId() + ", channel "
                + Audit.quoted(String.valueOf(code.channel())) + (code.label() == null ? ""
                : ", label " + Audit.quoted(code.label())));
        images.storeOrDiscard(code.imageKey(), () -> {
            codes.create(code, usage.codeIssued(tenant.tenantId(), clock.instant(), code.imageBytes()));
            return code;
        }, () -> codes.find(tenant.tenantId(), code.codeId()).isPresent());
        return ApiResponse.json(201, view(code, null));
    }

    private Settings settings(JsonFields body) {
        Integer ttl = body.integer("ttlSeconds", Expiry.MIN_TTL_SECONDS, Expiry.MAX_TTL_SECONDS);
        String channelText = body.string("channel", Channel.MAX_LENGTH + 1);
        Channel channel = channelText == null ? null : Channel.of(channelText);
        int cap = DailyCap.validateCap(body.integer("dailyScanLimit", 1, 1_000_000));
        JsonFields geo = body.object("geo", GEO_FIELDS);
        GeoRules rules = geo == null ? GeoRules.NONE : GeoRules.of(geo.strings("allowCountries", 2),
                geo.strings("denyCountries", 2), geo.strings("allowRegions", 6), geo.strings("denyRegions", 6),
                geo.strings("allowCidrs", 64), geo.strings("denyCidrs", 64));
        String eccText = body.string("ecc", 1);
        Ecc ecc;
        try {
            ecc = eccText == null ? Ecc.M : Ecc.valueOf(eccText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RefusalException.badField("ecc", "must be one of L, M, Q, H");
        }
        Integer modulePx = body.integer("modulePx", 1, MAX_MODULE_PX);
        String label = body.string("label", Label.MAX_LENGTH);
        if (label != null) {
            Label.of(label);
        }
        return new Settings(ttl == null ? 0 : ttl, channel, cap, rules, ecc,
                modulePx == null ? DEFAULT_MODULE_PX : modulePx, label);
    }

    private static long defaultTtl(Group group) {
        return group.preset() == null ? Expiry.DEFAULT_TTL_SECONDS : group.preset().codeTtlSeconds();
    }

    /** Signs, renders and stores the image of a new code; the caller stores the item. */
    private GroupCode newCode(Tenant tenant, Group group, Settings s) {
        if (group.blocked()) {
            // Its codes answer 451 until the operator unblocks it: a new one would too.
            throw new RefusalException(Refusal.BLOCKED, "the operator blocked this group ("
                    + group.block().reason() + "); no code is issued for it while the block lasts");
        }
        Instant now = clock.instant();
        CodeId codeId = CodeId.random();
        long expiresAt = now.getEpochSecond() + s.ttlSeconds();
        SignedImages.Signed signed = images.issue(CodeKind.GROUP_CODE, codeId.id(), tenant.tenantId(), group.groupId().id(),
                expiresAt, s.ecc(), s.modulePx());
        return new GroupCode(tenant.tenantId(), codeId, group.groupId(), s.channel(), s.dailyScanLimit(), s.geo(),
                s.ecc(), s.modulePx(), s.ttlSeconds(), now.getEpochSecond(), expiresAt, CodeStatus.ACTIVE, null,
                signed.keyVersion(), signed.salt(), signed.imageKey(), signed.imageBytes(), signed.qrVersion(),
                tenant.timezone(), group.name(), group.joinPolicy(), group.welcomeMessage(), s.label());
    }

    private ApiResponse get(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        StoredCode found = codes.findStored(tenant.tenantId(), Views.id(request.pathParam("codeId"), CodeId::parse))
                .orElseThrow(RefusalException::notFound);
        return ApiResponse.json(200, storedView(found));
    }

    /** What {@code GET /v1/codes/{codeId}} shows of a stored code, today's accepted scans included. */
    Map<String, Object> storedView(StoredCode stored) {
        GroupCode code = stored.code();
        String today = DailyCap.dayKey(clock.instant(), code.timezone());
        return view(code, Math.min(stored.scansOn(today), code.dailyScanLimit()));
    }

    private ApiResponse refresh(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        JsonFields.of(Json.body(request), Set.of());
        GroupCode old = codes.find(tenant.tenantId(), Views.id(request.pathParam("codeId"), CodeId::parse))
                .orElseThrow(RefusalException::notFound);
        refuseUnlessRefreshable(old);
        Group group = groups.find(tenant.tenantId(), old.groupId()).orElseThrow(RefusalException::notFound);
        GroupCode replacement = newCode(tenant, group, new Settings(old.ttlSeconds(), old.channel(),
                old.dailyScanLimit(), old.geo(), old.ecc(), old.modulePx(), old.label()));
        audit.change("code.refresh", "code/" + old.codeId(), "replaced by code " + replacement.codeId());
        boolean superseded = images.storeOrDiscard(replacement.imageKey(), () -> codes.supersede(old, replacement,
                usage.codeIssued(tenant.tenantId(), clock.instant(), replacement.imageBytes())),
                () -> codes.find(tenant.tenantId(), replacement.codeId()).isPresent());
        if (!superseded) {
            // Revoked or refreshed by a concurrent request between our read and write.
            images.discard(replacement.imageKey());
            refuseUnlessRefreshable(codes.find(tenant.tenantId(), old.codeId()).orElseThrow());
            throw new RefusalException(Refusal.CONFLICT, "the code changed while refreshing; try again");
        }
        return ApiResponse.json(201, view(replacement, null));
    }

    private static void refuseUnlessRefreshable(GroupCode code) {
        if (code.status() == CodeStatus.REVOKED) {
            throw new RefusalException(Refusal.REVOKED, "the code is revoked");
        }
        if (code.status() == CodeStatus.SUPERSEDED) {
            throw new RefusalException(Refusal.SUPERSEDED, "the code was already refreshed as " + code.supersededBy());
        }
    }

    private ApiResponse revoke(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        JsonFields.of(Json.body(request), Set.of());
        CodeId codeId = Views.id(request.pathParam("codeId"), CodeId::parse);
        audit.change("code.revoke", "code/" + codeId, "");
        GroupCode revoked = codes.revoke(tenant.tenantId(), codeId)
                .orElseThrow(RefusalException::notFound);
        return ApiResponse.json(200, view(revoked, null));
    }

    private Map<String, Object> view(GroupCode code, Long scansToday) {
        Instant now = clock.instant();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("codeId", code.codeId().text());
        out.put("groupId", code.groupId().text());
        out.put("channel", Channel.textOrNull(code.channel()));
        out.put("label", code.label());
        out.put("scanUrl", scanUrl(code));
        out.put("imageUrl", images.imageUrl(code.imageKey()));
        out.put("expiresAt", Instant.ofEpochSecond(code.expiresAt()).toString());
        out.put("qrVersion", code.qrVersion());
        out.put("dailyScanLimit", code.dailyScanLimit());
        out.put("status", code.statusAt(now).wireName());
        out.put("geo", geoView(code.geo()));
        out.put("ecc", code.ecc().name());
        out.put("modulePx", code.modulePx());
        if (scansToday != null) {
            out.put("scansToday", scansToday);
            out.put("supersededBy", code.supersededBy() == null ? null : code.supersededBy().text());
        }
        return out;
    }

    /** The scan URL, re-derived: tokens are never stored. */
    private String scanUrl(GroupCode code) {
        return images.scanUrl(CodeKind.GROUP_CODE, code.codeId().id(), code.tenantId(), code.groupId().id(), code.expiresAt(),
                code.keyVersion(), code.salt());
    }

    private static Map<String, List<String>> geoView(GeoRules g) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("allowCountries", g.allowCountries());
        out.put("denyCountries", g.denyCountries());
        out.put("allowRegions", g.allowRegions());
        out.put("denyRegions", g.denyRegions());
        out.put("allowCidrs", GeoRules.texts(g.allowCidrs()));
        out.put("denyCidrs", GeoRules.texts(g.denyCidrs()));
        return out;
    }
}
