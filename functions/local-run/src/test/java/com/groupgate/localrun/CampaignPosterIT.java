package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.groupgate.designs.DesignsHandler;
import com.groupgate.testkit.ContractCheckedHandler;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A campaign's poster, the whole way through the local stack over HTTP: the tenant uploads a
 * template, a member joins with a display name and gets a posterUrl, the edge serves the
 * poster (drawn once, then the stored file), a phone's zxing reads the member's invite URL
 * off it, and a friend who scans and joins through it credits the member, who shows on the
 * leaderboard by their display name. No URL leads to another member's or another tenant's
 * poster, and the member's erasure removes their poster.
 */
class CampaignPosterIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static LocalGroupGate local;
    private static URI base;
    private static LocalApi api;

    @BeforeAll
    static void start() {
        local = RecordedStack.builder().adminKey("test-admin-key").originSecret("test-origin-secret")
                .httpHandler(LocalGroupGate.DESIGNS_FUNCTION, w -> ContractCheckedHandler.of(new DesignsHandler(w)))
                .build();
        base = local.start(0);
        api = new LocalApi(base);
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    /** A tenant's campaign on a group with a code: the key, the campaign, the code. */
    private record Campaign(String key, String campaignId, JsonNode code) {
    }

    private static Campaign campaign(String tenantName, boolean withTemplate) throws Exception {
        String key = api.tenant("test-admin-key", tenantName);
        String groupId = api.expect(201, "POST", "/v1/groups", "{\"name\":\"Book club\",\"capacity\":50}", key)
                .path("groupId").asText();
        JsonNode code = api.expect(201, "POST", "/v1/groups/" + groupId + "/codes", "{}", key);
        String campaignId = api.expect(201, "POST", "/v1/campaigns", "{\"name\":\"Invite 3\",\"groupId\":\"" + groupId
                + "\",\"goal\":3,\"reward\":\"a book\"}", key).path("campaignId").asText();
        if (withTemplate) {
            HttpResponse<String> put = upload(key, campaignId, template());
            assertEquals(200, put.statusCode(), put.body());
        }
        return new Campaign(key, campaignId, code);
    }

    static byte[] template() throws Exception {
        BufferedImage image = new BufferedImage(750, 1334, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xB03A2E));
        g.fillRect(0, 0, 750, 1334);
        g.setColor(new Color(0xF5CBA7));
        g.fillRect(40, 40, 670, 700);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static HttpResponse<String> upload(String key, String campaignId, byte[] png) throws Exception {
        String query = Map.of("qrX", "250", "qrY", "900", "qrSize", "250", "nameX", "80", "nameY", "320", "nameSize",
                "64", "nameColor", "#7b241c").entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/campaigns/" + campaignId + "/poster?" + query))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(png)).header("content-type", "image/png")
                .header("authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A scan of {@code scanPath} and a join through it with {@code displayName} (null: none). */
    private static JsonNode join(String scanPath, String memberRef, String displayName) {
        JsonNode scan = api.expect(200, "GET", scanPath, null, null);
        String body = "{\"joinTicket\":\"" + scan.path("joinTicket").asText() + "\",\"memberRef\":\"" + memberRef + "\""
                + (displayName == null ? "" : ",\"displayName\":" + json(displayName)) + "}";
        return api.call("POST", scanPath + "/join", body, null);
    }

    /**
     * The same from another phone (an Android browser): a friend, not the inviter's own
     * device, so the self-invite rule does not refuse the credit.
     */
    private static JsonNode joinFromAnotherPhone(String scanPath, String memberRef) throws Exception {
        String agent = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/120.0 Mobile Safari/537.36";
        HttpResponse<String> scan = HTTP.send(HttpRequest.newBuilder(base.resolve(scanPath)).GET()
                .header("accept", "application/json").header("user-agent", agent).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scan.statusCode(), scan.body());
        String body = "{\"joinTicket\":\"" + MAPPER.readTree(scan.body()).path("joinTicket").asText()
                + "\",\"memberRef\":\"" + memberRef + "\"}";
        HttpResponse<String> joined = HTTP.send(HttpRequest.newBuilder(base.resolve(scanPath + "/join"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("content-type", "application/json")
                .header("user-agent", agent).header("x-amz-content-sha256", com.groupgate.hash.Sha256.hex(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, joined.statusCode(), joined.body());
        return MAPPER.readTree(joined.body());
    }

    private static String json(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String path(String url) {
        return url.substring(url.indexOf("/S/"));
    }

    private static HttpResponse<byte[]> fetch(String url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).GET();
        headers.forEach(r::header);
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String decode(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                .getText();
    }

    private static List<String> objects(String prefix) {
        String bucket = local.resources().ref("ImagesBucket");
        return local.clients().s3().listObjectsV2Paginator(l -> l.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    private static String tenantOf(String key) {
        return api.expect(200, "GET", "/v1/tenant", null, key).path("tenantId").asText();
    }

    @Test
    void aMembersPosterCarriesTheirNameAndInviteAndAFriendWhoScansItCreditsThem() throws Exception {
        Campaign c = campaign("Poster Co", true);
        JsonNode alice = join(LocalApi.scanPath(c.code()), "alice", "小红 Alice");
        assertEquals(200, alice.path("_status").asInt(), alice.toString());
        String inviteUrl = alice.path("invite").path("inviteUrl").asText();
        String posterUrl = alice.path("invite").path("posterUrl").asText();
        assertTrue(posterUrl.startsWith(base + "/p/"), posterUrl);
        assertTrue(posterUrl.endsWith(".png"), posterUrl);

        HttpResponse<byte[]> poster = fetch(posterUrl, Map.of());
        assertEquals(200, poster.statusCode(), new String(poster.body(), StandardCharsets.UTF_8));
        assertEquals("image/png", poster.headers().firstValue("content-type").orElse(""));
        assertEquals("public, max-age=31536000, immutable", poster.headers().firstValue("cache-control").orElse(""));
        String etag = poster.headers().firstValue("etag").orElseThrow();
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(poster.body()));
        assertEquals(750, picture.getWidth());
        assertEquals(1334, picture.getHeight());
        // What a phone reads off it is the member's own invite.
        assertEquals(inviteUrl, decode(poster.body()));
        // The name is drawn in the name's colour on the light panel (the template has none of it there).
        int named = 0;
        for (int y = 320; y < 384; y++) {
            for (int x = 80; x < 700; x++) {
                named += (picture.getRGB(x, y) & 0xFFFFFF) == 0xF5CBA7 ? 0 : 1;
            }
        }
        assertTrue(named > 500, "the display name is drawn on its line: " + named + " pixels");

        // Drawn once: with the template's file gone, the poster is still served, the same bytes.
        String tenantId = tenantOf(c.key());
        List<String> templates = objects("posters/" + tenantId + "/" + c.campaignId() + "/template-");
        assertEquals(1, templates.size(), templates.toString());
        List<String> posters = objects("posters/" + tenantId + "/" + c.campaignId() + "/").stream()
                .filter(k -> !k.contains("/template-")).toList();
        assertEquals(1, posters.size(), "one file for the member: " + posters);
        byte[] templateFile = local.clients().s3().getObjectAsBytes(g -> g.bucket(local.resources().ref("ImagesBucket"))
                .key(templates.get(0))).asByteArray();
        local.clients().s3().deleteObject(d -> d.bucket(local.resources().ref("ImagesBucket")).key(templates.get(0)));
        try {
            HttpResponse<byte[]> again = fetch(posterUrl, Map.of());
            assertEquals(200, again.statusCode());
            assertArrayEquals(poster.body(), again.body());
        } finally {
            local.clients().s3().putObject(p -> p.bucket(local.resources().ref("ImagesBucket")).key(templates.get(0)),
                    software.amazon.awssdk.core.sync.RequestBody.fromBytes(templateFile));
        }
        assertEquals(304, fetch(posterUrl, Map.of("if-none-match", etag)).statusCode());
        // The same member joining again (same name) gets a URL of the same poster.
        JsonNode aliceAgain = join(LocalApi.scanPath(c.code()), "alice", null);
        String againUrl = aliceAgain.path("invite").path("posterUrl").asText();
        assertEquals(posterUrl.substring(posterUrl.lastIndexOf('/')), againUrl.substring(againUrl.lastIndexOf('/')));

        // A friend scans the poster's code and joins: alice is credited, shown by her display name.
        String decoded = decode(poster.body());
        JsonNode bob = joinFromAnotherPhone(path(decoded), "bob");
        assertEquals("joined", bob.path("status").asText(), bob.toString());
        JsonNode board = api.expect(200, "GET", "/v1/campaigns/" + c.campaignId() + "/leaderboard", null, c.key());
        JsonNode top = board.path("items").get(0);
        assertEquals("alice", top.path("memberRef").asText(), board.toString());
        assertEquals("小红 Alice", top.path("displayName").asText());
        assertEquals(1, top.path("pending").asInt() + top.path("qualified").asInt(), board.toString());
    }

    @Test
    void noUrlLeadsToAnotherMembersOrTenantsPoster() throws Exception {
        Campaign c = campaign("Guarded Co", true);
        String alice = join(LocalApi.scanPath(c.code()), "alice", "Alice").path("invite").path("posterUrl").asText();
        String bob = join(LocalApi.scanPath(c.code()), "bob", "Bob").path("invite").path("posterUrl").asText();
        Campaign other = campaign("Other Co", true);
        String carol = join(LocalApi.scanPath(other.code()), "carol", "Carol").path("invite").path("posterUrl").asText();
        assertEquals(200, fetch(alice, Map.of()).statusCode());
        String aliceToken = alice.substring(alice.indexOf("/p/") + 3, alice.lastIndexOf('/'));
        String aliceFile = alice.substring(alice.lastIndexOf('/') + 1);
        String bobToken = bob.substring(bob.indexOf("/p/") + 3, bob.lastIndexOf('/'));
        String bobFile = bob.substring(bob.lastIndexOf('/') + 1);
        String carolToken = carol.substring(carol.indexOf("/p/") + 3, carol.lastIndexOf('/'));
        // Another member's token with alice's version, alice's token with bob's: neither is a poster.
        assertEquals(404, fetch(base + "/p/" + bobToken + "/" + aliceFile, Map.of()).statusCode());
        assertEquals(404, fetch(base + "/p/" + aliceToken + "/" + bobFile, Map.of()).statusCode());
        // Another tenant's member's token with this tenant's version: not found.
        assertEquals(404, fetch(base + "/p/" + carolToken + "/" + aliceFile, Map.of()).statusCode());
        // A guessed version, a changed token character, a code's own token: not found.
        assertEquals(404, fetch(base + "/p/" + aliceToken + "/" + "0".repeat(32) + ".png", Map.of()).statusCode());
        char last = aliceToken.charAt(aliceToken.length() - 2);
        String forged = aliceToken.substring(0, aliceToken.length() - 2) + (last == 'A' ? 'B' : 'A')
                + aliceToken.charAt(aliceToken.length() - 1);
        assertEquals(404, fetch(base + "/p/" + forged + "/" + aliceFile, Map.of()).statusCode());
        String codeToken = c.code().path("scanUrl").asText().substring(c.code().path("scanUrl").asText().indexOf("/S/") + 3);
        assertEquals(404, fetch(base + "/p/" + codeToken + "/" + aliceFile, Map.of()).statusCode());
        // The stored files are outside what the edge reads from the bucket (/i/*).
        String tenantId = tenantOf(c.key());
        for (String key : objects("posters/" + tenantId + "/")) {
            assertFalse(key.startsWith("i/"), key);
            assertEquals(404, fetch(base + "/" + key, Map.of()).statusCode(), key);
        }
    }

    @Test
    void aCampaignWithoutATemplateHandsOutNoPosterUrlAndBadDisplayNamesAreRefused() {
        Campaign c = campaign0("Plain Co");
        JsonNode joined = join(LocalApi.scanPath(c.code()), "dave", "Dave");
        assertTrue(joined.path("invite").has("inviteUrl"), joined.toString());
        assertFalse(joined.path("invite").has("posterUrl"), joined.toString());
        for (String bad : new String[] {"x".repeat(21), "abc\u202Etxt.exe", "two\nlines", " "}) {
            JsonNode refused = join(LocalApi.scanPath(c.code()), "erin", bad);
            assertEquals(400, refused.path("_status").asInt(), bad + ": " + refused);
            assertEquals("displayName", refused.path("error").path("field").asText(), refused.toString());
        }
    }

    private static Campaign campaign0(String name) {
        try {
            return campaign(name, false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anErasedMembersPosterIsRemovedAndItsUrlNoLongerServes() throws Exception {
        Campaign c = campaign("Forgetful Co", true);
        String url = join(LocalApi.scanPath(c.code()), "frank", "Frank").path("invite").path("posterUrl").asText();
        assertEquals(200, fetch(url, Map.of()).statusCode());
        String tenantId = tenantOf(c.key());
        String prefix = "posters/" + tenantId + "/" + c.campaignId() + "/";
        assertEquals(2, objects(prefix).size(), "the template and frank's poster: " + objects(prefix));
        api.expect(200, "POST", "/v1/erasure", "{\"memberRef\":\"frank\"}", c.key());
        List<String> left = objects(prefix);
        assertEquals(1, left.size(), left.toString());
        assertTrue(left.get(0).contains("/template-"), left.toString());
        assertEquals(404, fetch(url, Map.of()).statusCode());
    }
}
