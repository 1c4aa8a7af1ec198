package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.id.CodeId;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.testkit.TestDeployment;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.token.TokenCodec;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Group codes carry short (v2) tokens, whose URL with the 24-character base is QR version 4;
 * codes issued before (v1, 8-byte salt) keep their URL and keep scanning; forgeries of
 * either format are refused without one AWS call.
 */
class ShortCodeScanIT {
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    static ScanWorld world;
    static ScanWorld.Tenant tenant;

    @BeforeAll
    static void start() {
        world = new ScanWorld();
        tenant = world.tenant("Short codes tenant", null);
    }

    @Test
    void groupCodesAreIssuedWithShortTokensAtQrVersion4AndScan() {
        JsonNode code = world.openCode(tenant, "{}");
        assertEquals(24, TestDeployment.SCAN_BASE.length());
        assertEquals(90, code.path("scanUrl").asText().length(), code.toString());
        assertEquals(4, code.path("qrVersion").asInt(), code.toString());
        assertEquals(200, world.scanJson(ScanWorld.path(code)).status());
    }

    @Test
    void aCodeIssuedWithAV1TokenKeepsItsUrlAndScans() {
        JsonNode code = world.openCode(tenant, "{}");
        String codeId = code.path("codeId").asText();
        // As every code issued before short tokens is stored: with an 8-byte salt.
        byte[] salt = new byte[TokenCodec.SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        TestDeployment.get().clients().dynamo().updateItem(u -> u.tableName(TestDeployment.get().mainTable())
                .key(MainTableKeys.code(TenantId.parse(tenant.tenantId()).orElseThrow(), CodeId.parse(codeId).orElseThrow()))
                .updateExpression("SET salt = :s")
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromB(SdkBytes.fromByteArray(salt)))));

        var shown = world.api.get("/v1/codes/" + codeId, bearer(tenant.apiKey()));
        assertEquals(200, shown.status(), shown.body());
        String v1Url = shown.text("scanUrl");
        assertEquals(TestDeployment.SCAN_BASE.length() + TokenCodec.TEXT_LENGTH, v1Url.length(), v1Url);
        assertNotEquals(code.path("scanUrl").asText(), v1Url);
        var r = world.scanJson("/S/" + v1Url.substring(TestDeployment.SCAN_BASE.length()));
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void forgedShortAndV1TokensCostNoAwsCall() {
        JsonNode code = world.openCode(tenant, "{\"dailyScanLimit\":1000000}");
        String shortToken = ScanWorld.token(code);
        assertEquals(TokenCodec.SHORT_TEXT_LENGTH, shortToken.length());
        assertEquals(200, world.scanJson("/S/" + shortToken).status());
        String v1Token = TokenCodec.issue(com.groupgate.token.KeyRing.of(
                new com.groupgate.token.SigningKey(1, new byte[32], false)),
                com.groupgate.token.CodeKind.GROUP_CODE, Id.random(), Id.random(), Id.random(),
                com.groupgate.token.ScanToken.NEVER, new SecureRandom());

        List<String> forged = new ArrayList<>();
        for (String real : List.of(shortToken, v1Token)) {
            for (int i = 0; i < real.length(); i++) {
                for (int k = 1; k < 32; k += 3) {
                    char c = BASE32.charAt((BASE32.indexOf(real.charAt(i)) + k) % 32);
                    forged.add(real.substring(0, i) + c + real.substring(i + 1));
                }
            }
        }
        // A short token's prefix of a v1 text, and a v1-length text ending in a short token.
        forged.add(v1Token.substring(0, TokenCodec.SHORT_TEXT_LENGTH));
        forged.add("A".repeat(TokenCodec.TEXT_LENGTH - TokenCodec.SHORT_TEXT_LENGTH) + shortToken);
        world.calls.reset();
        for (String token : forged) {
            HttpCalls.Response r = world.scanJson("/S/" + token);
            assertEquals(404, r.status(), token + " " + r.body());
            assertEquals("not_found", r.errorCode(), token);
        }
        assertTrue(forged.size() > 1_000, "forgeries: " + forged.size());
        assertEquals(Map.of(), world.calls.snapshot(), "forged tokens cost no DynamoDB or KMS call");
    }
}
