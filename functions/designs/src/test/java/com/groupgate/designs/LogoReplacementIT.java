package com.groupgate.designs;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.api.CodesApiHandler;
import com.groupgate.config.Wiring;
import com.groupgate.design.DesignFormat;
import com.groupgate.id.TenantId;
import com.groupgate.image.ImageBucket;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.testkit.TestDeployment;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * {@code PUT /v1/tenant/logo} replacing a logo deletes the file it replaced, under the
 * designs function's own role on the emulated AWS, without breaking a design served before
 * nor one being drawn while the logo changes.
 */
class LogoReplacementIT {
    private static final String PREFIX = "http://127.0.0.1:3000/";

    private HttpCalls api;
    private HttpCalls designs;
    private String writeKey;
    private TenantId tenantId;
    private String codeId;
    private String scanUrl;

    @BeforeEach
    void tenantWithACode() {
        TestDeployment aws = TestDeployment.get();
        api = new HttpCalls(new CodesApiHandler(aws.wiring("CodesApiFunction", Clock.systemUTC())));
        designs = new HttpCalls(new DesignsHandler(aws.wiring("DesignsFunction", Clock.systemUTC())));
        var tenant = api.post("/v1/tenants", "{\"name\":\"Logo changes\"}", bearer(TestDeployment.ADMIN_KEY));
        assertEquals(201, tenant.status(), tenant.body());
        writeKey = tenant.text("apiKey");
        tenantId = TenantId.parse(api.get("/v1/tenant", bearer(writeKey)).text("tenantId")).orElseThrow();
        var group = api.post("/v1/groups", "{\"name\":\"Counter\"}", bearer(writeKey));
        var code = api.post("/v1/groups/" + group.text("groupId") + "/codes", "{}", bearer(writeKey));
        assertEquals(201, code.status(), code.body());
        codeId = code.text("codeId");
        scanUrl = code.text("scanUrl");
    }

    @Test
    void replacingALogoDeletesThePreviousFileAndKeepsTheNewOne() {
        byte[] first = DesignFiles.logoPng(200);
        byte[] second = DesignFiles.logoPng(300);
        String firstKey = upload(first);
        String secondKey = upload(second);
        assertFalse(exists(firstKey), "the replaced logo's file is deleted");
        assertArrayEquals(second, object(secondKey));
        assertArrayEquals(second, object("i/l/" + tenantId + "/logo"), "the landing page's alias is the new logo");

        // The same bytes again: a file of its own, and the one it replaced is deleted.
        String again = upload(second);
        assertNotEquals(secondKey, again);
        assertFalse(exists(secondKey));
        assertArrayEquals(second, object(again));
    }

    @Test
    void aDesignServedBeforeTheLogoChangedCarriesTheLogoItselfAndIsDrawnAnewAfter() {
        String firstKey = upload(DesignFiles.logoPng(200));
        var before = design(Map.of("format", "svg", "logo", "true"), Map.of());
        assertEquals(200, before.status(), before.body());
        String svg = new String(bytes(before), StandardCharsets.UTF_8);
        // The served design links to nothing: deleting the file cannot break a copy kept anywhere.
        assertTrue(svg.contains("xlink:href=\"data:image/png;base64,"), "the logo is embedded");
        assertFalse(svg.contains(firstKey), "the design does not name the logo's file");

        upload(DesignFiles.logoPng(300));
        assertFalse(exists(firstKey));
        // A browser holding the old design asks again: a new design with the new logo, not a 304.
        var after = design(Map.of("format", "svg", "logo", "true"), Map.of("if-none-match",
                before.headers().get("etag")));
        assertEquals(200, after.status(), after.body());
        assertNotEquals(before.headers().get("etag"), after.headers().get("etag"));
        assertEquals(scanUrl, DesignFiles.decode(DesignFormat.SVG, bytes(after)));
    }

    @Test
    void aDesignDrawnWhileItsLogoIsReplacedDrawsTheNewLogo() {
        TestDeployment aws = TestDeployment.get();
        upload(DesignFiles.logoPng(200));
        // One container has read which logo is current...
        TenantLogos reading = logos(aws.wiring("DesignsFunction", Clock.systemUTC()));
        TenantLogos.Logo stale = reading.find(tenantId).orElseThrow();
        // ...when another stores a new one and deletes the old file.
        byte[] second = DesignFiles.logoPng(300);
        TenantLogos.Logo current = logos(aws.wiring("DesignsFunction", Clock.systemUTC()))
                .store(tenantId, second, "image/png");
        assertThrows(NoSuchKeyException.class, () -> reading.file(stale));

        TenantLogos.Stored drawn = reading.file(tenantId, stale);
        assertEquals(current, drawn.logo());
        assertArrayEquals(second, drawn.file());
    }

    private static TenantLogos logos(Wiring wiring) {
        return new TenantLogos(wiring.aws().dynamo(), wiring.config().mainTable(),
                new ImageBucket(wiring.aws(), wiring.config().imagesBucket()), wiring.clock());
    }

    /** Uploads {@code png} as the tenant's logo; the file's key. */
    private String upload(byte[] png) {
        var stored = designs.upload("PUT", "/v1/tenant/logo", Map.of(), png, "image/png", bearer(writeKey));
        assertEquals(200, stored.status(), stored.body());
        String url = stored.text("logoUrl");
        assertTrue(url.startsWith(PREFIX), url);
        return url.substring(PREFIX.length());
    }

    private HttpCalls.Response design(Map<String, String> query, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(bearer(writeKey));
        all.putAll(headers);
        return designs.call("GET", "/v1/codes/" + codeId + "/image", query, null, all, "198.51.100.7");
    }

    private static byte[] bytes(HttpCalls.Response r) {
        return Base64.getDecoder().decode(r.body());
    }

    private static boolean exists(String key) {
        try {
            object(key);
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    private static byte[] object(String key) {
        TestDeployment aws = TestDeployment.get();
        return aws.clients().s3().getObjectAsBytes(g -> g.bucket(aws.resources().ref("ImagesBucket")).key(key))
                .asByteArray();
    }
}
