package com.groupgate.scan;

import static com.groupgate.entry.QrPictures.WECHAT;
import static com.groupgate.entry.QrPictures.encode;
import static com.groupgate.entry.QrPictures.qr;
import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.config.Wiring;
import com.groupgate.image.S3GetSigner;
import com.groupgate.join.Totp;
import com.groupgate.testkit.TestDeployment;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.testkit.PresignedUrls;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The group's entry reaches only a joiner whose join was accepted: in the 200 join answer
 * (open and passcode groups) or through the request's statusUrl once approved. Scans,
 * refused joins, pending requests, logs and other routes never carry it; a revealed
 * picture is a presigned link to the same bytes that stops working.
 */
class EntryRevealIT {
    static final String WHATSAPP = "https://chat.whatsapp.com/GroupGateEntryReveal";
    /** Where status links live in the test stack: the scan base with /S/ made /R/. */
    static final String STATUS_BASE = TestDeployment.SCAN_BASE.replace("/S/", "/R/");
    static ScanWorld world;
    static ScanWorld.Tenant tenant;
    static byte[] picture;

    @BeforeAll
    static void start() {
        world = new ScanWorld();
        tenant = world.tenant("Entry reveal", null);
        picture = encode(qr(WECHAT, 360), "png");
    }

    private static JsonNode groupWithPicture(String json) {
        JsonNode group = world.group(tenant, json);
        var r = world.api.upload("PUT", "/v1/groups/" + group.path("groupId").asText() + "/entry-image", Map.of(),
                picture, "image/png", bearer(tenant.apiKey()));
        assertEquals(200, r.status(), r.body());
        return group;
    }

    private static JsonNode groupWithLink(String json) {
        JsonNode group = world.group(tenant, json);
        var r = world.api.call("PATCH", "/v1/groups/" + group.path("groupId").asText(),
                "{\"entry\":{\"type\":\"link\",\"url\":\"" + WHATSAPP + "\"}}", bearer(tenant.apiKey()));
        assertEquals(200, r.status(), r.body());
        return group;
    }

    private static String codePath(JsonNode group) {
        return ScanWorld.path(world.code(tenant, group.path("groupId").asText(), "{}"));
    }

    /** No trace of the entry: neither the link, the payload nor where the picture is stored. */
    private static void assertNoEntry(String text) {
        for (String secret : List.of(WHATSAPP, "whatsapp.com", WECHAT, "weixin", "entries/", "X-Amz-Signature", "\"entry\":")) {
            assertFalse(text.contains(secret), "the entry leaked (" + secret + "): " + text);
        }
    }

    /** A GET of a picture link the scan function presigned, as the joiner's phone makes it. */
    private static HttpResponse<byte[]> fetch(String url) {
        return PresignedUrls.get(url, "ScanFunction");
    }

    @Test
    void anOpenGroupRevealsItsPictureOnlyInTheJoinAnswer() throws Exception {
        String path = codePath(groupWithPicture("{\"name\":\"Open WeChat\",\"capacity\":100}"));
        var json = world.scanJson(path);
        assertEquals(200, json.status(), json.body());
        assertNoEntry(json.body());
        var html = world.scan(path, Map.of("accept", "text/html"), ScanWorld.SOURCE_IP);
        assertEquals(200, html.status());
        assertNoEntry(html.body());

        var joined = world.join(path, ScanWorld.joinBody(json.text("joinTicket"), "wx-1", null));
        assertEquals(200, joined.status(), joined.body());
        JsonNode entry = joined.json().path("entry");
        assertEquals("image", entry.path("type").asText(), joined.body());
        assertEquals("wechat", entry.path("platform").asText());
        assertFalse(entry.has("payload") || entry.has("imageKey"), "the joiner gets the picture only: " + entry);
        String url = entry.path("imageUrl").asText();
        assertTrue(url.contains("X-Amz-Expires=600"), "valid ten minutes at most: " + url);
        var image = fetch(url);
        assertEquals(200, image.statusCode());
        assertArrayEquals(picture, image.body(), "the picture as uploaded");
        // The same ticket and member again: the same join, the entry again.
        var again = world.join(path, ScanWorld.joinBody(json.text("joinTicket"), "wx-1", null));
        assertEquals("image", again.json().path("entry").path("type").asText(), again.body());
    }

    @Test
    void aRevealedPictureLinkIsSignedNowForTenMinutesAndThenRefused() throws Exception {
        String path = codePath(groupWithPicture("{\"name\":\"Short-lived link\",\"capacity\":10}"));
        var joined = world.join(path, ScanWorld.joinBody(world.ticket(path), "late", null));
        URI url = URI.create(joined.json().path("entry").path("imageUrl").asText());
        Map<String, String> query = query(url);
        assertEquals("600", query.get("X-Amz-Expires"), url.toString());
        assertEquals(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .format(world.clock.instant()), query.get("X-Amz-Date"), "signed at the join");
        // The same link signed eleven minutes ago (by the scan function's own credentials) is refused.
        MutableClock elevenMinutesAgo = new MutableClock(Instant.now().minus(Duration.ofMinutes(11)));
        Wiring scan = TestDeployment.get().wiring("ScanFunction", elevenMinutesAgo);
        String key = url.getPath().substring(url.getPath().indexOf("/entries/") + 1);
        URI old = new S3GetSigner(scan.aws(), scan.config().imagesBucket(), elevenMinutesAgo)
                .presign(key, S3GetSigner.MAX_VALIDITY);
        var image = fetch(old.toString());
        assertEquals(403, image.statusCode(), new String(image.body(), StandardCharsets.UTF_8));
        assertEquals(200, fetch(url.toString()).statusCode(), "while the fresh one still works");
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void aPasscodeGroupRevealsItsLinkOnlyForTheRightPasscode() {
        JsonNode group = groupWithLink("{\"name\":\"Passcode WhatsApp\",\"joinPolicy\":\"passcode\"}");
        byte[] secret = Totp.parseSecretOrNull(group.path("passcodeSecret").asText());
        String path = codePath(group);
        String ticket = world.ticket(path);
        String right = Totp.PASSCODE.codeAt(secret, world.clock.instant().getEpochSecond());
        String wrong = right.equals("000000") ? "111111" : "000000";
        var refused = world.join(path, ScanWorld.joinBody(ticket, "pc-1", wrong));
        assertEquals(403, refused.status(), refused.body());
        assertNoEntry(refused.body());
        var joined = world.join(path, ScanWorld.joinBody(ticket, "pc-1", right));
        assertEquals(200, joined.status(), joined.body());
        assertEquals("link", joined.json().path("entry").path("type").asText());
        assertEquals("whatsapp", joined.json().path("entry").path("platform").asText());
        assertEquals(WHATSAPP, joined.json().path("entry").path("url").asText());
    }

    @Test
    void anApprovalGroupRevealsItsEntryThroughTheStatusUrlOnceApproved() {
        JsonNode group = groupWithLink("{\"name\":\"Approval WhatsApp\",\"joinPolicy\":\"approval\"}");
        String path = codePath(group);
        var filed = world.join(path, ScanWorld.joinBody(world.ticket(path), "ap-1", null));
        assertEquals(202, filed.status(), filed.body());
        assertNoEntry(filed.body());
        String statusUrl = filed.text("statusUrl");
        assertTrue(statusUrl.startsWith(STATUS_BASE), statusUrl);
        String statusPath = "/R/" + statusUrl.substring(STATUS_BASE.length());

        var pending = status(statusPath);
        assertEquals(200, pending.status(), pending.body());
        assertEquals("pending", pending.text("status"));
        assertNoEntry(pending.body());
        var page = world.scans().call("GET", statusPath, Map.of(), null, Map.of(), ScanWorld.SOURCE_IP);
        assertEquals(200, page.status());
        assertNoEntry(page.body());

        var approved = world.api.post("/v1/join-requests/" + filed.text("requestId") + "/approve", null,
                bearer(tenant.apiKey()));
        assertEquals(200, approved.status(), approved.body());
        assertNoEntry(approved.body());
        var shown = status(statusPath);
        assertEquals("approved", shown.text("status"), shown.body());
        assertEquals(WHATSAPP, shown.json().path("entry").path("url").asText());
        var shownPage = world.scans().call("GET", "/r/" + statusPath.substring(3),
                Map.of(), null, Map.of("accept-language", "zh-CN,zh;q=0.9"), ScanWorld.SOURCE_IP);
        assertTrue(shownPage.body().contains("href=\"" + WHATSAPP + "\""), shownPage.body());
        assertTrue(shownPage.body().contains("打开群聊"), "the scanner's language");
    }

    @Test
    void aRejectedRequestShowsNoEntryAndAStatusUrlCannotBeForged() {
        JsonNode group = groupWithLink("{\"name\":\"Rejecting\",\"joinPolicy\":\"approval\"}");
        String path = codePath(group);
        var filed = world.join(path, ScanWorld.joinBody(world.ticket(path), "rj-1", null));
        assertEquals(202, filed.status(), filed.body());
        String token = filed.text("statusUrl").substring(STATUS_BASE.length());
        assertEquals(200, world.api.post("/v1/join-requests/" + filed.text("requestId") + "/reject", null,
                bearer(tenant.apiKey())).status());
        var rejected = status("/R/" + token);
        assertEquals("rejected", rejected.text("status"), rejected.body());
        assertNoEntry(rejected.body());

        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        for (String forged : List.of(tampered, "x", token + "A", filed.text("requestId"))) {
            var r = status("/R/" + forged);
            assertEquals(404, r.status(), forged + " " + r.body());
            assertNoEntry(r.body());
        }
    }

    @Test
    void nothingLogsTheEntry() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            String path = codePath(groupWithPicture("{\"name\":\"Logged\",\"capacity\":10}"));
            assertEquals(200, world.join(path, ScanWorld.joinBody(world.ticket(path), "log-1", null)).status());
            String link = codePath(groupWithLink("{\"name\":\"Logged link\",\"joinPolicy\":\"approval\"}"));
            var filed = world.join(link, ScanWorld.joinBody(world.ticket(link), "log-2", null));
            world.api.post("/v1/join-requests/" + filed.text("requestId") + "/approve", null, bearer(tenant.apiKey()));
            status("/R/" + filed.text("statusUrl").substring(STATUS_BASE.length()));
        } finally {
            System.setOut(original);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        for (String secret : List.of(WHATSAPP, WECHAT, "entries/", "X-Amz-Signature")) {
            assertFalse(logs.contains(secret), "logged: " + secret);
        }
    }

    private static HttpCalls.Response status(String statusPath) {
        return world.scans().call("GET", statusPath, Map.of(), null, Map.of("accept", "application/json"),
                ScanWorld.SOURCE_IP);
    }
}
