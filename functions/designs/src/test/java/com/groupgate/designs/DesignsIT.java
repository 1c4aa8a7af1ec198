package com.groupgate.designs;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.api.CodesApiHandler;
import com.groupgate.design.DesignFormat;
import com.groupgate.testkit.TestDeployment;
import com.groupgate.testkit.HttpCalls;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The designs function through its routes, under its own role on the emulated AWS, with
 * tenants, groups and codes made through the codes API as a tenant would; every exchange
 * is held to openapi.yaml.
 */
class DesignsIT {
    private static HttpCalls api;
    private static HttpCalls designs;
    private static String writeKey;
    private static String readKey;
    private static String codeId;
    private static String scanUrl;
    private static String liveCodeId;
    private static String liveScanUrl;

    @BeforeAll
    static void tenantWithACodeAndALiveCode() {
        TestDeployment aws = TestDeployment.get();
        api = new HttpCalls(new CodesApiHandler(aws.wiring("CodesApiFunction", Clock.systemUTC())));
        designs = new HttpCalls(new DesignsHandler(aws.wiring("DesignsFunction", Clock.systemUTC())));
        var tenant = api.post("/v1/tenants", "{\"name\":\"南山门店\",\"timezone\":\"Asia/Shanghai\"}",
                bearer(TestDeployment.ADMIN_KEY));
        assertEquals(201, tenant.status(), tenant.body());
        writeKey = tenant.text("apiKey");
        var key = api.post("/v1/keys", "{\"name\":\"printer\",\"scope\":\"read\"}", bearer(writeKey));
        assertEquals(201, key.status(), key.body());
        readKey = key.text("apiKey");
        var group = api.post("/v1/groups", "{\"name\":\"深圳南山店 顾客群\"}", bearer(writeKey));
        assertEquals(201, group.status(), group.body());
        var code = api.post("/v1/groups/" + group.text("groupId") + "/codes", "{\"channel\":\"nanshan-poster\"}",
                bearer(writeKey));
        assertEquals(201, code.status(), code.body());
        codeId = code.text("codeId");
        scanUrl = code.text("scanUrl");
        var live = api.post("/v1/live-codes", "{\"name\":\"南山活码\",\"groupIds\":[\"" + group.text("groupId") + "\"]}",
                bearer(writeKey));
        assertEquals(201, live.status(), live.body());
        liveCodeId = live.text("liveCodeId");
        liveScanUrl = live.text("scanUrl");
    }

    private static HttpCalls.Response design(String path, Map<String, String> query, String key) {
        return designs.call("GET", path, query, null, bearer(key), "198.51.100.7");
    }

    private static byte[] bytes(HttpCalls.Response r) {
        return Base64.getDecoder().decode(r.body());
    }

    @Test
    void aReadKeyGetsAPngByDefaultThatDecodesToTheCodesScanUrl() {
        var r = design("/v1/codes/" + codeId + "/image", Map.of(), readKey);
        assertEquals(200, r.status(), r.body());
        assertEquals("image/png", r.headers().get("content-type"));
        assertEquals("private, no-cache", r.headers().get("cache-control"));
        assertEquals("nosniff", r.headers().get("x-content-type-options"));
        assertEquals(scanUrl, DesignFiles.decode(DesignFormat.PNG, bytes(r)));
    }

    @Test
    void everyFormatOfBothKindsOfCodeDecodesThroughTheRoute() {
        for (DesignFormat format : DesignFormat.values()) {
            String f = format.name().toLowerCase();
            var code = design("/v1/codes/" + codeId + "/image", Map.of("format", f, "medium", "poster",
                    "frame", "true"), writeKey);
            assertEquals(200, code.status(), code.body());
            assertEquals(format.contentType(), code.headers().get("content-type"));
            assertEquals(scanUrl, DesignFiles.decode(format, bytes(code)), f);
            var live = design("/v1/live-codes/" + liveCodeId + "/image", Map.of("format", f, "medium", "sticker"),
                    readKey);
            assertEquals(200, live.status(), live.body());
            assertEquals(liveScanUrl, DesignFiles.decode(format, bytes(live)), f);
        }
    }

    @Test
    void thePdfNamesTheGroupAndChannelAndSaysTheCallToActionInTheTenantsLanguage() throws IOException {
        var r = design("/v1/codes/" + codeId + "/image", Map.of("format", "pdf", "medium", "flyer", "frame", "true"),
                readKey);
        assertEquals(200, r.status(), r.body());
        try (PDDocument doc = Loader.loadPDF(bytes(r))) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("深圳南山店 顾客群"), text);
            assertTrue(text.contains("nanshan-poster"), text);
            assertTrue(text.contains("微信扫码 加入群聊"), text);
        }
    }

    @Test
    void aLabelledCodesPdfPrintsItsLabelInsteadOfItsChannel() throws IOException {
        var group = api.post("/v1/groups", "{\"name\":\"连锁会员群\"}", bearer(writeKey));
        assertEquals(201, group.status(), group.body());
        var labelled = api.post("/v1/groups/" + group.text("groupId") + "/codes",
                "{\"channel\":\"store-poster\",\"label\":\"南山海岸城店 #2\"}", bearer(writeKey));
        assertEquals(201, labelled.status(), labelled.body());
        var r = design("/v1/codes/" + labelled.text("codeId") + "/image", Map.of("format", "pdf", "medium", "flyer"),
                readKey);
        assertEquals(200, r.status(), r.body());
        try (PDDocument doc = Loader.loadPDF(bytes(r))) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("南山海岸城店 #2"), text);
            assertTrue(!text.contains("store-poster"), text);
        }
    }

    @Test
    void theSameDesignAskedWithItsEtagIs304WithoutABody() {
        Map<String, String> query = Map.of("format", "svg", "medium", "flyer");
        var first = design("/v1/codes/" + codeId + "/image", query, readKey);
        assertEquals(200, first.status(), first.body());
        String etag = first.headers().get("etag");
        assertTrue(etag != null && etag.startsWith("\""), String.valueOf(etag));
        Map<String, String> headers = new HashMap<>(bearer(readKey));
        headers.put("if-none-match", etag);
        var again = designs.call("GET", "/v1/codes/" + codeId + "/image", query, null, headers, "198.51.100.7");
        assertEquals(304, again.status());
        assertEquals(etag, again.headers().get("etag"));
        assertTrue(again.body() == null || again.body().isEmpty());
        // Another design of the same code has another tag, so a stale one is never 304.
        var other = designs.call("GET", "/v1/codes/" + codeId + "/image", Map.of("format", "svg", "medium", "poster"),
                null, headers, "198.51.100.7");
        assertEquals(200, other.status());
        assertTrue(!etag.equals(other.headers().get("etag")));
    }

    @Test
    void coloursBelowFourToOneOrLightOnDarkAreRefusedAsLowContrast() {
        var grey = design("/v1/codes/" + codeId + "/image", Map.of("fg", "999999", "bg", "ffffff"), readKey);
        assertEquals(422, grey.status(), grey.body());
        assertEquals("low_contrast", grey.errorCode());
        var inverted = design("/v1/codes/" + codeId + "/image", Map.of("fg", "ffffff", "bg", "000000"), readKey);
        assertEquals(422, inverted.status(), inverted.body());
        assertEquals("low_contrast", inverted.errorCode());
        var fine = design("/v1/codes/" + codeId + "/image", Map.of("fg", "#1a3d7c", "bg", "fdf6e3"), readKey);
        assertEquals(200, fine.status(), fine.body());
        assertEquals(scanUrl, DesignFiles.decode(DesignFormat.PNG, bytes(fine)));
    }

    @Test
    void badParametersAreA400NamingTheField() {
        Map<String, Map<String, String>> bad = Map.of("format", Map.of("format", "gif"), "medium", Map.of("medium", "tv"),
                "logo", Map.of("logo", "yes"), "fg", Map.of("fg", "red"), "bg", Map.of("bg", "#12345"),
                "frame", Map.of("frame", "maybe"));
        bad.forEach((field, query) -> {
            var r = design("/v1/codes/" + codeId + "/image", query, readKey);
            assertEquals(400, r.status(), field + ": " + r.body());
            assertEquals(field, r.json().path("error").path("field").asText(), r.body());
        });
    }

    @Test
    void unknownCodesAndOtherTenantsCodesAreNotFoundAndNoKeyIsUnauthorized() {
        assertEquals(404, design("/v1/codes/AAAAAAAAAAAAA/image", Map.of(), readKey).status());
        var other = api.post("/v1/tenants", "{\"name\":\"Other\"}", bearer(TestDeployment.ADMIN_KEY));
        assertEquals(404, design("/v1/codes/" + codeId + "/image", Map.of(), other.text("apiKey")).status());
        var none = designs.call("GET", "/v1/codes/" + codeId + "/image", Map.of(), null, Map.of(), "198.51.100.7");
        assertEquals(401, none.status());
    }

    @Test
    void theLogoIsUploadedWithAWriteKeyOnlyAndThenDrawnAtTheLargestAllowedSize() {
        // A tenant without a logo asking for one: a clear 409.
        var other = api.post("/v1/tenants", "{\"name\":\"No logo yet\"}", bearer(TestDeployment.ADMIN_KEY));
        var group = api.post("/v1/groups", "{\"name\":\"g\"}", bearer(other.text("apiKey")));
        var code = api.post("/v1/groups/" + group.text("groupId") + "/codes", "{}", bearer(other.text("apiKey")));
        var noLogo = design("/v1/codes/" + code.text("codeId") + "/image", Map.of("logo", "true"), other.text("apiKey"));
        assertEquals(409, noLogo.status(), noLogo.body());
        assertEquals("no_logo", noLogo.errorCode());

        byte[] logo = DesignFiles.logoPng(600);
        var refused = designs.upload("PUT", "/v1/tenant/logo", Map.of(), logo, "image/png", bearer(readKey));
        assertEquals(403, refused.status(), refused.body());
        assertEquals("forbidden", refused.errorCode());
        var stored = designs.upload("PUT", "/v1/tenant/logo", Map.of(), logo, "image/png", bearer(writeKey));
        assertEquals(200, stored.status(), stored.body());
        assertTrue(stored.text("logoUrl").matches("http://127\\.0\\.0\\.1:3000/i/l/[^/]+/logo-[0-9a-f]{64}-[a-z2-7]{13}\\.png"),
                stored.body());
        assertEquals(600, stored.json().path("width").asInt());
        // Landing pages show the tenant's alias, a copy kept five minutes by browsers and the edge.
        String tenantId = api.get("/v1/tenant", bearer(writeKey)).text("tenantId");
        var alias = TestDeployment.get().clients().s3().getObjectAsBytes(g -> g
                .bucket(TestDeployment.get().resources().ref("ImagesBucket")).key("i/l/" + tenantId + "/logo"));
        assertEquals(java.util.Arrays.toString(logo), java.util.Arrays.toString(alias.asByteArray()));
        assertEquals("public, max-age=300", alias.response().cacheControl());
        for (DesignFormat format : DesignFormat.values()) {
            var r = design("/v1/codes/" + codeId + "/image", Map.of("format", format.name().toLowerCase(),
                    "logo", "true", "medium", "billboard", "fg", "1a3d7c"), readKey);
            assertEquals(200, r.status(), r.body());
            assertEquals(scanUrl, DesignFiles.decode(format, bytes(r)), format.name());
        }
        // Another container reads the logo's file from the bucket.
        HttpCalls fresh = new HttpCalls(new DesignsHandler(TestDeployment.get().wiring("DesignsFunction",
                Clock.systemUTC())));
        var r = fresh.call("GET", "/v1/live-codes/" + liveCodeId + "/image", Map.of("logo", "true", "medium", "flyer"),
                null, bearer(readKey), "198.51.100.7");
        assertEquals(200, r.status(), r.body());
        assertEquals(liveScanUrl, DesignFiles.decode(DesignFormat.PNG, bytes(r)));
    }

    @Test
    void deployedOnlyTheEdgeMayAskForADesign() {
        HttpCalls deployed = new HttpCalls(new DesignsHandler(TestDeployment.get().wiring("DesignsFunction",
                Clock.systemUTC(), TestDeployment.AS_DEPLOYED_BEHIND_THE_EDGE)));
        var direct = deployed.call("GET", "/v1/codes/" + codeId + "/image", Map.of(), null, bearer(readKey),
                "198.51.100.7");
        assertEquals(403, direct.status(), direct.body());
        assertEquals("forbidden", direct.errorCode());
        Map<String, String> viaEdge = new HashMap<>(bearer(readKey));
        viaEdge.put("x-origin-verify", TestDeployment.ORIGIN_SECRET);
        var edge = deployed.call("GET", "/v1/codes/" + codeId + "/image", Map.of(), null, viaEdge, "198.51.100.7");
        assertEquals(200, edge.status(), edge.body());
    }

    @Test
    void aLogoThatIsTooLargeOrNotWhatItSaysIsRefusedNamingTheBody() throws IOException {
        var big = designs.upload("PUT", "/v1/tenant/logo", Map.of(), new byte[512 * 1024 + 1], "image/png",
                bearer(writeKey));
        assertEquals(413, big.status(), big.body());
        var lying = designs.upload("PUT", "/v1/tenant/logo", Map.of(), DesignFiles.logoPng(64), "image/jpeg",
                bearer(writeKey));
        assertEquals(415, lying.status(), lying.body());
        assertEquals("body", lying.json().path("error").path("field").asText());
        var gif = designs.upload("PUT", "/v1/tenant/logo", Map.of(), DesignFiles.logoPng(64), "image/gif",
                bearer(writeKey));
        assertEquals(415, gif.status(), gif.body());
        var huge = designs.upload("PUT", "/v1/tenant/logo", Map.of(), wide(4000, 10), "image/png", bearer(writeKey));
        assertEquals(400, huge.status(), huge.body());
        assertEquals("body", huge.json().path("error").path("field").asText());
    }

    @Test
    void aDesignThatDoesNotReadBackIsRefusedAsDesignUnreadableThroughTheRoute() {
        // The same function with a camera that sees the design through a smudge.
        HttpCalls smudged = new HttpCalls(new DesignsHandler(TestDeployment.get().wiring("DesignsFunction",
                Clock.systemUTC()), new Designer(image -> {
                    BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(),
                            BufferedImage.TYPE_INT_RGB);
                    Graphics2D g = copy.createGraphics();
                    g.drawImage(image, 0, 0, null);
                    g.setColor(Color.GRAY);
                    g.fillRect(0, image.getHeight() / 3, image.getWidth(), image.getHeight() / 3);
                    g.dispose();
                    return copy;
                })));
        var r = smudged.call("GET", "/v1/codes/" + codeId + "/image", Map.of("format", "svg"), null, bearer(readKey),
                "198.51.100.7");
        assertEquals(422, r.status(), r.body());
        assertEquals("design_unreadable", r.errorCode());
        assertNull(r.headers().get("etag"));
        assertEquals("no-store", r.headers().get("cache-control"));
    }

    @Test
    void aRevokedCodeHasNoDesign() {
        var group = api.post("/v1/groups", "{\"name\":\"Short-lived\"}", bearer(writeKey));
        var code = api.post("/v1/groups/" + group.text("groupId") + "/codes", "{}", bearer(writeKey));
        api.post("/v1/codes/" + code.text("codeId") + "/revoke", null, bearer(writeKey));
        var r = design("/v1/codes/" + code.text("codeId") + "/image", Map.of(), readKey);
        assertEquals(410, r.status(), r.body());
        assertEquals("revoked", r.errorCode());
    }

    private static byte[] wide(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
