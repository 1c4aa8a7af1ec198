package com.groupgate.designs;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.api.CodesApiHandler;
import com.groupgate.design.DesignFormat;
import com.groupgate.http.Json;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.testkit.TestDeployment;
import java.io.IOException;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code frameText}: a tenant's own call to action on the image routes, under the designs
 * function's own role on the emulated AWS, checked against the operator's and the tenant's
 * word lists as the codes API checks names; every exchange held to openapi.yaml.
 */
class FrameTextIT {
    /** A word no other test of this module writes: the operator's list applies to every tenant. */
    private static final String OPERATOR_WORD = "framejackpot";

    private HttpCalls api;
    private HttpCalls designs;
    private String writeKey;
    private String codeId;
    private String scanUrl;

    @BeforeEach
    void tenantWithACodeAndAFreshDesignsContainer() {
        TestDeployment aws = TestDeployment.get();
        api = new HttpCalls(new CodesApiHandler(aws.wiring("CodesApiFunction", Clock.systemUTC())));
        // A container of its own: the word lists it compiles are those this test set.
        designs = new HttpCalls(new DesignsHandler(aws.wiring("DesignsFunction", Clock.systemUTC())));
        var tenant = api.post("/v1/tenants", "{\"name\":\"Frame texts\",\"timezone\":\"Asia/Shanghai\"}",
                bearer(TestDeployment.ADMIN_KEY));
        assertEquals(201, tenant.status(), tenant.body());
        writeKey = tenant.text("apiKey");
        var group = api.post("/v1/groups", "{\"name\":\"福田店会员群\"}", bearer(writeKey));
        var code = api.post("/v1/groups/" + group.text("groupId") + "/codes", "{\"label\":\"福田店\"}",
                bearer(writeKey));
        assertEquals(201, code.status(), code.body());
        codeId = code.text("codeId");
        scanUrl = code.text("scanUrl");
    }

    private HttpCalls.Response design(Map<String, String> query) {
        return design(query, Map.of());
    }

    private HttpCalls.Response design(Map<String, String> query, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(bearer(writeKey));
        all.putAll(headers);
        return designs.call("GET", "/v1/codes/" + codeId + "/image", query, null, all, "198.51.100.7");
    }

    private static byte[] bytes(HttpCalls.Response r) {
        return Base64.getDecoder().decode(r.body());
    }

    private void assertRefused(int status, String code, HttpCalls.Response r) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.errorCode());
        assertEquals("frameText", r.json().path("error").path("field").asText(), r.body());
        assertNull(r.headers().get("etag"), "nothing served");
    }

    @Test
    void aTenantsOwnTextIsPrintedInEveryFormatAndTheDesignStillDecodes() throws IOException {
        for (DesignFormat format : DesignFormat.values()) {
            var r = design(Map.of("format", format.name().toLowerCase(), "medium", "flyer", "frameText", "到店扫码 领取会员券"));
            assertEquals(200, r.status(), r.body());
            assertEquals(scanUrl, DesignFiles.decode(format, bytes(r)), format.name());
        }
        var pdf = design(Map.of("format", "pdf", "medium", "poster", "frame", "true", "frameText", "Scan & join: 福田店"));
        assertEquals(200, pdf.status(), pdf.body());
        try (PDDocument doc = Loader.loadPDF(bytes(pdf))) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("Scan & join: 福田店"), text);
            assertFalse(text.contains("微信扫码 加入群聊"), "in place of the default call to action");
        }
    }

    @Test
    void theEtagFollowsTheText() {
        var own = design(Map.of("frameText", "到店扫码"));
        var other = design(Map.of("frameText", "到店扫码!"));
        var standard = design(Map.of("frame", "true"));
        assertEquals(200, own.status(), own.body());
        assertNotEquals(own.headers().get("etag"), other.headers().get("etag"));
        assertNotEquals(own.headers().get("etag"), standard.headers().get("etag"));
        var again = design(Map.of("frameText", "到店扫码"), Map.of("if-none-match", own.headers().get("etag")));
        assertEquals(304, again.status(), again.body());
        var changed = design(Map.of("frameText", "到店扫码!"), Map.of("if-none-match", own.headers().get("etag")));
        assertEquals(200, changed.status(), changed.body());
    }

    @Test
    void aWordOfTheTenantsListIsRefusedAsNamesAreFoldedLookAlikesIncluded() {
        var list = api.call("PUT", "/v1/blocked-words", Json.write(Map.of("words", List.of("casino", "赌场"),
                "allowed", List.of("casinos royale"))), bearer(writeKey));
        assertEquals(200, list.status(), list.body());
        // The same list refuses the same word in a name, through the codes API.
        var name = api.post("/v1/groups", "{\"name\":\"casino night\"}", bearer(writeKey));
        assertEquals(422, name.status(), name.body());
        for (String text : List.of("casino night", "саsinо night", "ＣＡＳＩＮＯ", "賭場开业")) {
            assertRefused(422, "content_blocked", design(Map.of("frameText", text)));
        }
        assertEquals(200, design(Map.of("frameText", "casinos royale")).status(), "the tenant's allowed words excuse its own");
    }

    @Test
    void aWordOfTheOperatorsListIsRefusedForEveryTenant() {
        var put = api.call("PUT", "/v1/admin/blocked-words", Json.write(Map.of("words", List.of(OPERATOR_WORD))),
                bearer(TestDeployment.ADMIN_KEY));
        assertEquals(200, put.status(), put.body());
        try {
            assertRefused(422, "content_blocked", design(Map.of("frameText", "Win the " + OPERATOR_WORD)));
        } finally {
            var reset = api.call("PUT", "/v1/admin/blocked-words", "{\"words\":[]}", bearer(TestDeployment.ADMIN_KEY));
            assertEquals(200, reset.status(), reset.body());
        }
    }

    @Test
    void badFrameTextsAre400NamingTheField() {
        assertRefused(400, "bad_request", design(Map.of("frameText", "\u202Enioj")));
        assertRefused(400, "bad_request", design(Map.of("frameText", "a".repeat(31))));
        assertRefused(400, "bad_request", design(Map.of("frameText", "two\nlines")));
        assertRefused(400, "bad_request", design(Map.of("frame", "false", "frameText", "到店扫码")));
        // Thirty ideographs fit no printed medium legibly: a flyer's would print about 1 mm high.
        var flyer = design(Map.of("medium", "flyer", "frameText", "店".repeat(30)));
        assertRefused(400, "bad_request", flyer);
        assertTrue(flyer.body().contains("flyer"), flyer.body());
        assertEquals(200, design(Map.of("medium", "screen", "frameText", "店".repeat(30))).status());
    }
}
