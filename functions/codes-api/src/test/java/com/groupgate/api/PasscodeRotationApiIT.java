package com.groupgate.api;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.groupgate.api.ApiTestbed.TestTenant;
import com.groupgate.id.Base32;
import com.groupgate.testkit.HttpCalls;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code POST /v1/groups/{groupId}/passcode/rotate}: a passcode group gets a new TOTP secret,
 * shown once and stored only sealed; any other group, another tenant's or none, is refused
 * without a write. (That joins then take only the new secret's codes is PasscodeRotationIT,
 * in the scan module.)
 */
class PasscodeRotationApiIT {
    static HttpCalls api;
    static TestTenant tenant;

    @BeforeAll
    static void start() {
        api = ApiTestbed.api(Clock.systemUTC());
        tenant = ApiTestbed.newTenant(api, "Rotating Passcodes Co");
    }

    private static String rotatePath(String groupId) {
        return "/v1/groups/" + groupId + "/passcode/rotate";
    }

    @Test
    void rotationShowsANewSecretOnceAndStoresItOnlySealed() {
        var created = api.post("/v1/groups", "{\"name\":\"Vault\",\"joinPolicy\":\"passcode\",\"capacity\":9}",
                tenant.auth());
        assertEquals(201, created.status(), created.body());
        String groupId = created.text("groupId");
        byte[] sealedBefore = sealed(groupId);

        var rotated = api.post(rotatePath(groupId), null, tenant.auth());
        assertEquals(200, rotated.status(), rotated.body());
        String secret = rotated.text("passcodeSecret");
        assertTrue(secret.matches("[A-Z2-7]{32}"), secret);
        assertFalse(secret.equals(created.text("passcodeSecret")), "a new secret");
        ObjectNode view = (ObjectNode) rotated.json();
        view.remove("passcodeSecret");
        var read = api.get("/v1/groups/" + groupId, tenant.auth());
        assertEquals(read.json(), view, "the group view, plus the secret");
        assertFalse(read.body().contains(secret), read.body());

        Map<String, AttributeValue> item = groupItem(groupId);
        byte[] sealedAfter = item.get("sealedPasscode").b().asByteArray();
        assertFalse(Arrays.equals(sealedBefore, sealedAfter), "the sealed secret was replaced");
        for (String text : GroupsApiIT.attributeTexts(item)) {
            assertFalse(text.toUpperCase().contains(secret), "plaintext secret stored");
        }
        assertEquals(-1, GroupsApiIT.indexOf(sealedAfter, Base32.decodeOrNull(secret)), "raw secret stored");

        var again = api.post(rotatePath(groupId), "{}", tenant.auth());
        assertEquals(200, again.status(), again.body());
        assertFalse(again.text("passcodeSecret").equals(secret), "each rotation makes a new secret");
    }

    @Test
    void aGroupThatDoesNotJoinByPasscodeIs409NamingJoinPolicy() {
        for (String policy : List.of("open", "approval")) {
            String groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"No passcode\",\"joinPolicy\":\"" + policy + "\"}");
            Map<String, AttributeValue> before = groupItem(groupId);
            var r = api.post(rotatePath(groupId), null, tenant.auth());
            assertEquals(409, r.status(), r.body());
            assertEquals("conflict", r.errorCode());
            assertEquals("joinPolicy", r.json().path("error").path("field").asText(), r.body());
            assertEquals(before, groupItem(groupId), "nothing written");
        }
    }

    @Test
    void anotherTenantsGroupOrNoGroupIsNotFoundAndUntouched() {
        var created = api.post("/v1/groups", "{\"name\":\"Mine\",\"joinPolicy\":\"passcode\"}", tenant.auth());
        String groupId = created.text("groupId");
        byte[] sealedBefore = sealed(groupId);
        TestTenant stranger = ApiTestbed.newTenant(api, "Passcode Stranger Co");
        long items = ApiTestbed.mainTableItemCount();
        for (String id : List.of(groupId, "aaaaaaaaaaaaa", "not-an-id")) {
            var r = api.post(rotatePath(id), null, stranger.auth());
            assertEquals(404, r.status(), id + ": " + r.body());
            assertEquals("not_found", r.errorCode());
        }
        assertEquals(items, ApiTestbed.mainTableItemCount());
        assertArrayEquals(sealedBefore, sealed(groupId));
    }

    @Test
    void aBodyWithFieldsIs400AndChangesNothing() {
        var created = api.post("/v1/groups", "{\"name\":\"Strict\",\"joinPolicy\":\"passcode\"}", tenant.auth());
        String groupId = created.text("groupId");
        byte[] sealedBefore = sealed(groupId);
        var r = api.post(rotatePath(groupId), "{\"passcodeSecret\":\"AAAA\"}", tenant.auth());
        assertEquals(400, r.status(), r.body());
        assertEquals("passcodeSecret", r.json().path("error").path("field").asText());
        assertArrayEquals(sealedBefore, sealed(groupId));
    }

    @Test
    void aReadKeyCannotRotate() {
        var created = api.post("/v1/groups", "{\"name\":\"Guarded\",\"joinPolicy\":\"passcode\"}", tenant.auth());
        var key = api.post("/v1/keys", "{\"name\":\"viewer\",\"scope\":\"read\"}", tenant.auth());
        assertEquals(201, key.status(), key.body());
        String groupId = created.text("groupId");
        byte[] sealedBefore = sealed(groupId);
        var r = api.post(rotatePath(groupId), null, bearer(key.text("apiKey")));
        assertEquals(403, r.status(), r.body());
        assertEquals("forbidden", r.errorCode());
        assertArrayEquals(sealedBefore, sealed(groupId));
    }

    private static Map<String, AttributeValue> groupItem(String groupId) {
        return ApiTestbed.aws().clients().dynamo().getItem(g -> g.tableName(ApiTestbed.mainTable())
                .consistentRead(true).key(Map.of("pk", AttributeValue.fromS("T#" + tenant.tenantId()),
                        "sk", AttributeValue.fromS("GROUP#" + groupId)))).item();
    }

    private static byte[] sealed(String groupId) {
        AttributeValue v = groupItem(groupId).get("sealedPasscode");
        assertNotNull(v, groupId);
        return v.b().asByteArray();
    }
}
