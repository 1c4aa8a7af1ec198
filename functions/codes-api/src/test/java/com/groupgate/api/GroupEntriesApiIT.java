package com.groupgate.api;

import static com.groupgate.entry.QrPictures.WECHAT;
import static com.groupgate.entry.QrPictures.encode;
import static com.groupgate.entry.QrPictures.photographed;
import static com.groupgate.entry.QrPictures.qr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.api.ApiTestbed.MutableClock;
import com.groupgate.api.ApiTestbed.TestTenant;
import com.groupgate.entry.QrPictures;
import com.groupgate.testkit.HttpCalls;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A group's entry as its tenant gives it: a link by {@code PATCH}, or the platform's own
 * group QR picture by {@code PUT …/entry-image} (PNG or JPEG, decoded server-side, stored
 * privately). What is refused is refused with the field named and nothing written.
 */
class GroupEntriesApiIT {
    static final Instant START = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static MutableClock clock;
    static HttpCalls api;
    static TestTenant tenant;

    @BeforeAll
    static void start() {
        clock = new MutableClock(START);
        api = ApiTestbed.api(clock);
        tenant = ApiTestbed.newTenant(api, "Entries");
    }

    private static HttpCalls.Response upload(String groupId, byte[] picture, String contentType, Map<String, String> q) {
        return api.upload("PUT", "/v1/groups/" + groupId + "/entry-image", q, picture, contentType, tenant.auth());
    }

    private static HttpCalls.Response patch(String groupId, String json) {
        return api.call("PATCH", "/v1/groups/" + groupId, json, tenant.auth());
    }

    private static byte[] stored(String key) {
        ResponseBytes<GetObjectResponse> object = ApiTestbed.aws().clients().s3()
                .getObjectAsBytes(g -> g.bucket(ApiTestbed.imagesBucket()).key(key));
        return object.asByteArray();
    }

    /** The picture's S3 key, as the group item holds it (never shown by the API). */
    private static String imageKey(String groupId) {
        return ApiTestbed.mainTableItems("T#" + tenant.tenantId()).stream()
                .filter(i -> i.get("sk").s().equals("GROUP#" + groupId)).findFirst().orElseThrow()
                .get("entry").m().get("imageKey").s();
    }

    @Test
    void aPngOfAWeChatGroupQrBecomesTheGroupsEntryForSevenDays() {
        String groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"WeChat group\",\"preset\":\"wechat\"}");
        byte[] png = encode(qr(WECHAT, 400), "png");
        var r = upload(groupId, png, "image/png", Map.of());
        assertEquals(200, r.status(), r.body());
        var entry = r.json().path("entry");
        assertEquals("image", entry.path("type").asText());
        assertEquals("wechat", entry.path("platform").asText());
        assertEquals(WECHAT, entry.path("payload").asText());
        assertEquals(START.plus(Duration.ofDays(7)).toString(), entry.path("expiresAt").asText());
        assertFalse(entry.has("imageKey") || entry.has("imageUrl"), "the tenant's view names no storage: " + entry);
        // Read back, and the picture is stored as uploaded, privately, under entries/.
        var read = api.get("/v1/groups/" + groupId, tenant.auth());
        assertEquals(entry, read.json().path("entry"));
        String key = imageKey(groupId);
        assertTrue(key.startsWith("entries/" + tenant.tenantId() + "/" + groupId + "/"), key);
        assertArrayEquals(png, stored(key));
    }

    @Test
    void aJpegWithItsOwnExpiryAndAPhonePhotoAtAnAngleDecode() {
        String groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Photo\"}");
        Instant until = START.plus(Duration.ofDays(3));
        var jpeg = upload(groupId, encode(qr(WECHAT, 400), "jpg"), "image/jpeg",
                Map.of("expiresAt", until.toString()));
        assertEquals(200, jpeg.status(), jpeg.body());
        assertEquals(until.toString(), jpeg.json().path("entry").path("expiresAt").asText());
        String first = imageKey(groupId);

        // A photo of the printed code, turned 10° and scaled down, replaces the picture.
        String telegram = "https://t.me/+GroupGateDemo";
        var photo = upload(groupId, encode(photographed(qr(telegram, 600), 10, 0.55), "jpg"), "image/jpeg", Map.of());
        assertEquals(200, photo.status(), photo.body());
        assertEquals(telegram, photo.json().path("entry").path("payload").asText());
        assertEquals("telegram", photo.json().path("entry").path("platform").asText());
        assertTrue(photo.json().path("entry").path("expiresAt").isNull(), "not WeChat: no default expiry");
        assertEquals(0, ApiTestbed.aws().clients().s3().listObjectsV2(l -> l.bucket(ApiTestbed.imagesBucket())
                .prefix(first)).keyCount(), "the replaced picture is removed");
    }

    @Test
    void whatIsNotAGroupQrPictureIsRefusedAndNothingIsWritten() {
        String groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Refusals\"}");
        long items = ApiTestbed.mainTableItemCount();
        long objects = ApiTestbed.imageObjectCount();

        var noQr = upload(groupId, encode(QrPictures.noQrCode(), "png"), "image/png", Map.of());
        assertEquals(422, noQr.status(), noQr.body());
        assertEquals("not_a_qr_code", noQr.errorCode());
        assertEquals("body", noQr.json().path("error").path("field").asText());

        byte[] oversized = Arrays.copyOf(encode(qr(WECHAT, 400), "png"), 2 * 1024 * 1024 + 1);
        var tooLarge = upload(groupId, oversized, "image/png", Map.of());
        assertEquals(413, tooLarge.status(), tooLarge.body());
        assertEquals("body", tooLarge.json().path("error").path("field").asText());

        var bomb = upload(groupId, QrPictures.blankPng(6320, 6320, 16, 6), "image/png", Map.of());
        assertEquals(422, bomb.status(), bomb.body());
        assertEquals("not_a_qr_code", bomb.errorCode());
        assertEquals("body", bomb.json().path("error").path("field").asText());
        assertTrue(bomb.json().path("error").path("message").asText().contains("6320x6320 at 64 bits"), bomb.body());

        var gif = upload(groupId, "GIF89a....".getBytes(), "image/gif", Map.of());
        assertEquals(415, gif.status(), gif.body());
        var mislabelled = upload(groupId, encode(qr(WECHAT, 300), "jpg"), "image/png", Map.of());
        assertEquals(415, mislabelled.status(), mislabelled.body());
        assertEquals("body", mislabelled.json().path("error").path("field").asText());

        var pastExpiry = upload(groupId, encode(qr(WECHAT, 300), "png"), "image/png",
                Map.of("expiresAt", START.minusSeconds(1).toString()));
        assertEquals(400, pastExpiry.status(), pastExpiry.body());
        assertEquals("expiresAt", pastExpiry.json().path("error").path("field").asText());

        var otherTenant = ApiTestbed.newTenant(api, "Someone else");
        items = ApiTestbed.mainTableItemCount();
        var foreign = api.upload("PUT", "/v1/groups/" + groupId + "/entry-image", Map.of(),
                encode(qr(WECHAT, 300), "png"), "image/png", otherTenant.auth());
        assertEquals(404, foreign.status(), foreign.body());

        assertEquals(items, ApiTestbed.mainTableItemCount(), "no item written");
        assertEquals(objects, ApiTestbed.imageObjectCount(), "no picture stored");
        assertTrue(api.get("/v1/groups/" + groupId, tenant.auth()).json().path("entry").isNull());
    }

    @Test
    void aLinkEntryNamesItsPlatformAndOnlyHttpsLinksAreTaken() {
        String groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Links\"}");
        Map<String, String> platforms = Map.of("https://chat.whatsapp.com/AbCdEf123", "whatsapp",
                "https://t.me/+AbCdEf", "telegram", "https://discord.gg/abc", "discord",
                "https://qm.qq.com/q/abc", "qq", "https://qr.dingtalk.com/action/joingroup?code=x", "dingtalk",
                "https://applink.feishu.cn/client/chat/chatter/add_by_link?link_token=x", "feishu",
                "https://join.slack.com/t/x/shared_invite/y", "slack", "https://example.org/join", "other");
        platforms.forEach((url, platform) -> {
            var r = patch(groupId, "{\"entry\":{\"type\":\"link\",\"url\":\"" + url + "\"}}");
            assertEquals(200, r.status(), r.body());
            assertEquals(platform, r.json().path("entry").path("platform").asText(), url);
            assertEquals(url, r.json().path("entry").path("url").asText());
        });
        long items = ApiTestbed.mainTableItemCount();
        for (String bad : new String[] {"http://chat.whatsapp.com/x", "javascript:alert(1)",
                "https://user:pw@chat.whatsapp.com/x", "chat.whatsapp.com/x"}) {
            var r = patch(groupId, "{\"entry\":{\"type\":\"link\",\"url\":\"" + bad + "\"}}");
            assertEquals(400, r.status(), bad + " " + r.body());
            assertEquals("entry.url", r.json().path("error").path("field").asText(), bad);
        }
        var image = patch(groupId, "{\"entry\":{\"type\":\"image\",\"url\":\"https://x.org\"}}");
        assertEquals(400, image.status(), image.body());
        assertEquals("entry.type", image.json().path("error").path("field").asText());
        assertEquals(items, ApiTestbed.mainTableItemCount());
        var removed = patch(groupId, "{\"entry\":null}");
        assertEquals(200, removed.status(), removed.body());
        assertTrue(removed.json().path("entry").isNull(), removed.body());
    }

    @Test
    void theTenantSeesItsEntryExpiringADayAheadAndExpired() {
        MutableClock own = new MutableClock(START);
        HttpCalls later = ApiTestbed.api(own);
        String groupId = ApiTestbed.newGroup(later, tenant, "{\"name\":\"Expiring\"}");
        Instant until = START.plus(Duration.ofDays(2));
        var set = later.call("PATCH", "/v1/groups/" + groupId, "{\"entry\":{\"type\":\"link\",\"url\":"
                + "\"https://chat.whatsapp.com/x\",\"expiresAt\":\"" + until + "\"}}", tenant.auth());
        assertEquals(200, set.status(), set.body());
        assertFalse(set.json().path("entry").path("expiringSoon").asBoolean());
        own.advance(Duration.ofHours(25));
        var soon = later.get("/v1/groups/" + groupId, tenant.auth()).json().path("entry");
        assertTrue(soon.path("expiringSoon").asBoolean(), soon.toString());
        assertFalse(soon.path("expired").asBoolean());
        own.advance(Duration.ofDays(1));
        var expired = later.get("/v1/groups/" + groupId, tenant.auth()).json().path("entry");
        assertTrue(expired.path("expired").asBoolean(), expired.toString());
        assertFalse(expired.path("expiringSoon").asBoolean());
    }
}
