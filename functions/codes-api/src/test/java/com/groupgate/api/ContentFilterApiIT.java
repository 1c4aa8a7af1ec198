package com.groupgate.api;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.api.ApiTestbed.MutableClock;
import com.groupgate.api.ApiTestbed.TestTenant;
import com.groupgate.http.Json;
import com.groupgate.testkit.TestDeployment;
import com.groupgate.testkit.HttpCalls;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The content filter through the API: the operator's and the tenant's blocked-word lists
 * refuse group names, welcome messages, code channels, live code names and link entries on
 * create and on edit with 422 {@code content_blocked} naming the field — whatever spelling
 * evades the plain word — never naming the word, and writing nothing; a list change
 * reaches another container within the minute.
 */
class ContentFilterApiIT {
    /** Only words no other test writes: the operator's list applies to every tenant of this emulator. */
    static final String OPERATOR_WORD = "zqxoperatorword";

    static MutableClock clock;
    static HttpCalls api;
    static TestTenant tenant;

    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        api = ApiTestbed.api(clock);
        tenant = ApiTestbed.newTenant(api, "Filtered");
        putTenantList(api, tenant, List.of("赌博", "BadWord", "妈妈"), List.of("反赌博宣传"));
    }

    @AfterAll
    static void clearOperatorList() {
        var r = api.call("PUT", "/v1/admin/blocked-words", "{\"words\":[]}", bearer(TestDeployment.ADMIN_KEY));
        assertEquals(200, r.status(), r.body());
    }

    static void putTenantList(HttpCalls on, TestTenant t, List<String> words, List<String> allowed) {
        var r = on.call("PUT", "/v1/blocked-words", Json.write(Map.of("words", words, "allowed", allowed)), t.auth());
        assertEquals(200, r.status(), r.body());
        assertEquals(words.size(), r.json().path("words").asInt());
    }

    private static HttpCalls.Response createGroup(TestTenant t, Map<String, Object> body) {
        return api.post("/v1/groups", Json.write(body), t.auth());
    }

    private static void assertBlocked(HttpCalls.Response r, String field, String what) {
        assertEquals(422, r.status(), what + ": " + r.body());
        assertEquals("content_blocked", r.errorCode(), what);
        assertEquals(field, r.json().path("error").path("field").asText(), what);
        String body = r.body().toLowerCase(Locale.ROOT);
        for (String word : List.of("赌博", "badword", "妈妈", OPERATOR_WORD)) {
            assertFalse(body.contains(word), "the answer names no listed word: " + r.body());
        }
    }

    private static int tenantItems(TestTenant t) {
        return ApiTestbed.mainTableItems("T#" + t.tenantId()).size();
    }

    @Test
    void everyEvasionOfABlockedWordIsRefused() {
        int before = tenantItems(tenant);
        for (String evasion : List.of("今晚赌博", "今晚賭博", "赌*博", "赌 博", "赌赌博博", "赌\u200b博", "ＢＡＤ　ＷＯＲＤ",
                "bAdWoRd club", "b.a.d-w_o r d", "Baaaadword", "ｂａｄｗｏｒｄ", "我的妈妈群")) {
            assertBlocked(createGroup(tenant, Map.of("name", evasion)), "name", evasion);
        }
        assertEquals(before, tenantItems(tenant), "nothing written");
    }

    /**
     * Issue 20's evasions, each once through a group name (the fillers, look-alikes, small
     * capitals, accents) and the rest where they apply: an override in a welcome message,
     * a word split across name and welcome message, a percent-encoded link.
     */
    @Test
    void issue20EvasionsAreRefusedThroughTheApi() {
        String groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Evasion target\",\"welcomeMessage\":\"word up\"}");
        int before = tenantItems(tenant);
        for (String evasion : List.of("Bad\u3164Word", "B\uFFA0ad\u115FWo\u1160rd", "赌\u3164博", "Bаdwоrd",
                "bad\u200Bwοrd", "ʙᴀᴅᴡᴏʀᴅ", "bádwörd", "ba\u0301dword", "BADW0RD")) {
            assertBlocked(createGroup(tenant, Map.of("name", evasion)), "name", evasion);
        }
        assertBlocked(createGroup(tenant, Map.of("name", "Fine", "welcomeMessage", "Hello \u202Edrowdab")),
                "welcomeMessage", "shown right to left in a welcome message");
        assertBlocked(createGroup(tenant, Map.of("name", "Club bad", "welcomeMessage", "Word of the day")),
                "welcomeMessage", "split across name and welcome message on create");
        String path = "/v1/groups/" + groupId;
        assertBlocked(api.call("PATCH", path, "{\"name\":\"Too bad\"}", tenant.auth()), "name",
                "a new name that the kept welcome message completes");
        assertBlocked(api.call("PATCH", path, "{\"name\":\"Evasion 赌\",\"welcomeMessage\":\"博 tonight\"}",
                tenant.auth()), "welcomeMessage", "both edited: the welcome message is named");
        for (String url : List.of("https://chat.whatsapp.com/%42ad%57ord", "https://chat.whatsapp.com/%2542adword",
                "https://x.example/b%C3%A1dword", "https://x.example/?g=%E8%B3%AD%E5%8D%9A")) {
            assertBlocked(api.call("PATCH", path, Json.write(Map.of("entry", Map.of("type", "link", "url", url))),
                    tenant.auth()), "entry.url", url);
        }
        assertEquals(before, tenantItems(tenant), "nothing written");
        var group = api.get(path, tenant.auth()).json();
        assertEquals("Evasion target", group.path("name").asText());
        assertTrue(group.path("entry").isNull());
    }

    @Test
    void theOperatorsListIsFoldedAlike() {
        var put = api.call("PUT", "/v1/admin/blocked-words", Json.write(Map.of("words", List.of(OPERATOR_WORD))),
                bearer(TestDeployment.ADMIN_KEY));
        assertEquals(200, put.status(), put.body());
        try {
            for (String evasion : List.of("zqx\u3164operatorword", "zqxоperatorwоrd", "ᴢqxᴏᴘᴇʀᴀᴛᴏʀᴡᴏʀᴅ",
                    "zqxóperatorword")) {
                assertBlocked(createGroup(tenant, Map.of("name", evasion)), "name", "operator's word: " + evasion);
            }
            assertBlocked(createGroup(tenant, Map.of("name", "zqxoperator", "welcomeMessage", "word")), "welcomeMessage",
                    "operator's word split across name and welcome message");
        } finally {
            clearOperatorList();
        }
    }

    @Test
    void bidiControlsInANameAreRefusedNamingTheField() {
        String groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Bidi target\"}");
        int before = tenantItems(tenant);
        for (String control : List.of("\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068",
                "\u2069", "\u200E", "\u200F", "\u061C")) {
            var r = createGroup(tenant, Map.of("name", "Book club " + control + "2026"));
            assertEquals(400, r.status(), r.body());
            assertEquals("bad_request", r.errorCode());
            assertEquals("name", r.json().path("error").path("field").asText());
        }
        var edit = api.call("PATCH", "/v1/groups/" + groupId, "{\"name\":\"\u202Edrowdab\"}", tenant.auth());
        assertEquals(400, edit.status(), edit.body());
        assertEquals("name", edit.json().path("error").path("field").asText());
        var live = api.post("/v1/live-codes", Json.write(Map.of("name", "Poster \u2067x", "groupIds", List.of(groupId))),
                tenant.auth());
        assertEquals(400, live.status(), live.body());
        assertEquals("name", live.json().path("error").path("field").asText());
        assertEquals(before, tenantItems(tenant), "nothing written");
        var welcome = createGroup(tenant, Map.of("name", "مجموعة القراءة", "welcomeMessage", "أهلا \u200F Book club"));
        assertEquals(201, welcome.status(), "a welcome message may hold bidi controls: " + welcome.body());
    }

    @Test
    void nearMissesInOtherScriptsPass() {
        for (String fine : List.of("Café Niño", "Crème brûlée club", "Москва", "Σωκράτης", "가나다 모임", "日本語の会",
                "Łódź runners", "Bad", "Wordle fans")) {
            var r = createGroup(tenant, Map.of("name", fine));
            assertEquals(201, r.status(), fine + ": " + r.body());
            assertEquals(fine, r.json().path("name").asText(), "stored as written");
        }
        var apart = createGroup(tenant, Map.of("name", "Bad news", "welcomeMessage", "Word games tonight"));
        assertEquals(201, apart.status(), "a word split by other letters: " + apart.body());
        String groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Links\"}");
        var link = api.call("PATCH", "/v1/groups/" + groupId,
                "{\"entry\":{\"type\":\"link\",\"url\":\"https://chat.whatsapp.com/AbC%2Fdef%20club\"}}", tenant.auth());
        assertEquals(200, link.status(), "a link with encoded characters: " + link.body());
    }

    @Test
    void nearMissesAndAllowedWordsPass() {
        for (String fine : List.of("博物馆", "赌场", "Bad news, wordsmiths", "我妈", "word bad", "反赌博宣传周")) {
            var r = createGroup(tenant, Map.of("name", fine));
            assertEquals(201, r.status(), fine + ": " + r.body());
        }
        assertBlocked(createGroup(tenant, Map.of("name", "反赌博宣传, 赌博")), "name", "an allowed word excuses only itself");
    }

    @Test
    void everyFieldIsCheckedOnCreateAndOnEdit() {
        String groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Clean group\"}");
        String liveId = api.post("/v1/live-codes", "{\"name\":\"Clean poster\",\"groupIds\":[\"" + groupId + "\"]}",
                tenant.auth()).text("liveCodeId");
        int items = tenantItems(tenant);
        long objects = ApiTestbed.imageObjectCount();

        assertBlocked(createGroup(tenant, Map.of("name", "赌博群")), "name", "group name on create");
        assertBlocked(createGroup(tenant, Map.of("name", "Fine", "welcomeMessage", "欢迎来到賭博群")), "welcomeMessage",
                "welcome on create");
        String path = "/v1/groups/" + groupId;
        assertBlocked(api.call("PATCH", path, "{\"name\":\"赌 博\"}", tenant.auth()), "name", "group name on edit");
        assertBlocked(api.call("PATCH", path, "{\"welcomeMessage\":\"BAD word\"}", tenant.auth()), "welcomeMessage",
                "welcome on edit");
        assertBlocked(api.call("PATCH", path, "{\"entry\":{\"type\":\"link\",\"url\":\"https://chat.whatsapp.com/BadWord9\"}}",
                tenant.auth()), "entry.url", "link entry on edit");
        assertBlocked(api.post(path + "/codes", "{\"channel\":\"store-badword\"}", tenant.auth()), "channel",
                "code channel on create");
        assertBlocked(api.post("/v1/live-codes", "{\"name\":\"赌赌博博\",\"groupIds\":[\"" + groupId + "\"]}",
                tenant.auth()), "name", "live code name on create");
        assertBlocked(api.post("/v1/live-codes", "{\"name\":\"Poster\",\"channel\":\"Bad.Word\",\"groupIds\":[\""
                + groupId + "\"]}", tenant.auth()), "channel", "live code channel on create");
        assertBlocked(api.call("PUT", "/v1/live-codes/" + liveId, "{\"name\":\"赌*博\"}", tenant.auth()), "name",
                "live code name on edit");
        assertBlocked(api.call("PUT", "/v1/live-codes/" + liveId, "{\"channel\":\"badword\"}", tenant.auth()), "channel",
                "live code channel on edit");

        assertEquals(items, tenantItems(tenant), "no refused write left an item");
        assertEquals(objects, ApiTestbed.imageObjectCount(), "nor an image");
        var group = api.get(path, tenant.auth()).json();
        assertEquals("Clean group", group.path("name").asText());
        assertTrue(group.path("entry").isNull());
        assertEquals("Clean poster", api.get("/v1/live-codes/" + liveId, tenant.auth()).text("name"));
        // Edits of other fields go on.
        assertEquals(200, api.call("PATCH", path, "{\"capacity\":20}", tenant.auth()).status());
    }

    @Test
    void theOperatorsListAppliesToEveryTenantAndIsNeverShown() {
        var put = api.call("PUT", "/v1/admin/blocked-words", Json.write(Map.of("words", List.of(OPERATOR_WORD))),
                bearer(TestDeployment.ADMIN_KEY));
        assertEquals(200, put.status(), put.body());
        assertEquals(1, put.json().path("words").asInt());
        TestTenant other = ApiTestbed.newTenant(api, "Other");
        // The other tenant's own list allows the operator's word: it excuses only its own words.
        putTenantList(api, other, List.of("zqxtenantonly"), List.of(OPERATOR_WORD));
        for (TestTenant t : List.of(tenant, other)) {
            assertBlocked(createGroup(t, Map.of("name", "Z Q X operator word")), "name", "operator word");
        }
        assertBlocked(createGroup(other, Map.of("name", "zqxtenantonly")), "name", "the other tenant's own word");
        assertEquals(201, createGroup(tenant, Map.of("name", "zqxtenantonly")).status(),
                "a tenant's list is its own");
        JsonNode mine = api.get("/v1/blocked-words", other.auth()).json();
        assertEquals(List.of("zqxtenantonly"), strings(mine.path("words")));
        assertFalse(mine.path("words").toString().contains(OPERATOR_WORD), "the operator's words are not shown: " + mine);
        var byTenant = api.call("PUT", "/v1/admin/blocked-words", "{\"words\":[]}", other.auth());
        assertEquals(401, byTenant.status(), "a tenant key cannot set the operator's list");
        var read = api.get("/v1/blocked-words", bearer(TestDeployment.ADMIN_KEY));
        assertEquals(401, read.status(), "the tenant read route takes a tenant key only");
        clearOperatorList();
        assertEquals(201, createGroup(other, Map.of("name", "zqx operator word")).status());
    }

    @Test
    void aListChangeReachesAnotherContainerWithinTheMinute() {
        TestTenant t = ApiTestbed.newTenant(api, "Changing list");
        HttpCalls other = ApiTestbed.api(clock);
        assertEquals(201, other.post("/v1/groups", "{\"name\":\"Lateword one\"}", t.auth()).status(),
                "the other container knows the empty list");
        putTenantList(api, t, List.of("lateword"), List.of());
        assertBlocked(api.post("/v1/groups", "{\"name\":\"Lateword two\"}", t.auth()), "name",
                "at once where it was changed");
        clock.advance(Duration.ofSeconds(59));
        assertEquals(201, other.post("/v1/groups", "{\"name\":\"Lateword three\"}", t.auth()).status(),
                "another container may use its list for up to a minute");
        clock.advance(Duration.ofSeconds(1));
        assertBlocked(other.post("/v1/groups", "{\"name\":\"Lateword four\"}", t.auth()), "name",
                "and not a moment longer");
        putTenantList(api, t, List.of(), List.of());
        clock.advance(Duration.ofSeconds(60));
        assertEquals(201, other.post("/v1/groups", "{\"name\":\"Lateword five\"}", t.auth()).status(),
                "a cleared list blocks nothing after the minute");
        JsonNode cleared = api.get("/v1/blocked-words", t.auth()).json();
        assertEquals(0, cleared.path("words").size());
    }

    @Test
    void aHundredThousandWordListLoadsAndMatchesThroughTheRoute() {
        TestTenant t = ApiTestbed.newTenant(api, "Big list");
        List<String> words = hundredThousandWords();
        putTenantList(api, t, words, List.of());
        HttpCalls fresh = ApiTestbed.api(clock);
        String listed = words.get(73_456);
        assertBlocked(fresh.post("/v1/groups", Json.write(Map.of("name", "群" + listed.charAt(0) + "*"
                + listed.substring(1) + "!")), t.auth()), "name", "a listed word, loaded by another container");
        assertEquals(201, fresh.post("/v1/groups", "{\"name\":\"Plain English name\"}", t.auth()).status());
        JsonNode read = api.get("/v1/blocked-words", t.auth()).json();
        assertEquals(100_000, read.path("words").size());
        assertEquals(listed, read.path("words").get(73_456).asText());
    }

    @Test
    void badListsAreRefusedNamingTheFieldAndNothingChanges() {
        TestTenant t = ApiTestbed.newTenant(api, "Bad lists");
        putTenantList(api, t, List.of("keepme"), List.of());
        String longWord = "x".repeat(65);
        List<String[]> cases = List.of(
                new String[] {"{\"words\":\"keepme\"}", "words"},
                new String[] {"{}", "words"},
                new String[] {"{\"words\":[\"ok\",\"***\"]}", "words[1]"},
                new String[] {"{\"words\":[\"ok\",\"fine\",\"" + longWord + "\"]}", "words[2]"},
                new String[] {"{\"words\":[\"ok\",5]}", "words[1]"},
                new String[] {"{\"words\":[],\"allowed\":[\"  \"]}", "allowed[0]"},
                new String[] {"{\"words\":[],\"extra\":1}", "extra"});
        for (String[] c : cases) {
            var r = api.call("PUT", "/v1/blocked-words", c[0], t.auth());
            assertEquals(400, r.status(), c[0] + " " + r.body());
            assertEquals(c[1], r.json().path("error").path("field").asText(), c[0]);
        }
        List<String> tooMany = new ArrayList<>(hundredThousandWords());
        tooMany.add("one more");
        var many = api.call("PUT", "/v1/blocked-words", Json.write(Map.of("words", tooMany)), t.auth());
        assertEquals(400, many.status(), many.body().substring(0, Math.min(200, many.body().length())));
        assertEquals("words", many.json().path("error").path("field").asText());
        var huge = api.call("PUT", "/v1/blocked-words", "{\"words\":[\"" + "y".repeat(5 * 1024 * 1024) + "\"]}",
                t.auth());
        assertEquals(413, huge.status());
        assertEquals(List.of("keepme"), strings(api.get("/v1/blocked-words", t.auth()).json().path("words")));
        assertBlocked(api.post("/v1/groups", "{\"name\":\"keep me\"}", t.auth()), "name", "the old list still holds");
    }

    /** 100,000 distinct words of two to four CJK characters, deterministic. */
    static List<String> hundredThousandWords() {
        Set<String> words = new LinkedHashSet<>();
        long seed = 15;
        while (words.size() < 100_000) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            int length = 2 + (int) ((seed >>> 60) % 3);
            StringBuilder w = new StringBuilder();
            long bits = seed;
            for (int i = 0; i < length; i++) {
                w.append((char) (0x4E00 + (int) ((bits >>> (i * 13)) & 0x1FFF)));
            }
            words.add(w.toString());
        }
        return List.copyOf(words);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
