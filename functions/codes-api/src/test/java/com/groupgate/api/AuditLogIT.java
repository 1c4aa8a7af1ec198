package com.groupgate.api;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.audit.AuditEntry;
import com.groupgate.entry.QrPictures;
import com.groupgate.id.TenantId;
import com.groupgate.id.WebhookId;
import com.groupgate.localaws.EmulatorFaults.Kind;
import com.groupgate.storage.webhook.DeliveryTable;
import com.groupgate.testkit.FunctionFaults;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.testkit.TestDeployment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every change made through the API lands in the tenant's audit log in the same
 * transaction: each mutating route of the router, called successfully, adds exactly one
 * entry; a refused or failed call adds none; concurrent changes take consecutive indexes.
 */
class AuditLogIT {
    private static final String FUNCTION = "CodesApiFunction";
    private static HttpCalls api;
    private static ApiTestbed.TestTenant tenant;
    private final FunctionFaults faults = FunctionFaults.of(FUNCTION);

    @BeforeAll
    static void start() {
        api = new HttpCalls(new CodesApiHandler(ApiTestbed.aws().wiring(FUNCTION, Clock.systemUTC(),
                FunctionFaults.SHORT_TIMEOUTS)));
        tenant = ApiTestbed.newTenant(api, "Audited");
    }

    @AfterEach
    void clearFaults() {
        faults.close();
    }

    /** One successful call of a route, after its own setup (which may make audited changes of its own). */
    /** A route's successful call, the action it logs, and the log it goes to (null: the test tenant's). */
    private record Scenario(String action, Supplier<Supplier<HttpCalls.Response>> prepare, String log) {
    }

    private static Scenario scenario(String action, Supplier<Supplier<HttpCalls.Response>> prepare) {
        return new Scenario(action, prepare, null);
    }

    private static Scenario scenarioIn(String log, String action, Supplier<Supplier<HttpCalls.Response>> prepare) {
        return new Scenario(action, prepare, log);
    }

    private static Map<String, String> admin() {
        return bearer(TestDeployment.ADMIN_KEY);
    }

    private static String group(String body) {
        return ApiTestbed.newGroup(api, tenant, body);
    }

    private static String code(String groupId) {
        var code = api.post("/v1/groups/" + groupId + "/codes", "{}", tenant.auth());
        assertEquals(201, code.status(), code.body());
        return code.text("codeId");
    }

    private static String liveCode() {
        String g = group("{\"name\":\"Pool\"}");
        var live = api.post("/v1/live-codes", "{\"name\":\"Poster\",\"groupIds\":[\"" + g + "\"]}", tenant.auth());
        assertEquals(201, live.status(), live.body());
        return live.text("liveCodeId");
    }

    private static String webhook() {
        var hook = api.post("/v1/webhooks", "{\"url\":\"https://1.1.1.1/in\",\"events\":[\"member.joined\"]}",
                tenant.auth());
        assertEquals(201, hook.status(), hook.body());
        return hook.text("webhookId");
    }

    private static String request() {
        return JoinRequestsApiIT.fileRequest(tenant, group("{\"name\":\"Approval\",\"joinPolicy\":\"approval\"}"),
                "alice");
    }

    /**
     * A successful call for every mutating route. A route added to the router without a line
     * here fails {@link #everyMutatingRouteAppendsExactlyOneEntry}: add its call.
     */
    private static Map<String, Scenario> scenarios() {
        Map<String, Scenario> s = new LinkedHashMap<>();
        s.put("POST /v1/tenants", scenario("tenant.create",
                () -> () -> api.post("/v1/tenants", "{\"name\":\"New school\"}", admin())));
        s.put("POST /v1/admin/keys/rotate", scenario("signing-key.rotate",
                () -> () -> api.post("/v1/admin/keys/rotate", null, admin())));
        s.put("POST /v1/admin/keys/{version}/retire", scenario("signing-key.retire", () -> {
            var rotated = api.post("/v1/admin/keys/rotate", null, admin());
            assertEquals(200, rotated.status(), rotated.body());
            int older = rotated.json().path("keyVersion").asInt() - 1;
            // Retiring needs the newer version to have signed for a while: a day later.
            HttpCalls later = ApiTestbed.api(Clock.offset(Clock.systemUTC(), Duration.ofDays(1)));
            return () -> later.post("/v1/admin/keys/" + older + "/retire", null, admin());
        }));
        s.put("POST /v1/batches", scenario("batch.create", () -> {
            String g = group("{\"name\":\"Stores\"}");
            Map<String, String> csv = new java.util.HashMap<>(tenant.auth());
            csv.put("content-type", "text/csv");
            byte[] file = (BatchesApiIT.HEADER + "store-1,Store 1," + g + ",,,,,\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return () -> api.exact("POST", "/v1/batches", file, false, csv);
        }));
        s.put("POST /v1/exports", scenario("export.create", () -> () -> api.post("/v1/exports",
                "{\"kind\":\"members\",\"from\":\"2026-11-01\",\"to\":\"2026-11-02\"}", tenant.auth())));
        s.put("POST /v1/keys", scenario("key.create",
                () -> () -> api.post("/v1/keys", "{\"name\":\"ci\",\"scope\":\"read\"}", tenant.auth())));
        s.put("DELETE /v1/keys/{keyId}", scenario("key.delete", () -> {
            var key = api.post("/v1/keys", "{\"name\":\"old\",\"scope\":\"read\"}", tenant.auth());
            assertEquals(201, key.status(), key.body());
            return () -> api.call("DELETE", "/v1/keys/" + key.text("keyId"), null, tenant.auth());
        }));
        s.put("POST /v1/groups", scenario("group.create",
                () -> () -> api.post("/v1/groups", "{\"name\":\"Class 3\",\"capacity\":40}", tenant.auth())));
        s.put("POST /v1/groups/{groupId}/passcode/rotate", scenario("group.passcode-rotate", () -> {
            String g = group("{\"name\":\"Secret\",\"joinPolicy\":\"passcode\"}");
            return () -> api.post("/v1/groups/" + g + "/passcode/rotate", null, tenant.auth());
        }));
        s.put("PATCH /v1/groups/{groupId}", scenario("group.update", () -> {
            String g = group("{\"name\":\"Before\"}");
            return () -> api.call("PATCH", "/v1/groups/" + g, "{\"name\":\"After\"}", tenant.auth());
        }));
        s.put("PUT /v1/groups/{groupId}/entry-image", scenario("group.entry-image", () -> {
            String g = group("{\"name\":\"Pictured\"}");
            byte[] png = QrPictures.encode(QrPictures.qr("https://weixin.qq.com/g/AbCdEf", 360), "png");
            return () -> api.upload("PUT", "/v1/groups/" + g + "/entry-image", Map.of(), png, "image/png",
                    tenant.auth());
        }));
        s.put("DELETE /v1/groups/{groupId}/members/{memberRef}", scenario("member.remove", () -> {
            String g = group("{\"name\":\"Members\",\"joinPolicy\":\"approval\"}");
            String r = JoinRequestsApiIT.fileRequest(tenant, g, "bob");
            assertEquals(200, api.post("/v1/join-requests/" + r + "/approve", null, tenant.auth()).status());
            return () -> api.call("DELETE", "/v1/groups/" + g + "/members/bob", null, tenant.auth());
        }));
        s.put("POST /v1/join-requests/{requestId}/approve", scenario("join-request.approve", () -> {
            String r = request();
            return () -> api.post("/v1/join-requests/" + r + "/approve", null, tenant.auth());
        }));
        s.put("POST /v1/join-requests/{requestId}/reject", scenario("join-request.reject", () -> {
            String r = request();
            return () -> api.post("/v1/join-requests/" + r + "/reject", null, tenant.auth());
        }));
        s.put("POST /v1/groups/{groupId}/codes", scenario("code.create", () -> {
            String g = group("{\"name\":\"Coded\"}");
            return () -> api.post("/v1/groups/" + g + "/codes", "{\"channel\":\"north\"}", tenant.auth());
        }));
        s.put("POST /v1/codes/{codeId}/refresh", scenario("code.refresh", () -> {
            String c = code(group("{\"name\":\"Fresh\"}"));
            return () -> api.post("/v1/codes/" + c + "/refresh", null, tenant.auth());
        }));
        s.put("POST /v1/codes/{codeId}/revoke", scenario("code.revoke", () -> {
            String c = code(group("{\"name\":\"Revoked\"}"));
            return () -> api.post("/v1/codes/" + c + "/revoke", null, tenant.auth());
        }));
        s.put("POST /v1/live-codes", scenario("live-code.create", () -> {
            String g = group("{\"name\":\"Live\"}");
            return () -> api.post("/v1/live-codes", "{\"name\":\"Store\",\"groupIds\":[\"" + g + "\"]}", tenant.auth());
        }));
        s.put("PUT /v1/live-codes/{liveCodeId}", scenario("live-code.update", () -> {
            String g = group("{\"name\":\"Live 2\"}");
            var live = api.post("/v1/live-codes", "{\"name\":\"Store\",\"groupIds\":[\"" + g + "\"]}", tenant.auth());
            assertEquals(201, live.status(), live.body());
            return () -> api.call("PUT", "/v1/live-codes/" + live.text("liveCodeId"),
                    "{\"name\":\"Store 2\",\"groupIds\":[\"" + g + "\"]}", tenant.auth());
        }));
        s.put("POST /v1/live-codes/{liveCodeId}/revoke", scenario("live-code.revoke", () -> {
            String l = liveCode();
            return () -> api.post("/v1/live-codes/" + l + "/revoke", null, tenant.auth());
        }));
        s.put("POST /v1/webhooks", scenario("webhook.create", () -> () -> api.post("/v1/webhooks",
                "{\"url\":\"https://1.1.1.1/hook\",\"events\":[\"member.joined\"]}", tenant.auth())));
        s.put("PATCH /v1/webhooks/{webhookId}", scenario("webhook.update", () -> {
            String w = webhook();
            return () -> api.call("PATCH", "/v1/webhooks/" + w, "{\"enabled\":false}", tenant.auth());
        }));
        s.put("DELETE /v1/webhooks/{webhookId}", scenario("webhook.delete", () -> {
            String w = webhook();
            return () -> api.call("DELETE", "/v1/webhooks/" + w, null, tenant.auth());
        }));
        s.put("POST /v1/webhooks/{webhookId}/rotate-secret", scenario("webhook.rotate-secret", () -> {
            String w = webhook();
            return () -> api.post("/v1/webhooks/" + w + "/rotate-secret", null, tenant.auth());
        }));
        s.put("POST /v1/webhooks/{webhookId}/test", scenario("webhook.test", () -> {
            String w = webhook();
            return () -> api.post("/v1/webhooks/" + w + "/test", null, tenant.auth());
        }));
        s.put("POST /v1/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver", scenario("webhook.redeliver", () -> {
            String w = webhook();
            var test = api.post("/v1/webhooks/" + w + "/test", null, tenant.auth());
            assertEquals(202, test.status(), test.body());
            String eventId = test.text("eventId");
            String deliveryId = DeliveryTable.deliveryId(WebhookId.parse(w).orElseThrow(), eventId, "auto", 1);
            new DeliveryTable(ApiTestbed.aws().clients().dynamo(), ApiTestbed.mainTable()).record(
                    TenantId.parse(tenant.tenantId()).orElseThrow(), WebhookId.parse(w).orElseThrow(),
                    "auto", new DeliveryTable.Attempt(deliveryId, eventId, "webhook.test", 1, "failed", 500,
                            Instant.now(), false));
            return () -> api.post("/v1/webhooks/" + w + "/deliveries/" + deliveryId + "/redeliver", null,
                    tenant.auth());
        }));
        s.put("POST /v1/campaigns", scenario("campaign.create", () -> {
            String g = group("{\"name\":\"Referred\"}");
            return () -> api.post("/v1/campaigns", "{\"name\":\"Invite 3\",\"groupId\":\"" + g
                    + "\",\"goal\":3,\"reward\":\"a mug\"}", tenant.auth());
        }));
        s.put("PATCH /v1/campaigns/{campaignId}", scenario("campaign.update", () -> {
            String g = group("{\"name\":\"Referred 2\"}");
            var c = api.post("/v1/campaigns", "{\"name\":\"Invite 3\",\"groupId\":\"" + g
                    + "\",\"goal\":3,\"reward\":\"a mug\"}", tenant.auth());
            assertEquals(201, c.status(), c.body());
            return () -> api.call("PATCH", "/v1/campaigns/" + c.text("campaignId"), "{\"status\":\"ended\"}",
                    tenant.auth());
        }));
        s.put("PUT /v1/campaigns/{campaignId}/poster", scenario("campaign.poster", () -> {
            String g = group("{\"name\":\"Posters\"}");
            var c = api.post("/v1/campaigns", "{\"name\":\"Invite 3\",\"groupId\":\"" + g
                    + "\",\"goal\":3,\"reward\":\"a mug\"}", tenant.auth());
            byte[] png = CampaignPosterApiIT.picture(750, 1334, "png");
            return () -> api.upload("PUT", "/v1/campaigns/" + c.text("campaignId") + "/poster",
                    CampaignPosterApiIT.placement(), png, "image/png", tenant.auth());
        }));
        s.put("POST /v1/campaigns/{campaignId}/rewards/{rewardCode}/redeem", scenario("campaign.reward-redeem", () -> {
            String g = group("{\"name\":\"Rewarded\"}");
            var c = api.post("/v1/campaigns", "{\"name\":\"Invite 1\",\"groupId\":\"" + g
                    + "\",\"goal\":1,\"reward\":\"a mug\"}", tenant.auth());
            assertEquals(201, c.status(), c.body());
            String code = CampaignsApiIT.storeReward(tenant, c.text("campaignId"), "alice");
            return () -> api.post("/v1/campaigns/" + c.text("campaignId") + "/rewards/" + code + "/redeem", null,
                    tenant.auth());
        }));
        s.put("PATCH /v1/tenant", scenario("tenant.update",
                () -> () -> api.call("PATCH", "/v1/tenant", "{\"factRetentionDays\":14}", tenant.auth())));
        s.put("POST /v1/erasure", scenario("member.erase", () -> {
            String g = group("{\"name\":\"Erased\",\"joinPolicy\":\"approval\"}");
            JoinRequestsApiIT.fileRequest(tenant, g, "dora");
            return () -> api.post("/v1/erasure", "{\"memberRef\":\"dora\"}", tenant.auth());
        }));
        s.put("PUT /v1/blocked-words", scenario("blocked-words.replace",
                () -> () -> api.call("PUT", "/v1/blocked-words", "{\"words\":[\"qqzzxx\"]}", tenant.auth())));
        s.put("PUT /v1/admin/blocked-words", scenarioIn("operator", "blocked-words.operator.replace",
                () -> () -> api.call("PUT", "/v1/admin/blocked-words", "{\"words\":[]}", admin())));
        ApiTestbed.TestTenant blocked = ApiTestbed.newTenant(api, "Audited blocks");
        String blockedGroup = ApiTestbed.newGroup(api, blocked, "{\"name\":\"Blockable\"}");
        String groupPath = "/v1/admin/tenants/" + blocked.tenantId() + "/groups/" + blockedGroup;
        s.put("POST /v1/admin/tenants/{tenantId}/groups/{groupId}/block", scenarioIn(blocked.tenantId(), "group.block",
                () -> () -> api.post(groupPath + "/block", "{\"reason\":\"court order\"}", admin())));
        s.put("POST /v1/admin/tenants/{tenantId}/groups/{groupId}/unblock", scenarioIn(blocked.tenantId(),
                "group.unblock", () -> () -> api.post(groupPath + "/unblock", "{}", admin())));
        s.put("POST /v1/admin/tenants/{tenantId}/block", scenarioIn(blocked.tenantId(), "tenant.block",
                () -> () -> api.post("/v1/admin/tenants/" + blocked.tenantId() + "/block",
                        "{\"reason\":\"unpaid\"}", admin())));
        s.put("POST /v1/admin/tenants/{tenantId}/unblock", scenarioIn(blocked.tenantId(), "tenant.unblock",
                () -> () -> api.post("/v1/admin/tenants/" + blocked.tenantId() + "/unblock", "{}", admin())));
        ApiTestbed.TestTenant deleted = ApiTestbed.newTenant(api, "Audited deletion");
        s.put("DELETE /v1/admin/tenants/{tenantId}", scenarioIn(deleted.tenantId(), "tenant.delete",
                () -> () -> api.call("DELETE", "/v1/admin/tenants/" + deleted.tenantId(), null, admin())));
        return s;
    }

    @Test
    void everyMutatingRouteAppendsExactlyOneEntry() {
        Set<String> mutating = new CodesApiHandler(ApiTestbed.wiring(Clock.systemUTC())).routes().stream()
                .filter(r -> !r.startsWith("GET ")).collect(Collectors.toCollection(TreeSet::new));
        Map<String, Scenario> scenarios = scenarios();
        assertEquals(mutating, new TreeSet<>(scenarios.keySet()),
                "every mutating route needs a successful call in AuditLogIT.scenarios()");
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Scenario> e : scenarios.entrySet()) {
            Supplier<HttpCalls.Response> call = e.getValue().prepare().get();
            long before = AuditItems.entryCount();
            HttpCalls.Response r = call.get();
            long added = AuditItems.entryCount() - before;
            if (r.status() / 100 != 2) {
                failures.add(e.getKey() + ": answered " + r.status() + " " + r.body());
            } else if (added != 1) {
                failures.add(e.getKey() + ": " + added + " entries");
            } else {
                String log = e.getValue().log() != null ? e.getValue().log()
                        : e.getKey().startsWith("POST /v1/tenants") ? r.text("tenantId")
                        : e.getKey().startsWith("POST /v1/admin/") ? "operator" : tenant.tenantId();
                List<AuditEntry> entries = AuditItems.entries(log);
                AuditEntry last = entries.get(entries.size() - 1);
                if (!last.action().equals(e.getValue().action())) {
                    failures.add(e.getKey() + ": last entry of log " + log + " is " + last.action());
                }
                if (r.body() != null && (r.body().contains("\"secret\"") || r.body().contains("apiKey"))) {
                    String shown = r.json().has("secret") ? r.text("secret") : r.text("apiKey");
                    if (new String(last.leafInput(), java.nio.charset.StandardCharsets.UTF_8).contains(shown)) {
                        failures.add(e.getKey() + ": the entry carries the secret the answer shows once");
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void refusedCallsAppendNothing() {
        String g = group("{\"name\":\"Refusals\",\"joinPolicy\":\"approval\"}");
        String r = JoinRequestsApiIT.fileRequest(tenant, g, "carol");
        assertEquals(200, api.post("/v1/join-requests/" + r + "/approve", null, tenant.auth()).status());
        String c = code(g);
        assertEquals(200, api.post("/v1/codes/" + c + "/revoke", null, tenant.auth()).status());
        long before = AuditItems.entryCount();
        long size = AuditItems.size(tenant.tenantId());

        assertEquals(400, api.post("/v1/groups", "{\"name\":\"x\",\"capacity\":0}", tenant.auth()).status());
        assertEquals(400, api.call("PATCH", "/v1/groups/" + g, "{\"status\":\"gone\"}", tenant.auth()).status());
        assertEquals(409, api.post("/v1/join-requests/" + r + "/reject", null, tenant.auth()).status());
        assertTrue(api.post("/v1/codes/" + c + "/refresh", null, tenant.auth()).status() >= 400);
        assertEquals(404, api.call("DELETE", "/v1/groups/" + g + "/members/nobody", null, tenant.auth()).status());
        assertEquals(404, api.post("/v1/codes/AAAAAAAAAAAAA/revoke", null, tenant.auth()).status());
        assertEquals(401, api.post("/v1/groups", "{\"name\":\"x\"}", bearer("gg_wrong")).status());

        assertEquals(before, AuditItems.entryCount());
        assertEquals(size, AuditItems.size(tenant.tenantId()));
    }

    @Test
    void aChangeWhoseTransactionFailsAppendsNothing() {
        long before = AuditItems.entryCount();
        long size = AuditItems.size(tenant.tenantId());
        String rule = faults.inject(faults.on("dynamodb", "TransactWriteItems", Kind.ERROR_500).always());
        var r = api.post("/v1/groups", "{\"name\":\"Faulty\"}", tenant.auth());
        assertEquals(503, r.status(), r.body());
        assertTrue(faults.fired(rule) >= 1);
        faults.close();
        assertEquals(before, AuditItems.entryCount());
        assertEquals(size, AuditItems.size(tenant.tenantId()));
        assertEquals(List.of(), ApiTestbed.mainTableItems("T#" + tenant.tenantId()).stream()
                .filter(i -> i.containsKey("name") && "Faulty".equals(i.get("name").s())).toList());
    }

    @Test
    void aFailedReadOfTheLogAppendsNothingAndChangesNothing() {
        long before = AuditItems.entryCount();
        faults.inject(faults.on("dynamodb", "GetItem", Kind.ERROR_500).always());
        var r = api.post("/v1/keys", "{\"name\":\"nope\",\"scope\":\"read\"}", tenant.auth());
        faults.close();
        assertEquals(503, r.status(), r.body());
        assertEquals(before, AuditItems.entryCount());
    }

    @Test
    void concurrentChangesTakeConsecutiveIndexes() throws Exception {
        ApiTestbed.TestTenant busy = ApiTestbed.newTenant(api, "Busy");
        int n = 12;
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<HttpCalls.Response>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                calls.add(pool.submit(() -> api.post("/v1/groups", "{\"name\":\"G" + k + "\"}", busy.auth())));
            }
            for (Future<HttpCalls.Response> f : calls) {
                assertEquals(201, f.get().status(), f.get().body());
            }
        } finally {
            pool.shutdownNow();
        }
        List<AuditEntry> entries = AuditItems.entries(busy.tenantId());
        assertEquals(n + 1, entries.size(), "the tenant's creation and one entry per group");
        assertEquals(LongStream.range(0, n + 1).boxed().toList(), entries.stream().map(AuditEntry::index).toList());
        assertEquals(n + 1, AuditItems.size(busy.tenantId()));
        assertEquals(n, entries.stream().filter(e -> e.action().equals("group.create")).map(AuditEntry::target)
                .distinct().count());
    }

    @Test
    void theLogIsListedOldestFirstWithTheBytesThatWereHashed() {
        ApiTestbed.TestTenant t = ApiTestbed.newTenant(api, "Listed");
        for (int i = 0; i < 4; i++) {
            assertEquals(201, api.post("/v1/groups", "{\"name\":\"L" + i + "\"}", t.auth()).status());
        }
        List<Long> indexes = new ArrayList<>();
        String cursor = null;
        do {
            var page = ApiTestbed.audit(Clock.systemUTC()).call("GET", "/v1/audit", cursor == null ? Map.of("limit", "2")
                    : Map.of("limit", "2", "cursor", cursor), null, t.auth(), "198.51.100.7");
            assertEquals(200, page.status(), page.body());
            for (var item : page.json().path("items")) {
                byte[] leafInput = Base64.getDecoder().decode(item.path("leafInput").asText());
                AuditEntry e = AuditEntry.fromLeafInput(leafInput);
                assertEquals(item.path("index").asLong(), e.index());
                assertEquals(item.path("action").asText(), e.action());
                indexes.add(e.index());
            }
            cursor = page.json().path("nextCursor").isNull() ? null : page.json().path("nextCursor").asText();
        } while (cursor != null);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), indexes);
        assertEquals(400, ApiTestbed.audit(Clock.systemUTC()).call("GET", "/v1/audit", Map.of("cursor", "-1"), null, t.auth(), "198.51.100.7")
                .status());
    }
}
