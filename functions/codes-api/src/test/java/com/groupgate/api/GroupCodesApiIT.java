package com.groupgate.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.groupgate.api.ApiTestbed.MutableClock;
import com.groupgate.api.ApiTestbed.TestTenant;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import com.groupgate.image.EdgeImages;
import com.groupgate.testkit.EdgeImageUrls;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.usage.UsageTable;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Issuing, reading, refreshing and revoking group codes, on a clock the test controls. */
class GroupCodesApiIT {
    static final Instant START = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static MutableClock clock;
    static HttpCalls api;
    static TestTenant tenant;
    static String groupId;

    @BeforeAll
    static void start() {
        clock = new MutableClock(START);
        api = ApiTestbed.api(clock);
        tenant = ApiTestbed.newTenant(api, "Codes Corner");
        groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Corner regulars\"}");
    }

    private static HttpCalls.Response issue(String group, String body) {
        var code = api.post("/v1/groups/" + group + "/codes", body, tenant.auth());
        assertEquals(201, code.status(), code.body());
        return code;
    }

    private static Instant expiresAt(HttpCalls.Response code) {
        return Instant.parse(code.text("expiresAt"));
    }

    @Test
    void defaultExpiryIs72HoursAndTtlSecondsIsHonoured() {
        Instant now = clock.instant();
        assertEquals(now.plus(Duration.ofHours(72)), expiresAt(issue(groupId, "{}")));
        assertEquals(now.plusSeconds(60), expiresAt(issue(groupId, "{\"ttlSeconds\":60}")));
        assertEquals(now.plus(Duration.ofDays(30)), expiresAt(issue(groupId, "{\"ttlSeconds\":2592000}")));
    }

    @Test
    void presetsSetCodeExpiryAndExplicitTtlOverrides() {
        Map<String, Duration> lifetimes = Map.of("wechat", Duration.ofHours(72), "qq", Duration.ofDays(30),
                "dingtalk", Duration.ofDays(30), "whatsapp", Duration.ofHours(24));
        Instant now = clock.instant();
        lifetimes.forEach((preset, lifetime) -> {
            String group = ApiTestbed.newGroup(api, tenant, "{\"name\":\"P\",\"preset\":\"" + preset + "\"}");
            assertEquals(now.plus(lifetime), expiresAt(issue(group, "{}")), preset);
            assertEquals(now.plusSeconds(600), expiresAt(issue(group, "{\"ttlSeconds\":600}")), preset);
        });
    }

    @Test
    void storedCodeCarriesTtlAndNoToken() {
        var code = issue(groupId, "{\"channel\":\"store-7\",\"geo\":{\"allowCountries\":[\"CN\"]}}");
        String token = ApiTestbed.token(code.text("scanUrl"));
        Map<String, AttributeValue> item = ApiTestbed.codeItem(tenant.tenantId(), code.text("codeId"));
        assertNotNull(item.get("ttl").n(), "ttl is a number: " + item.get("ttl"));
        long ttl = Long.parseLong(item.get("ttl").n());
        assertTrue(ttl >= expiresAt(code).getEpochSecond(), "ttl " + ttl + " before expiry");
        String tag = token.substring(token.length() - 26);
        for (String text : GroupsApiIT.attributeTexts(item)) {
            String upper = text.toUpperCase();
            assertFalse(upper.contains(token) || upper.contains(tag), "token stored in the code item");
        }
    }

    @Test
    void imageIsAnImmutablePngNamedByItsBytesAndServedByTheEdgeWithoutAnySignature() {
        for (String body : new String[] {"{\"ttlSeconds\":120}", "{}", "{\"ttlSeconds\":2592000}"}) {
            var code = issue(groupId, body);
            String imageKey = ApiTestbed.codeItem(tenant.tenantId(), code.text("codeId")).get("imageKey").s();
            var head = ApiTestbed.aws().clients().s3().headObject(h -> h.bucket(ApiTestbed.imagesBucket())
                    .key(imageKey));
            assertEquals("image/png", head.contentType());
            assertEquals("public, max-age=31536000, immutable", head.cacheControl());
            byte[] stored = ApiTestbed.aws().clients().s3().getObjectAsBytes(g -> g.bucket(ApiTestbed.imagesBucket())
                    .key(imageKey)).asByteArray();
            assertEquals(EdgeImages.key(EdgeImages.Kind.GROUP_CODE, TenantId.parse(tenant.tenantId()).orElseThrow(), stored), imageKey,
                    "the name is the group code prefix, the tenant and the bytes' SHA-256");
            assertTrue(imageKey.startsWith("i/c/" + tenant.tenantId() + "/"), imageKey);
            // On the scan host (lowercased), under /i/, and nothing that expires with credentials.
            assertEquals("http://127.0.0.1:3000/" + imageKey, code.text("imageUrl"));
            var served = EdgeImageUrls.get(code.text("imageUrl"));
            assertEquals(200, served.status());
            assertArrayEquals(stored, served.body());
            assertEquals("public, max-age=31536000, immutable", served.headers().get("cache-control"));
        }
    }

    @Test
    void everyIssuedImageDecodesToItsScanUrl() throws Exception {
        for (String ecc : new String[] {"L", "M", "Q", "H"}) {
            for (int modulePx : new int[] {4, 12}) {
                var code = issue(groupId, "{\"ecc\":\"" + ecc + "\",\"modulePx\":" + modulePx + "}");
                assertEquals(ecc, code.text("ecc"));
                byte[] png = fetch(code.text("imageUrl"));
                assertEquals(code.text("scanUrl"), decode(png), ecc + "/" + modulePx);
            }
        }
    }

    @Test
    void getShowsActiveThenExpiredAsTheClockPassesExpiry() {
        MutableClock own = new MutableClock(clock.instant());
        HttpCalls timed = ApiTestbed.api(own);
        var code = timed.post("/v1/groups/" + groupId + "/codes", "{\"ttlSeconds\":60}", tenant.auth());
        assertEquals(201, code.status(), code.body());
        var active = timed.get("/v1/codes/" + code.text("codeId"), tenant.auth());
        assertEquals(200, active.status(), active.body());
        assertEquals("active", active.text("status"));
        assertEquals(0, active.json().path("scansToday").asInt());
        assertTrue(active.json().has("supersededBy") && active.json().path("supersededBy").isNull(), active.body());
        assertEquals(code.text("scanUrl"), active.text("scanUrl"));
        own.advance(Duration.ofSeconds(59));
        assertEquals("active", timed.get("/v1/codes/" + code.text("codeId"), tenant.auth()).text("status"));
        own.advance(Duration.ofSeconds(1));
        assertEquals("expired", timed.get("/v1/codes/" + code.text("codeId"), tenant.auth()).text("status"));
    }

    @Test
    void refreshSupersedesTheOldCodeWithTheSameSettings() {
        var old = issue(groupId, "{\"ttlSeconds\":3600,\"channel\":\"ad-1\",\"dailyScanLimit\":7,\"ecc\":\"Q\","
                + "\"modulePx\":5,\"geo\":{\"denyCountries\":[\"RU\"],\"allowCidrs\":[\"10.0.0.0/8\"]}}");
        clock.advance(Duration.ofSeconds(10));
        var fresh = api.post("/v1/codes/" + old.text("codeId") + "/refresh", null, tenant.auth());
        assertEquals(201, fresh.status(), fresh.body());
        assertNotEquals(old.text("codeId"), fresh.text("codeId"));
        assertNotEquals(old.text("scanUrl"), fresh.text("scanUrl"));
        assertEquals(groupId, fresh.text("groupId"));
        assertEquals("active", fresh.text("status"));
        assertEquals(clock.instant().plusSeconds(3600), expiresAt(fresh));
        for (String field : new String[] {"channel", "dailyScanLimit", "ecc", "modulePx", "geo"}) {
            assertEquals(old.json().path(field), fresh.json().path(field), field);
        }
        var superseded = api.get("/v1/codes/" + old.text("codeId"), tenant.auth());
        assertEquals("superseded", superseded.text("status"), superseded.body());
        assertEquals(fresh.text("codeId"), superseded.text("supersededBy"));

        var again = api.post("/v1/codes/" + old.text("codeId") + "/refresh", null, tenant.auth());
        assertEquals(410, again.status(), again.body());
        assertEquals("superseded", again.errorCode());
    }

    @Test
    void revokeIsFinalAndARevokedCodeCannotBeRefreshed() {
        var code = issue(groupId, "{}");
        var revoked = api.post("/v1/codes/" + code.text("codeId") + "/revoke", null, tenant.auth());
        assertEquals(200, revoked.status(), revoked.body());
        assertEquals("revoked", revoked.text("status"));
        assertEquals("revoked", api.get("/v1/codes/" + code.text("codeId"), tenant.auth()).text("status"));
        long itemsBefore = ApiTestbed.mainTableItemCount();
        long imagesBefore = ApiTestbed.imageObjectCount();
        var refresh = api.post("/v1/codes/" + code.text("codeId") + "/refresh", null, tenant.auth());
        assertEquals(410, refresh.status(), refresh.body());
        assertEquals("revoked", refresh.errorCode());
        assertEquals(itemsBefore, ApiTestbed.mainTableItemCount());
        assertEquals(imagesBefore, ApiTestbed.imageObjectCount(), "no orphan image for a refused refresh");
    }

    @Test
    void unknownCodesAreNotFound() {
        String unknown = Id.random().toString();
        assertEquals(404, api.get("/v1/codes/" + unknown, tenant.auth()).status());
        assertEquals(404, api.post("/v1/codes/" + unknown + "/refresh", null, tenant.auth()).status());
        assertEquals(404, api.post("/v1/codes/" + unknown + "/revoke", null, tenant.auth()).status());
        assertEquals(404, api.post("/v1/groups/" + unknown + "/codes", "{}", tenant.auth()).status());
    }

    @Test
    void usageCountsEachIssuedAndRefreshedCodeAndItsImageBytes() {
        TestTenant metered = ApiTestbed.newTenant(api, "Metered");
        String group = ApiTestbed.newGroup(api, metered, "{\"name\":\"M\"}");
        TenantId tenantId = TenantId.parse(metered.tenantId()).orElseThrow();
        String month = UsageTable.month(clock.instant());
        Map<String, Long> before = usage(tenantId, month);
        assertEquals(0L, before.get("codesIssued"));

        var code = api.post("/v1/groups/" + group + "/codes", "{}", metered.auth());
        assertEquals(201, code.status(), code.body());
        long firstBytes = storedBytes(metered, code.text("codeId"));
        Map<String, Long> afterIssue = usage(tenantId, month);
        assertEquals(1L, afterIssue.get("codesIssued"));
        assertEquals(firstBytes, afterIssue.get("imageBytesStored"));

        var fresh = api.post("/v1/codes/" + code.text("codeId") + "/refresh", null, metered.auth());
        assertEquals(201, fresh.status(), fresh.body());
        long secondBytes = storedBytes(metered, fresh.text("codeId"));
        Map<String, Long> afterRefresh = usage(tenantId, month);
        assertEquals(2L, afterRefresh.get("codesIssued"));
        assertEquals(firstBytes + secondBytes, afterRefresh.get("imageBytesStored"));

        api.post("/v1/codes/" + fresh.text("codeId") + "/revoke", null, metered.auth());
        assertEquals(afterRefresh, usage(tenantId, month), "revoking issues nothing");
    }

    private static Map<String, Long> usage(TenantId tenantId, String month) {
        return UsageTable.read(ApiTestbed.aws().clients().dynamo(), ApiTestbed.mainTable(), tenantId, month);
    }

    private static long storedBytes(TestTenant t, String codeId) {
        String key = ApiTestbed.codeItem(t.tenantId(), codeId).get("imageKey").s();
        return ApiTestbed.aws().clients().s3().headObject(h -> h.bucket(ApiTestbed.imagesBucket()).key(key))
                .contentLength();
    }

    static byte[] fetch(String url) throws Exception {
        var r = EdgeImageUrls.get(url);
        assertEquals(200, r.status(), url);
        return r.body();
    }

    static String decode(byte[] png) throws Exception {
        var image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "not a readable PNG");
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                .getText();
    }
}
