package com.groupgate.localrun;

import static com.groupgate.entry.QrPictures.encode;
import static com.groupgate.entry.QrPictures.qr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.localaws.EmulatorFaults.Kind;
import com.groupgate.jobs.TenantDeletionHandler;
import com.groupgate.testkit.FunctionFaults;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An operator deletes a tenant with a bit of everything — groups with link and picture
 * entries, codes and a live code with their pictures, members, a join request, a second
 * key, scans counted into the rollups — next to a second tenant with the same. The
 * deletion answers 202 at once, shows its progress while the scheduled run works through
 * it page by page (pages of 7 items, so it takes many runs, one of which fails half-way
 * and is resumed), and ends with nothing of the tenant left in either table or the bucket
 * but the deletion's own record, its keys refused and its codes dead; the other tenant
 * keeps every item and object it had.
 */
class TenantDeletionIT {
    /**
     * The bound on a deletion's run here: its analytics phase scans the whole analytics table,
     * which holds every rollup the module's other tests wrote (two more per fact since labels
     * and per-group labels), one serialized emulator request a page.
     */
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String FUNCTION = LocalGroupGate.TENANT_DELETION_FUNCTION;

    private static LocalGroupGate local;
    private static LocalApi api;
    private static URI base;

    @BeforeAll
    static void start() {
        local = RecordedStack.builder()
                .tenantDeletion(w -> new TenantDeletionHandler(w, Duration.ofSeconds(1), 7))
                .tenantDeletionInterval(Duration.ofMillis(300)).auditCheckpointInterval(Duration.ofSeconds(2)).build();
        base = local.start(0);
        api = new LocalApi(base);
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
    }

    /** What a test tenant was given: its id, its keys, a code path to scan. */
    private record Seeded(String tenantId, String key, String readKey, String scanPath) {
    }

    @Test
    void aDeletedTenantLeavesOnlyItsDeletionRecordAndTheOtherTenantKeepsEverything() throws Exception {
        Seeded doomed = seed("Closing Down Co");
        Seeded kept = seed("Staying Co");
        awaitRollups(doomed.tenantId());
        awaitRollups(kept.tenantId());
        Set<String> keptItems = items(kept.tenantId());
        Set<String> keptObjects = objects(kept.tenantId());
        assertTrue(items(doomed.tenantId()).size() > 20, "the doomed tenant has items: " + items(doomed.tenantId()));
        assertTrue(objects(doomed.tenantId()).size() >= 4, "codes, live code and entry pictures, its word list");

        // A signed checkpoint of the doomed tenant's log: the one thing of its log that stays.
        api.expect(200, "POST", "/v1/audit/checkpoint", null, doomed.key());
        assertTrue(items(doomed.tenantId()).stream().anyMatch(i -> i.startsWith("AuditTable LOG#")
                && i.contains("|E#")), "the tenant's changes are in its audit log");
        long entriesBefore = items(doomed.tenantId()).stream()
                .filter(i -> i.startsWith("AuditTable LOG#") && i.contains("|E#")).count();
        JsonNode started;
        try (FunctionFaults faults = FunctionFaults.of(FUNCTION)) {
            // One run's deletes fail half-way (after one page went): the next run resumes.
            String fault = faults.inject(faults.on("dynamodb", "BatchWriteItem", Kind.ERROR_500).skip(1).times(1));
            started = api.expect(202, "DELETE", "/v1/admin/tenants/" + doomed.tenantId(), null, local.adminKey());
            assertEquals("deleting", started.path("status").asText(), started.toString());
            JsonNode again = api.expect(202, "DELETE", "/v1/admin/tenants/" + doomed.tenantId(), null,
                    local.adminKey());
            assertEquals(started.path("deletion").path("startedAt"), again.path("deletion").path("startedAt"),
                    "asking twice is one deletion");
            List<String> phases = awaitDeleted(doomed.tenantId());
            assertTrue(phases.size() >= 3, "progress is visible while it runs: " + phases);
            assertEquals(1, faults.fired(fault), "one run failed half-way and the next resumed");
        }

        JsonNode done = api.expect(200, "GET", "/v1/admin/tenants/" + doomed.tenantId(), null, local.adminKey());
        assertEquals("deleted", done.path("status").asText(), done.toString());
        assertTrue(done.path("deletion").path("itemsDeleted").asLong() > 20, done.toString());
        assertTrue(done.path("deletion").path("objectsDeleted").asLong() >= 4, done.toString());
        assertTrue(done.path("deletion").hasNonNull("finishedAt"), done.toString());

        assertEquals(Set.of("MainTable TENANTDEL|" + doomed.tenantId()), withoutCheckpoints(items(doomed.tenantId())),
                "only the deletion's own record is left, and the log's signed checkpoints");
        assertTrue(items(doomed.tenantId()).contains("AuditTable LOG#" + doomed.tenantId() + "|C#"
                + String.format("%016d", entriesBefore + 1)), "the log went only after a checkpoint signed all of it,"
                + " the deletion's own entry included: " + items(doomed.tenantId()));
        assertEquals(Set.of(), objects(doomed.tenantId()));
        int scan = api.call("GET", doomed.scanPath(), null, null).path("_status").asInt();
        assertTrue(scan >= 400 && scan < 500, "its code no longer answers a scan: " + scan);

        assertTrue(items(kept.tenantId()).containsAll(keptItems), "the other tenant keeps every item");
        assertEquals(keptObjects, objects(kept.tenantId()), "and every object");
        api.expect(200, "GET", "/v1/groups", null, kept.key());
        assertEquals("active", api.expect(200, "GET", "/v1/admin/tenants/" + kept.tenantId(), null,
                local.adminKey()).path("status").asText());

        // A container remembers a key it checked for at most 60 s: then both keys are refused.
        Eventually.await(Duration.ofSeconds(75), "the deleted tenant's keys to be refused",
                () -> api.call("GET", "/v1/groups", null, doomed.key()).path("_status").asInt() == 401
                        && api.call("GET", "/v1/groups", null, doomed.readKey()).path("_status").asInt() == 401);
        assertEquals(Set.of("MainTable TENANTDEL|" + doomed.tenantId()), withoutCheckpoints(items(doomed.tenantId())),
                "what the keys' last minute could still do left nothing behind");
    }

    @Test
    void anUnknownTenantIs404AndOnlyTheAdminMayDelete() {
        JsonNode created = api.expect(201, "POST", "/v1/tenants", "{\"name\":\"Curious Co\"}", local.adminKey());
        String key = created.path("apiKey").asText();
        String tenantId = created.path("tenantId").asText();
        api.expect(404, "DELETE", "/v1/admin/tenants/aaaaaaaaaaaaa", null, local.adminKey());
        api.expect(404, "GET", "/v1/admin/tenants/aaaaaaaaaaaaa", null, local.adminKey());
        api.expect(401, "DELETE", "/v1/admin/tenants/" + tenantId, null, key);
        api.expect(401, "GET", "/v1/admin/tenants/" + tenantId, null, key);
        assertEquals("active", api.expect(200, "GET", "/v1/admin/tenants/" + tenantId, null, local.adminKey())
                .path("status").asText());
        api.expect(200, "GET", "/v1/groups", null, key);
    }

    // ---- a tenant with a bit of everything -------------------------------------------

    private static Seeded seed(String name) throws Exception {
        JsonNode created = api.expect(201, "POST", "/v1/tenants", "{\"name\":\"" + name + "\"}", local.adminKey());
        String key = created.path("apiKey").asText();
        String tenantId = created.path("tenantId").asText();
        String readKey = api.expect(201, "POST", "/v1/keys", "{\"name\":\"wall\",\"scope\":\"read\"}", key)
                .path("apiKey").asText();
        api.expect(200, "PUT", "/v1/blocked-words", "{\"words\":[\"xyzzy" + name.length() + "\"]}", key);
        String open = api.expect(201, "POST", "/v1/groups", "{\"name\":\"Open\",\"capacity\":50}", key)
                .path("groupId").asText();
        api.expect(200, "PATCH", "/v1/groups/" + open,
                "{\"entry\":{\"type\":\"link\",\"url\":\"https://chat.whatsapp.com/Ab12Cd34\"}}", key);
        String pictured = api.expect(201, "POST", "/v1/groups", "{\"name\":\"Pictured\",\"preset\":\"wechat\"}", key)
                .path("groupId").asText();
        HttpResponse<String> uploaded = HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/groups/" + pictured
                        + "/entry-image")).PUT(HttpRequest.BodyPublishers.ofByteArray(
                                encode(qr("https://weixin.qq.com/g/" + tenantId, 300), "png")))
                .header("Content-Type", "image/png").header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, uploaded.statusCode(), uploaded.body());
        String approval = api.expect(201, "POST", "/v1/groups", "{\"name\":\"Asked\",\"joinPolicy\":\"approval\"}",
                key).path("groupId").asText();
        JsonNode code = api.expect(201, "POST", "/v1/groups/" + open + "/codes", "{\"channel\":\"poster\"}", key);
        JsonNode asked = api.expect(201, "POST", "/v1/groups/" + approval + "/codes", "{\"channel\":\"menu\"}", key);
        api.expect(201, "POST", "/v1/live-codes", "{\"name\":\"Live\",\"groupIds\":[\"" + open + "\",\"" + pictured
                + "\"],\"switchAfterJoins\":10}", key);
        for (int i = 0; i < 3; i++) {
            assertEquals("joined", api.scanAndJoin(code, "m" + i).path("status").asText());
        }
        api.scanAndJoin(asked, "asker");
        // A referral campaign with a poster template, and one member's poster drawn.
        String campaignId = api.expect(201, "POST", "/v1/campaigns", "{\"name\":\"Invite 3\",\"groupId\":\"" + open
                + "\",\"goal\":3,\"reward\":\"a mug\"}", key).path("campaignId").asText();
        HttpResponse<String> template = HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/campaigns/" + campaignId
                        + "/poster?qrX=250&qrY=900&qrSize=250&nameX=80&nameY=320&nameSize=64&nameColor=000000"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(CampaignPosterIT.template()))
                .header("Content-Type", "image/png").header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, template.statusCode(), template.body());
        JsonNode inviter = api.scanAndJoin(code, "inviter");
        HttpResponse<String> poster = HTTP.send(HttpRequest.newBuilder(URI.create(inviter.path("invite")
                .path("posterUrl").asText())).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, poster.statusCode(), inviter.toString());
        return new Seeded(tenantId, key, readKey, LocalApi.scanPath(code));
    }

    // ---- what is stored ---------------------------------------------------------------

    /**
     * Every item in either table that names {@code tenantId} anywhere — its key, an
     * attribute, a nested one — as {@code "<table> <pk>|<sk>"}.
     */
    private static Set<String> items(String tenantId) {
        Set<String> out = new LinkedHashSet<>();
        for (String table : List.of("MainTable", "AnalyticsTable", "AuditTable")) {
            String name = local.resources().ref(table);
            for (Map<String, AttributeValue> item : local.clients().dynamo().scanPaginator(s -> s.tableName(name))
                    .items()) {
                if (item.toString().contains(tenantId)) {
                    out.add(table + " " + item.get("pk").s() + "|" + item.get("sk").s());
                }
            }
        }
        return out;
    }

    private static Set<String> withoutCheckpoints(Set<String> items) {
        Set<String> out = new LinkedHashSet<>(items);
        out.removeIf(i -> i.startsWith("AuditTable LOG#") && i.contains("|C#"));
        return out;
    }

    private static Set<String> objects(String tenantId) {
        String bucket = local.resources().ref("ImagesBucket");
        Set<String> out = new HashSet<>();
        for (S3Object o : local.clients().s3().listObjectsV2Paginator(l -> l.bucket(bucket)).contents()) {
            if (o.key().contains(tenantId)) {
                out.add(o.key());
            }
        }
        return out;
    }

    private static void awaitRollups(String tenantId) {
        Eventually.await(WAIT, "the tenant's scans to reach the rollups",
                () -> items(tenantId).stream().anyMatch(i -> i.startsWith("AnalyticsTable ")));
    }

    /** Polls the deletion until it is done; the phases seen on the way. */
    private static List<String> awaitDeleted(String tenantId) {
        List<String> seen = new ArrayList<>();
        Instant until = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(until)) {
            JsonNode state = api.expect(200, "GET", "/v1/admin/tenants/" + tenantId, null, local.adminKey());
            String phase = state.path("deletion").path("phase").asText();
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(phase)) {
                seen.add(phase);
            }
            if ("deleted".equals(state.path("status").asText())) {
                return seen;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the deletion did not finish within " + WAIT + "; phases seen " + seen);
    }
}
