package com.groupgate.api.routes;

import com.groupgate.api.edge.Authenticator;
import com.groupgate.api.edge.Paging;
import com.groupgate.campaign.Campaign;
import com.groupgate.campaign.CampaignSettings;
import com.groupgate.campaign.CampaignStatus;
import com.groupgate.campaign.CampaignTarget;
import com.groupgate.campaign.CreditRules;
import com.groupgate.campaign.Rewards;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Json;
import com.groupgate.http.JsonFields;
import com.groupgate.http.Router;
import com.groupgate.id.CampaignId;
import com.groupgate.id.GroupId;
import com.groupgate.id.LiveCodeId;
import com.groupgate.keys.SigningKeyTable;
import com.groupgate.storage.campaign.CampaignCounts;
import com.groupgate.storage.campaign.CampaignTable;
import com.groupgate.storage.campaign.CreditTable;
import com.groupgate.storage.campaign.InviteTable;
import com.groupgate.tenant.Tenant;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's referral campaigns (裂变): create one on a group or a live code, list, read,
 * and change its reward or end ({@code PATCH}, also {@code status: ended}). A group or live
 * code runs one campaign at a time: a second one while the first is active is 409
 * {@code conflict} naming the target's field.
 */
public final class CampaignRoutes {
    private static final Set<String> CREATE_FIELDS = Set.of("name", "groupId", "liveCodeId", "goal", "reward",
            "endsAt", "qualifyAfterMinutes", "perInviterDailyLimit");
    private static final Set<String> CHANGE_FIELDS = Set.of("reward", "endsAt", "status");
    /** A timestamp's text is short; anything longer is not one. */
    private static final int MAX_INSTANT_LENGTH = 40;

    private final Authenticator auth;
    private final CampaignTable campaigns;
    private final CreditTable credits;
    private final ContentFilter filter;
    private final Clock clock;
    private final Audit audit;
    private final SigningKeyTable keys;
    private final InviteTable invites;

    public CampaignRoutes(Authenticator auth, CampaignTable campaigns, CreditTable credits, ContentFilter filter,
                          Clock clock, Audit audit, SigningKeyTable keys, InviteTable invites) {
        this.invites = invites;
        this.auth = auth;
        this.campaigns = campaigns;
        this.credits = credits;
        this.filter = filter;
        this.clock = clock;
        this.audit = audit;
        this.keys = keys;
    }

    public void register(Router router) {
        router.on("POST", "/v1/campaigns", this::create)
                .on("GET", "/v1/campaigns", this::list)
                .on("GET", "/v1/campaigns/{campaignId}", this::get)
                .on("PATCH", "/v1/campaigns/{campaignId}", this::change)
                .on("GET", "/v1/campaigns/{campaignId}/leaderboard", this::leaderboard)
                .on("GET", "/v1/campaigns/{campaignId}/stats", this::stats)
                .on("POST", "/v1/campaigns/{campaignId}/rewards/{rewardCode}/redeem", this::redeem);
    }

    /**
     * Redeems a reward code once: 200 the first time, 409 {@code reward_redeemed} after, 404
     * for a code it never issued. A signed code that does not verify for this tenant and
     * campaign (forged, altered, another's) is 404 before anything is read; a random code
     * issued before codes were signed is looked up as it always was.
     */
    private ApiResponse redeem(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        JsonFields.of(Json.body(request), Set.of());
        String code = request.pathParam("rewardCode");
        CampaignId campaignId = Views.id(request.pathParam("campaignId"), CampaignId::parse);
        if (Rewards.check(keys.verifyingRing().orElse(null), code, tenant.tenantId(), campaignId)
                == Rewards.Presented.REFUSED) {
            throw RefusalException.notFound();
        }
        Campaign campaign = find(tenant, request);
        audit.change("campaign.reward-redeem", "campaign/" + campaign.campaignId(), "a reward code");
        CreditTable.Redeemed r = credits.redeem(tenant.tenantId(), campaign.campaignId(), code, clock.instant());
        return switch (r.outcome()) {
            case REDEEMED -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("rewardCode", code);
                out.put("memberRef", r.memberRef());
                out.put("redeemedAt", r.redeemedAt().toString());
                yield ApiResponse.json(200, out);
            }
            case ALREADY_REDEEMED -> throw new RefusalException(Refusal.REWARD_REDEEMED,
                    "this reward was redeemed at " + r.redeemedAt());
            case UNKNOWN -> throw RefusalException.notFound();
        };
    }

    /**
     * The top inviters: more qualified first, ties to who reached the count first. A read
     * only reads: credits qualify in the scheduled run ({@code QualificationHandler}).
     */
    private ApiResponse leaderboard(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        int limit = Paging.intParam(request, "limit", 1, 100, 10);
        Campaign campaign = find(tenant, request);
        Map<String, String> rewards = credits.rewardCodes(tenant.tenantId(), campaign.campaignId());
        var top = credits.leaderboard(tenant.tenantId(), campaign.campaignId(), limit);
        // The names members gave for their posters, from their invites (one BatchGetItem).
        Map<String, String> names = invites.displayNames(tenant.tenantId(), campaign.campaignId(),
                top.stream().map(s -> s.memberRef()).toList());
        List<Map<String, Object>> items = top.stream()
                .map(s -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("memberRef", s.memberRef());
                    if (names.containsKey(s.memberRef())) {
                        row.put("displayName", names.get(s.memberRef()));
                    }
                    row.put("qualified", s.qualified());
                    row.put("pending", s.pending());
                    if (rewards.containsKey(s.memberRef())) {
                        row.put("rewardCode", rewards.get(s.memberRef()));
                    }
                    return row;
                }).toList();
        return ApiResponse.json(200, Map.of("items", items));
    }

    /** The campaign's funnel, counted from its invites and credits themselves. */
    private ApiResponse stats(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        Campaign campaign = find(tenant, request);
        CampaignCounts counts = credits.counts(tenant.tenantId(), campaign.campaignId());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("invitesIssued", counts.invitesIssued());
        out.put("inviteScans", counts.inviteScans());
        out.put("joins", counts.joins());
        out.put("pending", counts.pending());
        out.put("qualified", counts.qualified());
        out.put("refused", counts.refused());
        out.put("removed", counts.removed());
        out.put("rewards", counts.rewards());
        out.put("kFactor", CreditRules.kFactor(counts.invitesIssued(), counts.qualified()));
        out.put("generations", CreditRules.generations(counts.inviterOf()).stream()
                .map(g -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("generation", g.generation());
                    row.put("members", g.members());
                    return row;
                }).toList());
        return ApiResponse.json(200, out);
    }

    private ApiResponse create(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        JsonFields body = JsonFields.of(Json.body(request), CREATE_FIELDS);
        Instant now = clock.instant();
        CampaignTarget target = target(body);
        CampaignSettings settings = CampaignSettings.of(body.string("name", CampaignSettings.MAX_NAME_LENGTH + 1),
                body.integer("goal", 1, CampaignSettings.MAX_GOAL),
                body.string("reward", CampaignSettings.MAX_REWARD_LENGTH + 1), instant(body, "endsAt"),
                body.integer("qualifyAfterMinutes", 0, CampaignSettings.MAX_QUALIFY_AFTER_MINUTES),
                body.integer("perInviterDailyLimit", 1, CampaignSettings.MAX_PER_INVITER_DAILY_LIMIT), now);
        filter.checkName(tenant.tenantId(), "name", settings.name());
        filter.check(tenant.tenantId(), "reward", settings.reward());
        CampaignTable.TargetState state = campaigns.target(tenant.tenantId(), target);
        if (!state.exists()) {
            throw noSuchTarget(target);
        }
        if (state.campaignId() != null) {
            campaigns.find(tenant.tenantId(), state.campaignId()).filter(c -> c.activeAt(now))
                    .ifPresent(c -> {
                        throw runsAnother(target, c.campaignId());
                    });
        }
        Campaign campaign = new Campaign(tenant.tenantId(), CampaignId.random(), target, settings,
                CampaignStatus.ACTIVE, tenant.timezone(), now, null);
        audit.change("campaign.create", "campaign/" + campaign.campaignId(), "name " + Audit.quoted(settings.name())
                + " on " + target + ", goal " + settings.goal());
        switch (campaigns.create(campaign, state.campaignId())) {
            case CREATED -> {
                return ApiResponse.json(201, view(campaign, now));
            }
            case TARGET_GONE -> throw noSuchTarget(target);
            default -> throw runsAnother(target, null);
        }
    }

    private ApiResponse list(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        int limit = Paging.intParam(request, "limit", 1, 100, 20);
        String cursor = request.queryParam("cursor");
        CampaignId after = cursor == null ? null : CampaignId.parse(cursor)
                .orElseThrow(() -> RefusalException.badField("cursor", "not a cursor this API returned"));
        CampaignTable.Page page = campaigns.list(tenant.tenantId(), limit, after);
        Instant now = clock.instant();
        List<Map<String, Object>> items = page.items().stream().map(c -> view(c, now)).toList();
        return Paging.page(items, page.nextCursor());
    }

    private ApiResponse get(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        return ApiResponse.json(200, view(find(tenant, request), clock.instant()));
    }

    /**
     * Changes the reward or the end, or ends the campaign now. Ending also unmarks its
     * target, so that joins there stop looking for a campaign and another may start.
     */
    private ApiResponse change(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        JsonFields body = JsonFields.of(Json.body(request), CHANGE_FIELDS);
        String reward = body.string("reward", CampaignSettings.MAX_REWARD_LENGTH + 1);
        boolean setsEndsAt = body.has("endsAt");
        Instant endsAt = instant(body, "endsAt");
        String statusText = body.string("status", 10);
        CampaignStatus status = statusText == null ? null : CampaignStatus.parse(statusText, "status");
        Campaign current = find(tenant, request);
        Instant now = clock.instant();
        Campaign changed = current.with(new Campaign.Change(reward, setsEndsAt, endsAt, status), now);
        if (reward != null) {
            filter.check(tenant.tenantId(), "reward", changed.settings().reward());
        }
        audit.change("campaign.update", "campaign/" + current.campaignId(),
                Audit.changed(body, "reward", "endsAt", "status"));
        if (!campaigns.replaceActive(changed)) {
            throw new RefusalException(Refusal.CONFLICT, "status: the campaign has ended", "status", -1);
        }
        if (changed.status() == CampaignStatus.ENDED) {
            campaigns.release(changed);
        }
        return ApiResponse.json(200, view(changed, now));
    }

    private Campaign find(Tenant tenant, ApiRequest request) {
        return campaigns.find(tenant.tenantId(), Views.id(request.pathParam("campaignId"), CampaignId::parse))
                .orElseThrow(RefusalException::notFound);
    }

    /** The group or the live code the body names: exactly one, an id of the right shape. */
    private static CampaignTarget target(JsonFields body) {
        String group = body.string("groupId", 13);
        String live = body.string("liveCodeId", 13);
        if (group != null && live != null) {
            throw RefusalException.badField("liveCodeId", "give groupId or liveCodeId, not both");
        }
        if (group == null && live == null) {
            throw RefusalException.badField("groupId", "one of groupId and liveCodeId is required");
        }
        return group != null
                ? CampaignTarget.group(GroupId.parse(group).orElseThrow(() -> noSuchTarget("groupId", "group")))
                : CampaignTarget.liveCode(LiveCodeId.parse(live).orElseThrow(() -> noSuchTarget("liveCodeId", "live code")));
    }

    private static RefusalException noSuchTarget(CampaignTarget target) {
        return target.groupId() != null ? noSuchTarget("groupId", "group") : noSuchTarget("liveCodeId", "live code");
    }

    private static RefusalException noSuchTarget(String field, String what) {
        return RefusalException.badField(field, "this tenant has no such " + what);
    }

    private static RefusalException runsAnother(CampaignTarget target, CampaignId other) {
        return new RefusalException(Refusal.CONFLICT, target.field() + ": runs "
                + (other == null ? "another campaign" : "campaign " + other) + " already; end it first",
                target.field(), -1);
    }

    /** An ISO-8601 instant, or null when the body leaves it out or sets it to null. */
    private static Instant instant(JsonFields body, String field) {
        String text = body.string(field, MAX_INSTANT_LENGTH);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw RefusalException.badField(field, "must be an ISO-8601 instant, like 2026-12-31T00:00:00Z");
        }
    }

    static Map<String, Object> view(Campaign c, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("campaignId", c.campaignId().text());
        out.put("name", c.settings().name());
        if (c.target().groupId() != null) {
            out.put("groupId", c.target().groupId().text());
        } else {
            out.put("liveCodeId", c.target().liveCodeId().text());
        }
        out.put("goal", c.settings().goal());
        out.put("reward", c.settings().reward());
        if (c.settings().endsAt() != null) {
            out.put("endsAt", c.settings().endsAt().toString());
        }
        out.put("qualifyAfterMinutes", c.settings().qualifyAfterMinutes());
        out.put("perInviterDailyLimit", c.settings().perInviterDailyLimit());
        out.put("status", c.statusAt(now).wireName());
        out.put("createdAt", c.createdAt().toString());
        if (c.endedAt() != null) {
            out.put("endedAt", c.endedAt().toString());
        }
        return out;
    }
}
