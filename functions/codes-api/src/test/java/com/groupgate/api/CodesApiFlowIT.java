package com.groupgate.api;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.groupgate.testkit.TestDeployment;
import com.groupgate.testkit.EdgeImageUrls;
import com.groupgate.testkit.HttpCalls;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CodesApiFlowIT {
    static HttpCalls api;
    static String apiKey;

    @BeforeAll
    static void start() {
        api = new HttpCalls(new CodesApiHandler(TestDeployment.get().wiring("CodesApiFunction", Clock.systemUTC())));
        var tenant = api.post("/v1/tenants", "{\"name\":\"Riverside School\"}", bearer(TestDeployment.ADMIN_KEY));
        assertEquals(201, tenant.status(), tenant.body());
        apiKey = tenant.text("apiKey");
    }

    @Test
    void issuedCodeImageDecodesToItsScanUrl() throws Exception {
        var group = api.post("/v1/groups", "{\"name\":\"Class 3\",\"capacity\":40}", bearer(apiKey));
        assertEquals(201, group.status(), group.body());
        var code = api.post("/v1/groups/" + group.text("groupId") + "/codes", "{\"channel\":\"campus-north\"}",
                bearer(apiKey));
        assertEquals(201, code.status(), code.body());
        String scanUrl = code.text("scanUrl");
        assertTrue(scanUrl.startsWith(TestDeployment.SCAN_BASE), scanUrl);
        // A short (v2) token: the 24-character base and 66 characters fit QR version 4 at M.
        assertEquals(24 + 66, scanUrl.length(), scanUrl);
        assertEquals(4, code.json().path("qrVersion").asInt(), code.body());
        byte[] png = EdgeImageUrls.get(code.text("imageUrl")).body();
        var image = ImageIO.read(new ByteArrayInputStream(png));
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image)))).getText();
        assertEquals(scanUrl, decoded);
        var again = api.get("/v1/codes/" + code.text("codeId"), bearer(apiKey));
        assertEquals(200, again.status(), again.body());
        assertEquals(scanUrl, again.text("scanUrl"));
        assertEquals("active", again.text("status"));
    }
}
