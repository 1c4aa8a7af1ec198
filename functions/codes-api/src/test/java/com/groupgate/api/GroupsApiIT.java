package com.groupgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.api.ApiTestbed.TestTenant;
import com.groupgate.id.Base32;
import com.groupgate.testkit.HttpCalls;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Creating, reading and listing groups; passcode secrets shown once and stored only sealed. */
class GroupsApiIT {
    static HttpCalls api;
    static TestTenant tenant;

    @BeforeAll
    static void start() {
        api = ApiTestbed.api(Clock.systemUTC());
        tenant = ApiTestbed.newTenant(api, "Groups Galore");
    }

    @Test
    void createdGroupHasDefaultsAndReadsBack() {
        var created = api.post("/v1/groups", "{\"name\":\"  Class 3  \"}", tenant.auth());
        assertEquals(201, created.status(), created.body());
        assertEquals("Class 3", created.text("name"));
        assertEquals(500, created.json().path("capacity").asInt());
        assertEquals(0, created.json().path("members").asInt());
        assertEquals("open", created.text("joinPolicy"));
        assertEquals("personal", created.text("category"));
        assertEquals("", created.text("welcomeMessage"));
        assertFalse(created.json().has("passcodeSecret"), created.body());
        var read = api.get("/v1/groups/" + created.text("groupId"), tenant.auth());
        assertEquals(200, read.status(), read.body());
        assertEquals(created.json(), read.json());
    }

    @Test
    void presetsGiveCapacityAndExplicitCapacityWins() {
        Map<String, Integer> capacities = Map.of("wechat", 500, "qq", 2000, "dingtalk", 3000, "whatsapp", 256);
        capacities.forEach((preset, capacity) -> {
            var g = api.post("/v1/groups", "{\"name\":\"P\",\"preset\":\"" + preset + "\"}", tenant.auth());
            assertEquals(201, g.status(), g.body());
            assertEquals(capacity, g.json().path("capacity").asInt(), preset);
            assertEquals(preset, g.text("preset"));
        });
        var own = api.post("/v1/groups", "{\"name\":\"P\",\"preset\":\"whatsapp\",\"capacity\":40}", tenant.auth());
        assertEquals(40, own.json().path("capacity").asInt(), own.body());
    }

    @Test
    void passcodeSecretIsShownOnceAndStoredOnlySealed() {
        var created = api.post("/v1/groups", "{\"name\":\"Vault\",\"joinPolicy\":\"passcode\"}", tenant.auth());
        assertEquals(201, created.status(), created.body());
        String secret = created.text("passcodeSecret");
        byte[] raw = Base32.decodeOrNull(secret);
        assertNotNull(raw, "passcodeSecret is base32: " + secret);
        assertTrue(secret.matches("[A-Z2-7]+"), secret);
        assertTrue(raw.length >= 16, "at least 128 bits");

        var read = api.get("/v1/groups/" + created.text("groupId"), tenant.auth());
        assertFalse(read.json().has("passcodeSecret"), read.body());
        assertFalse(read.body().contains(secret), read.body());
        var listed = api.get("/v1/groups", tenant.auth());
        assertFalse(listed.body().contains(secret), listed.body());

        Map<String, AttributeValue> item = groupItem(created.text("groupId"));
        assertNotNull(item.get("sealedPasscode"), item.keySet().toString());
        for (String text : attributeTexts(item)) {
            assertFalse(text.toUpperCase().contains(secret), "plaintext secret stored");
        }
        byte[] sealed = item.get("sealedPasscode").b().asByteArray();
        assertFalse(indexOf(sealed, raw) >= 0, "raw secret stored inside sealedPasscode");
    }

    @Test
    void financeGroupsDefaultToPasscode() {
        var created = api.post("/v1/groups", "{\"name\":\"Fund\",\"category\":\"finance\"}", tenant.auth());
        assertEquals(201, created.status(), created.body());
        assertEquals("passcode", created.text("joinPolicy"));
        assertEquals("finance", created.text("category"));
        assertFalse(created.text("passcodeSecret").isEmpty(), created.body());
    }

    @Test
    void listingPagesThroughEveryGroupOnceWithoutGaps() {
        TestTenant lister = ApiTestbed.newTenant(api, "Lister");
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            created.add(ApiTestbed.newGroup(api, lister, "{\"name\":\"G" + i + "\"}"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = new HashMap<>(Map.of("limit", "10"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            var page = api.call("GET", "/v1/groups", query, null, lister.auth(), "198.51.100.7");
            assertEquals(200, page.status(), page.body());
            assertTrue(page.json().path("items").size() <= 10, page.body());
            page.json().path("items").forEach(g -> seen.add(g.path("groupId").asText()));
            cursor = page.json().path("nextCursor").isNull() ? null : page.json().path("nextCursor").asText();
            pages++;
            assertTrue(pages <= 4, "too many pages");
        } while (cursor != null);
        assertEquals(25, seen.size(), "duplicates or gaps: " + seen);
        assertEquals(created, new HashSet<>(seen));
        assertTrue(pages >= 3, "limit honoured");
    }

    @Test
    void listingWithoutGroupsHasNoCursor() {
        TestTenant empty = ApiTestbed.newTenant(api, "Empty");
        var page = api.get("/v1/groups", empty.auth());
        assertEquals(200, page.status(), page.body());
        assertEquals(0, page.json().path("items").size());
        assertNull(page.json().path("nextCursor").isNull() ? null : page.json().path("nextCursor").asText());
    }

    static Map<String, AttributeValue> groupItem(String groupId) {
        return ApiTestbed.aws().clients().dynamo().getItem(g -> g.tableName(ApiTestbed.mainTable())
                .consistentRead(true).key(Map.of("pk", AttributeValue.fromS("T#" + tenant.tenantId()),
                        "sk", AttributeValue.fromS("GROUP#" + groupId)))).item();
    }

    /** Every string, number and binary (as base32) in an item, nested ones included. */
    static List<String> attributeTexts(Map<String, AttributeValue> item) {
        List<String> out = new ArrayList<>();
        item.values().forEach(v -> collect(v, out));
        return out;
    }

    private static void collect(AttributeValue v, List<String> out) {
        if (v.s() != null) {
            out.add(v.s());
        } else if (v.n() != null) {
            out.add(v.n());
        } else if (v.b() != null) {
            out.add(Base32.encode(v.b().asByteArray()));
        } else if (v.hasL()) {
            v.l().forEach(e -> collect(e, out));
        } else if (v.hasM()) {
            v.m().values().forEach(e -> collect(e, out));
        } else if (v.hasSs()) {
            out.addAll(v.ss());
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
