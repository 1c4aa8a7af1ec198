package com.groupgate.api;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.api.ApiTestbed.TestTenant;
import com.groupgate.testkit.HttpCalls;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code PUT /v1/campaigns/{id}/poster}: a campaign's poster template, a PNG or JPEG up to
 * 2 MiB with where the invite code and the display name go. Every refusal names its field
 * and writes nothing: no file in the bucket, no template on the campaign.
 */
class CampaignPosterApiIT {
    static HttpCalls api;
    static TestTenant tenant;

    @BeforeAll
    static void start() {
        api = ApiTestbed.api(Clock.systemUTC());
        tenant = ApiTestbed.newTenant(api, "Posters");
    }

    /** A plain template picture: a coloured ground with a band, {@code width} × {@code height}. */
    static byte[] picture(int width, int height, String format) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xFCE4D6));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0xC0392B));
        g.fillRect(0, 0, width, height / 6);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A good placement on a 750 × 1334 phone poster. */
    static Map<String, String> placement() {
        Map<String, String> q = new HashMap<>();
        q.put("qrX", "250");
        q.put("qrY", "880");
        q.put("qrSize", "250");
        q.put("nameX", "60");
        q.put("nameY", "300");
        q.put("nameSize", "56");
        q.put("nameColor", "#ffffff");
        return q;
    }

    private static String campaign() {
        String groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Poster club\",\"capacity\":50}");
        var c = api.post("/v1/campaigns", "{\"name\":\"Invite 3\",\"groupId\":\"" + groupId
                + "\",\"goal\":3,\"reward\":\"a mug\"}", tenant.auth());
        assertEquals(201, c.status(), c.body());
        return c.text("campaignId");
    }

    private static HttpCalls.Response put(String campaignId, byte[] body, String type, Map<String, String> q) {
        return api.upload("PUT", "/v1/campaigns/" + campaignId + "/poster", q, body, type, tenant.auth());
    }

    private static List<String> posterObjects() {
        return ApiTestbed.aws().clients().s3().listObjectsV2(l -> l.bucket(ApiTestbed.imagesBucket())
                .prefix("posters/" + tenant.tenantId() + "/")).contents().stream().map(o -> o.key()).toList();
    }

    private static boolean hasTemplate(String campaignId) {
        return ApiTestbed.mainTableItems("T#" + tenant.tenantId()).stream()
                .filter(i -> i.get("sk").s().equals("CAMPAIGN#" + campaignId)).findFirst().orElseThrow()
                .containsKey("poster");
    }

    @Test
    void aPngTemplateIsStoredUnderItsHashAndItsPlacementOnTheCampaign() {
        String campaignId = campaign();
        byte[] png = picture(750, 1334, "png");
        var r = put(campaignId, png, "image/png", placement());
        assertEquals(200, r.status(), r.body());
        assertEquals(750, r.json().path("width").asInt());
        assertEquals(1334, r.json().path("height").asInt());
        assertEquals(250, r.json().path("qrSize").asInt());
        assertEquals("#ffffff", r.json().path("nameColor").asText());
        assertTrue(hasTemplate(campaignId));
        String expected = "posters/" + tenant.tenantId() + "/" + campaignId + "/template-"
                + com.groupgate.hash.Sha256.hex(png) + ".png";
        assertTrue(posterObjects().contains(expected), posterObjects().toString());
        // A change of the campaign keeps its template (an update, not a replacement of the item).
        var changed = api.call("PATCH", "/v1/campaigns/" + campaignId, "{\"reward\":\"two mugs\"}", tenant.auth());
        assertEquals(200, changed.status(), changed.body());
        assertTrue(hasTemplate(campaignId), "PATCH kept the poster template");
    }

    @Test
    void aJpegTemplateIsTakenToo() {
        var r = put(campaign(), picture(750, 1334, "jpg"), "image/jpeg", placement());
        assertEquals(200, r.status(), r.body());
        assertEquals("image/jpeg", r.json().path("contentType").asText());
    }

    @Test
    void eachBadPlacementFieldIsRefusedByNameAndNothingIsWritten() {
        String campaignId = campaign();
        List<String> before = posterObjects();
        Map<String, String[]> bad = new HashMap<>();
        bad.put("qrX", new String[] {"-1", "abc", "750", null});
        bad.put("qrY", new String[] {"1334", "1.5", null});
        bad.put("qrSize", new String[] {"149", "600", null});
        bad.put("nameX", new String[] {"750", "x", null});
        bad.put("nameY", new String[] {"1334", "900", null});
        bad.put("nameSize", new String[] {"11", "201", null});
        bad.put("nameColor", new String[] {"red", "#12345", "#1234567", null});
        for (var e : bad.entrySet()) {
            for (String value : e.getValue()) {
                Map<String, String> q = placement();
                if (value == null) {
                    q.remove(e.getKey());
                } else {
                    q.put(e.getKey(), value);
                }
                var r = put(campaignId, picture(750, 1334, "png"), "image/png", q);
                String field = e.getKey().equals("qrX") && "750".equals(value) ? "qrX" : e.getKey();
                assertEquals(400, r.status(), e.getKey() + "=" + value + ": " + r.body());
                assertEquals("bad_request", r.errorCode());
                assertEquals(field.equals("qrSize") || !"600".equals(value) ? field : "qrSize",
                        r.json().path("error").path("field").asText(), e.getKey() + "=" + value + ": " + r.body());
            }
        }
        assertEquals(before, posterObjects(), "nothing stored");
        assertFalse(hasTemplate(campaignId));
    }

    @Test
    void badPicturesAreRefusedNamingTheBodyAndNothingIsWritten() {
        String campaignId = campaign();
        List<String> before = posterObjects();
        byte[] png = picture(750, 1334, "png");
        var jpegAsPng = put(campaignId, picture(750, 1334, "jpg"), "image/png", placement());
        assertEquals(415, jpegAsPng.status(), jpegAsPng.body());
        assertEquals("body", jpegAsPng.json().path("error").path("field").asText());
        var text = put(campaignId, "not a picture".getBytes(), "text/plain", placement());
        assertEquals(415, text.status(), text.body());
        byte[] large = Arrays.copyOf(png, 2 * 1024 * 1024 + 1);
        var tooLarge = put(campaignId, large, "image/png", placement());
        assertEquals(413, tooLarge.status(), tooLarge.body());
        var tiny = put(campaignId, picture(200, 200, "png"), "image/png", placement());
        assertEquals(400, tiny.status(), tiny.body());
        assertEquals("body", tiny.json().path("error").path("field").asText());
        var huge = put(campaignId, picture(3000, 400, "png"), "image/png", placement());
        assertEquals(400, huge.status(), huge.body());
        byte[] truncated = Arrays.copyOf(png, png.length / 2);
        var broken = put(campaignId, truncated, "image/png", placement());
        assertEquals(415, broken.status(), broken.body());
        assertEquals(before, posterObjects(), "nothing stored");
        assertFalse(hasTemplate(campaignId));
    }

    @Test
    void aReadKeyAnEndedCampaignAndAnotherTenantsCampaignAreRefused() {
        String campaignId = campaign();
        var key = api.post("/v1/keys", "{\"name\":\"reports\",\"scope\":\"read\"}", tenant.auth());
        assertEquals(201, key.status(), key.body());
        var read = api.upload("PUT", "/v1/campaigns/" + campaignId + "/poster", placement(),
                picture(750, 1334, "png"), "image/png", bearer(key.text("apiKey")));
        assertEquals(403, read.status(), read.body());
        TestTenant other = ApiTestbed.newTenant(api, "Other posters");
        var foreign = api.upload("PUT", "/v1/campaigns/" + campaignId + "/poster", placement(),
                picture(750, 1334, "png"), "image/png", other.auth());
        assertEquals(404, foreign.status(), foreign.body());
        assertEquals(200, api.call("PATCH", "/v1/campaigns/" + campaignId, "{\"status\":\"ended\"}", tenant.auth())
                .status());
        var ended = put(campaignId, picture(750, 1334, "png"), "image/png", placement());
        assertEquals(409, ended.status(), ended.body());
        assertFalse(hasTemplate(campaignId));
    }
}
