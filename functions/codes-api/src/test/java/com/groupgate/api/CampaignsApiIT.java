package com.groupgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.api.ApiTestbed.MutableClock;
import com.groupgate.api.ApiTestbed.TestTenant;
import com.groupgate.id.CampaignId;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.tenant.TenantDeletionTable;
import com.groupgate.storage.tenant.TenantItemSweep;
import com.groupgate.testkit.HttpCalls;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Referral campaigns through the real codes API on the emulator: created on a group or a
 * live code with the documented defaults, one active campaign per target, ended by PATCH
 * (and then unchangeable) or by its endsAt passing, bad input refused naming the field with
 * nothing written, another tenant's campaign 404, and a tenant's deletion takes them.
 */
class CampaignsApiIT {
    static MutableClock clock;
    static HttpCalls api;

    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        api = new HttpCalls(new CodesApiHandler(ApiTestbed.wiring(clock)));
    }

    private static HttpCalls.Response create(TestTenant tenant, String body) {
        return api.post("/v1/campaigns", body, tenant.auth());
    }

    private static String onGroup(String groupId, String extra) {
        return "{\"name\":\"Invite 3 friends\",\"groupId\":\"" + groupId + "\",\"goal\":3,\"reward\":\"一个月会员\""
                + extra + "}";
    }

    private static HttpCalls.Response patch(TestTenant tenant, String campaignId, String body) {
        return api.call("PATCH", "/v1/campaigns/" + campaignId, body, tenant.auth());
    }

    @Test
    void aCampaignOnAGroupStartsActiveWithTheDefaultsAndReadsBack() {
        TestTenant tenant = ApiTestbed.newTenant(api, "Campaigner");
        String group = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Readers\"}");
        var created = create(tenant, onGroup(group, ""));
        assertEquals(201, created.status(), created.body());
        JsonNode c = created.json();
        assertEquals("active", c.path("status").asText());
        assertEquals(group, c.path("groupId").asText());
        assertEquals(3, c.path("goal").asInt());
        assertEquals("一个月会员", c.path("reward").asText());
        assertEquals(60, c.path("qualifyAfterMinutes").asInt());
        assertEquals(20, c.path("perInviterDailyLimit").asInt());
        assertFalse(c.has("endsAt"));
        assertFalse(c.has("liveCodeId"));

        var read = api.get("/v1/campaigns/" + c.path("campaignId").asText(), tenant.auth());
        assertEquals(200, read.status(), read.body());
        assertEquals(c, read.json());
        var list = api.get("/v1/campaigns", tenant.auth());
        assertEquals(200, list.status(), list.body());
        assertEquals(List.of(c), List.copyOf(iterable(list.json().path("items"))));
    }

    @Test
    void aGroupRunsOneActiveCampaignAtATimeAndEndingOneFreesIt() {
        TestTenant tenant = ApiTestbed.newTenant(api, "One at a time");
        String group = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Readers\"}");
        String first = create(tenant, onGroup(group, "")).text("campaignId");

        var second = create(tenant, onGroup(group, ""));
        assertEquals(409, second.status(), second.body());
        assertEquals("conflict", second.errorCode());
        assertEquals("groupId", second.json().path("error").path("field").asText());

        var ended = patch(tenant, first, "{\"status\":\"ended\"}");
        assertEquals(200, ended.status(), ended.body());
        assertEquals("ended", ended.text("status"));
        assertEquals(clock.instant().toString(), ended.text("endedAt"));
        assertEquals(201, create(tenant, onGroup(group, "")).status());

        var again = patch(tenant, first, "{\"reward\":\"more\"}");
        assertEquals(409, again.status(), again.body());
        assertEquals("status", again.json().path("error").path("field").asText());
    }

    @Test
    void aCampaignPastItsEndReadsEndedAndLetsTheNextOneStart() {
        TestTenant tenant = ApiTestbed.newTenant(api, "Timed");
        String group = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Readers\"}");
        String endsAt = clock.instant().plus(Duration.ofHours(1)).toString();
        String id = create(tenant, onGroup(group, ",\"endsAt\":\"" + endsAt + "\"")).text("campaignId");
        assertEquals(endsAt, api.get("/v1/campaigns/" + id, tenant.auth()).text("endsAt"));

        clock.advance(Duration.ofHours(1));
        assertEquals("ended", api.get("/v1/campaigns/" + id, tenant.auth()).text("status"));
        var next = create(tenant, onGroup(group, ""));
        assertEquals(201, next.status(), next.body());
    }

    @Test
    void aPatchChangesTheRewardAndTheEndAndKeepsTheRest() {
        TestTenant tenant = ApiTestbed.newTenant(api, "Patched");
        String group = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Readers\"}");
        String id = create(tenant, onGroup(group, ",\"endsAt\":\"" + clock.instant().plus(Duration.ofDays(2)) + "\""))
                .text("campaignId");
        var changed = patch(tenant, id, "{\"reward\":\"  two mugs \",\"endsAt\":null}");
        assertEquals(200, changed.status(), changed.body());
        assertEquals("two mugs", changed.text("reward"));
        assertFalse(changed.json().has("endsAt"));
        assertEquals(3, changed.json().path("goal").asInt());
        assertEquals(changed.json(), api.get("/v1/campaigns/" + id, tenant.auth()).json());
    }

    @Test
    void aCampaignOnALiveCodeNamesIt() {
        TestTenant tenant = ApiTestbed.newTenant(api, "Live campaigner");
        String group = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Pool\"}");
        var live = api.post("/v1/live-codes", "{\"name\":\"Poster\",\"groupIds\":[\"" + group + "\"]}", tenant.auth());
        assertEquals(201, live.status(), live.body());
        String liveCodeId = live.text("liveCodeId");
        var created = create(tenant, "{\"name\":\"Grow\",\"liveCodeId\":\"" + liveCodeId
                + "\",\"goal\":5,\"reward\":\"r\",\"qualifyAfterMinutes\":0,\"perInviterDailyLimit\":1000}");
        assertEquals(201, created.status(), created.body());
        assertEquals(liveCodeId, created.text("liveCodeId"));
        assertEquals(0, created.json().path("qualifyAfterMinutes").asInt());
        assertFalse(created.json().has("groupId"));
        // The live code's group is a target of its own: a campaign there is another campaign.
        assertEquals(201, create(tenant, onGroup(group, "")).status());
        assertEquals(409, create(tenant, "{\"name\":\"Grow\",\"liveCodeId\":\"" + liveCodeId
                + "\",\"goal\":5,\"reward\":\"r\"}").status());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no target           | {\"name\":\"n\",\"goal\":3,\"reward\":\"r\"}                                                | groupId",
        "both targets        | {\"name\":\"n\",\"groupId\":\"GROUP\",\"liveCodeId\":\"GROUP\",\"goal\":3,\"reward\":\"r\"} | liveCodeId",
        "unknown group       | {\"name\":\"n\",\"groupId\":\"aaaaaaaaaaaaa\",\"goal\":3,\"reward\":\"r\"}                 | groupId",
        "other tenant group  | {\"name\":\"n\",\"groupId\":\"OTHER\",\"goal\":3,\"reward\":\"r\"}                         | groupId",
        "not an id           | {\"name\":\"n\",\"groupId\":\"x\",\"goal\":3,\"reward\":\"r\"}                             | groupId",
        "no goal             | {\"name\":\"n\",\"groupId\":\"GROUP\",\"reward\":\"r\"}                                    | goal",
        "goal over 100       | {\"name\":\"n\",\"groupId\":\"GROUP\",\"goal\":101,\"reward\":\"r\"}                       | goal",
        "no reward           | {\"name\":\"n\",\"groupId\":\"GROUP\",\"goal\":3}                                          | reward",
        "no name             | {\"groupId\":\"GROUP\",\"goal\":3,\"reward\":\"r\"}                                        | name",
        "ended already       | {\"name\":\"n\",\"groupId\":\"GROUP\",\"goal\":3,\"reward\":\"r\",\"endsAt\":\"2020-01-01T00:00:00Z\"} | endsAt",
        "not an instant      | {\"name\":\"n\",\"groupId\":\"GROUP\",\"goal\":3,\"reward\":\"r\",\"endsAt\":\"tomorrow\"} | endsAt",
        "delay over 3 days   | {\"name\":\"n\",\"groupId\":\"GROUP\",\"goal\":3,\"reward\":\"r\",\"qualifyAfterMinutes\":4321} | qualifyAfterMinutes",
        "zero daily limit    | {\"name\":\"n\",\"groupId\":\"GROUP\",\"goal\":3,\"reward\":\"r\",\"perInviterDailyLimit\":0} | perInviterDailyLimit",
        "unknown field       | {\"name\":\"n\",\"groupId\":\"GROUP\",\"goal\":3,\"reward\":\"r\",\"prize\":1}             | prize",
    })
    void badInputIsRefusedNamingTheFieldAndWritesNothing(String why, String body, String field) {
        TestTenant tenant = ApiTestbed.newTenant(api, "Bad input " + why);
        TestTenant other = ApiTestbed.newTenant(api, "Other " + why);
        String group = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Readers\"}");
        String otherGroup = ApiTestbed.newGroup(api, other, "{\"name\":\"Theirs\"}");
        List<Map<String, AttributeValue>> before = ApiTestbed.mainTableItems("T#" + tenant.tenantId());
        var r = create(tenant, body.replace("GROUP", group).replace("OTHER", otherGroup));
        assertEquals(400, r.status(), r.body());
        assertEquals(field, r.json().path("error").path("field").asText(), r.body());
        assertEquals(before, ApiTestbed.mainTableItems("T#" + tenant.tenantId()));
        assertEquals(0, api.get("/v1/campaigns", tenant.auth()).json().path("items").size());
    }

    @Test
    void anotherTenantsCampaignIsNotFound() {
        TestTenant owner = ApiTestbed.newTenant(api, "Owner");
        TestTenant other = ApiTestbed.newTenant(api, "Stranger");
        String id = create(owner, onGroup(ApiTestbed.newGroup(api, owner, "{\"name\":\"Readers\"}"), ""))
                .text("campaignId");
        assertEquals(404, api.get("/v1/campaigns/" + id, other.auth()).status());
        assertEquals(404, patch(other, id, "{\"status\":\"ended\"}").status());
        assertEquals("active", api.get("/v1/campaigns/" + id, owner.auth()).text("status"));
        assertEquals(0, api.get("/v1/campaigns", other.auth()).json().path("items").size());
    }

    @Test
    void theListPagesThroughEveryCampaignOnce() {
        TestTenant tenant = ApiTestbed.newTenant(api, "Many campaigns");
        Set<String> made = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            made.add(create(tenant, onGroup(ApiTestbed.newGroup(api, tenant, "{\"name\":\"G" + i + "\"}"), ""))
                    .text("campaignId"));
        }
        Set<String> listed = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = api.call("GET", "/v1/campaigns", cursor == null ? Map.of("limit", "2")
                    : Map.of("limit", "2", "cursor", cursor), null, tenant.auth(), null);
            assertEquals(200, page.status(), page.body());
            for (JsonNode c : page.json().path("items")) {
                assertTrue(listed.add(c.path("campaignId").asText()), "listed twice: " + c);
            }
            cursor = page.json().path("nextCursor").isNull() ? null : page.json().path("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(made, listed);
        assertEquals(400, api.call("GET", "/v1/campaigns", Map.of("cursor", "?"), null, tenant.auth(), null).status());
    }

    @Test
    void aTenantsDeletionRemovesItsCampaigns() {
        TestTenant tenant = ApiTestbed.newTenant(api, "Leaving");
        String id = create(tenant, onGroup(ApiTestbed.newGroup(api, tenant, "{\"name\":\"Readers\"}"), ""))
                .text("campaignId");
        assertTrue(campaignItems(tenant).size() == 1, "the campaign is stored under its tenant");
        TenantItemSweep sweep = new TenantItemSweep(ApiTestbed.aws().clients().dynamo(), ApiTestbed.mainTable());
        TenantDeletionTable.Position from = null;
        int pages = 0;
        do {
            from = sweep.sweep(TenantId.parse(tenant.tenantId()).orElseThrow(), from, 1000).next();
        } while (from != null && ++pages < 10_000);
        assertEquals(List.of(), campaignItems(tenant), "campaign " + id + " outlived its tenant");
    }

    /** A random reward code as codes were issued before they were signed: 20 random bytes in base32. */
    static String legacyCode() {
        byte[] bytes = new byte[20];
        new java.security.SecureRandom().nextBytes(bytes);
        return com.groupgate.id.Base32.encode(bytes);
    }

    /** A reward of the campaign for {@code memberRef}, stored as settling stored one before codes were signed. */
    static String storeReward(TestTenant tenant, String campaignId, String memberRef) {
        String code = legacyCode();
        TenantId tenantId = TenantId.parse(tenant.tenantId()).orElseThrow();
        Map<String, AttributeValue> item = new java.util.HashMap<>(MainTableKeys.reward(tenantId,
                CampaignId.parse(campaignId).orElseThrow(), code));
        item.put("rewardCode", AttributeValue.fromS(code));
        item.put("memberRef", AttributeValue.fromS(memberRef));
        item.put("tenantId", AttributeValue.fromS(tenant.tenantId()));
        ApiTestbed.aws().clients().dynamo().putItem(p -> p.tableName(ApiTestbed.mainTable()).item(item));
        return code;
    }

    @Test
    void aRewardCodeIssuedBeforeCodesWereSignedIsRedeemedOnceThenRefusedAndOnlyByItsTenant() {
        TestTenant tenant = ApiTestbed.newTenant(api, "Rewarding");
        TestTenant other = ApiTestbed.newTenant(api, "Not rewarding");
        String id = create(tenant, onGroup(ApiTestbed.newGroup(api, tenant, "{\"name\":\"Readers\"}"), ""))
                .text("campaignId");
        String code = storeReward(tenant, id, "alice");
        String path = "/v1/campaigns/" + id + "/rewards/" + code + "/redeem";
        assertEquals(404, api.post(path, null, other.auth()).status());
        var first = api.post(path, null, tenant.auth());
        assertEquals(200, first.status(), first.body());
        assertEquals("alice", first.text("memberRef"));
        assertEquals(clock.instant().toString(), first.text("redeemedAt"));
        var again = api.post(path, null, tenant.auth());
        assertEquals(409, again.status(), again.body());
        assertEquals("reward_redeemed", again.errorCode());
        assertEquals(404, api.post("/v1/campaigns/" + id + "/rewards/" + legacyCode() + "/redeem", null,
                tenant.auth()).status());
        assertEquals(404, api.post("/v1/campaigns/" + id + "/rewards/not-a-code/redeem", null, tenant.auth()).status());
    }

    private static List<Map<String, AttributeValue>> campaignItems(TestTenant tenant) {
        return ApiTestbed.mainTableItems("T#" + tenant.tenantId()).stream()
                .filter(i -> i.get("sk").s().startsWith("CAMPAIGN#")).toList();
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
