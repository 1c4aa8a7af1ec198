package com.groupgate.api;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.api.ApiTestbed.MutableClock;
import com.groupgate.api.ApiTestbed.TestTenant;
import com.groupgate.config.Wiring;
import com.groupgate.storage.tenant.ApiKeys;
import com.groupgate.tenant.KeySettings;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.testkit.TestDeployment;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Scoped API keys through the real codes API on the emulator: issued once and stored
 * hashed, listed without the key, deleted and then refused by every container within
 * 60 s, read keys limited to GET, {@code lastUsedAt} written at most once a minute.
 */
class KeysApiIT {
    static MutableClock clock;
    static HttpCalls api;

    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        api = new HttpCalls(new CodesApiHandler(ApiTestbed.wiring(clock)));
    }

    /** Another codes API container: its own key cache and clients, on the test's clock. */
    private static HttpCalls container() {
        return new HttpCalls(new CodesApiHandler(ApiTestbed.wiring(clock)));
    }

    private static HttpCalls.Response create(HttpCalls on, String apiKey, String name, String scope) {
        return on.post("/v1/keys", "{\"name\":\"" + name + "\",\"scope\":\"" + scope + "\"}", bearer(apiKey));
    }

    private static String newKey(TestTenant tenant, String name, String scope) {
        var r = create(api, tenant.apiKey(), name, scope);
        assertEquals(201, r.status(), r.body());
        return r.text("apiKey");
    }

    private static JsonNode keys(TestTenant tenant) {
        var r = api.get("/v1/keys", tenant.auth());
        assertEquals(200, r.status(), r.body());
        return r.json().path("items");
    }

    private static String keyIdNamed(TestTenant tenant, String name) {
        for (JsonNode k : keys(tenant)) {
            if (k.path("name").asText().equals(name)) {
                return k.path("keyId").asText();
            }
        }
        throw new AssertionError("no key named " + name + " in " + keys(tenant));
    }

    @Test
    void theTenantsFirstKeyIsAFullKeyListedAsInitial() {
        TestTenant tenant = ApiTestbed.newTenant(api, "First Key Co");
        JsonNode items = keys(tenant);
        assertEquals(1, items.size(), items.toString());
        JsonNode initial = items.path(0);
        assertEquals(KeySettings.INITIAL_NAME, initial.path("name").asText());
        assertEquals("full", initial.path("scope").asText());
        assertEquals(13, initial.path("keyId").asText().length(), initial.toString());
        assertEquals(clock.instant().toString(), initial.path("createdAt").asText());
        assertFalse(initial.has("apiKey"), initial.toString());
    }

    @Test
    void aNewKeyIsShownOnceListedWithoutItAndStoredOnlyAsItsHash() {
        TestTenant tenant = ApiTestbed.newTenant(api, "Hashed Keys Co");
        var created = create(api, tenant.apiKey(), "  reporting job  ", "read");
        assertEquals(201, created.status(), created.body());
        String apiKey = created.text("apiKey");
        assertTrue(apiKey.startsWith("gg_"), created.body());
        assertEquals(List.of("keyId", "name", "scope", "apiKey", "createdAt"), fieldNames(created.json()));
        assertEquals("reporting job", created.text("name"));
        assertEquals("read", created.text("scope"));
        assertEquals(clock.instant().toString(), created.text("createdAt"));

        var listed = api.get("/v1/keys", tenant.auth());
        assertFalse(listed.body().contains(apiKey), listed.body());
        assertEquals(created.text("keyId"), keyIdNamed(tenant, "reporting job"));

        String hash = ApiKeys.sha256Hex(apiKey);
        boolean hashStored = false;
        for (Map<String, AttributeValue> item : ApiTestbed.mainTableItems("")) {
            for (String text : GroupsApiIT.attributeTexts(item)) {
                assertFalse(text.contains(apiKey.substring(3)), "the key itself is stored: " + item.keySet());
            }
            hashStored |= item.get("pk").s().equals("APIKEY#" + hash);
        }
        assertTrue(hashStored, "the key's SHA-256 is what authentication looks up");
        assertEquals(200, api.get("/v1/groups", bearer(apiKey)).status(), "the new key works at once");
    }

    @Test
    void aReadKeyMayOnlyGetAndIsRefused403ForAnythingElseWherever() {
        TestTenant tenant = ApiTestbed.newTenant(api, "Read Only Co");
        String groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Readers\"}");
        String readKey = newKey(tenant, "viewer", "read");
        Map<String, String> read = bearer(readKey);
        assertEquals(200, api.get("/v1/groups", read).status());
        assertEquals(200, api.get("/v1/groups/" + groupId, read).status());
        assertEquals(200, api.get("/v1/keys", read).status());
        assertEquals(404, api.get("/v1/nowhere", read).status(), "a GET of no route is still 404");

        long items = ApiTestbed.mainTableItemCount();
        String initialId = keyIdNamed(tenant, KeySettings.INITIAL_NAME);
        List<String[]> changes = List.of(
                new String[] {"POST", "/v1/groups", "{\"name\":\"Sneaky\"}"},
                new String[] {"POST", "/v1/groups/" + groupId + "/codes", "{}"},
                new String[] {"POST", "/v1/groups/" + groupId + "/passcode/rotate", null},
                new String[] {"POST", "/v1/keys", "{\"name\":\"escalate\",\"scope\":\"full\"}"},
                new String[] {"DELETE", "/v1/keys/" + initialId, null},
                new String[] {"POST", "/v1/tenants", "{\"name\":\"Another\"}"},
                new String[] {"PUT", "/v1/live-codes/" + groupId, "{}"},
                // Routes that would be 404 or 405 for a full key are 403 for a read key alike.
                new String[] {"POST", "/v1/nowhere", "{}"},
                new String[] {"DELETE", "/v1/groups/" + groupId, null},
                new String[] {"PATCH", "/v1/groups/" + groupId, "{}"},
                new String[] {"HEAD", "/v1/groups", null});
        for (String[] c : changes) {
            var r = api.call(c[0], c[1], c[2], read);
            assertEquals(403, r.status(), c[0] + " " + c[1] + ": " + r.body());
            assertEquals("forbidden", r.errorCode(), r.body());
        }
        assertEquals(items, ApiTestbed.mainTableItemCount(), "a read key wrote something");
        assertEquals(2, keys(tenant).size());
        assertEquals(404, api.call("POST", "/v1/nowhere", "{}", tenant.auth()).status(), "a full key still sees 404");
        assertEquals(405, api.call("DELETE", "/v1/groups/" + groupId, null, tenant.auth()).status());
    }

    @Test
    void aDeletedKeyIsRefusedAtOnceWhereDeletedAndByEveryOtherContainerWithinSixtySeconds() {
        HttpCalls first = container();
        HttpCalls second = container();
        TestTenant tenant = ApiTestbed.newTenant(first, "Revocation Co");
        String doomed = newKey(tenant, "leaked", "full");
        String doomedId = keyIdNamed(tenant, "leaked");
        assertEquals(200, first.get("/v1/groups", bearer(doomed)).status());
        assertEquals(200, second.get("/v1/groups", bearer(doomed)).status(), "the second container now holds it");

        var deleted = first.call("DELETE", "/v1/keys/" + doomedId, null, tenant.auth());
        assertEquals(204, deleted.status(), deleted.body());
        assertEquals(null, deleted.body());
        assertUnauthorized(first.get("/v1/groups", bearer(doomed)));
        assertUnauthorized(container().get("/v1/groups", bearer(doomed)));

        clock.advance(Duration.ofSeconds(59));
        assertEquals(200, second.get("/v1/groups", bearer(doomed)).status(),
                "a container may trust its lookup for up to 60 s");
        clock.advance(Duration.ofSeconds(1));
        assertUnauthorized(second.get("/v1/groups", bearer(doomed)));
        assertUnauthorized(second.call("DELETE", "/v1/keys/" + keyIdNamed(tenant, KeySettings.INITIAL_NAME), null,
                bearer(doomed)));
        assertEquals(200, second.get("/v1/groups", tenant.auth()).status(), "the tenant's other key is untouched");
        assertEquals(1, keys(tenant).size());
    }

    @Test
    void lastUsedAtIsWrittenAtMostOnceAMinutePerKeyWhateverTheBurst() {
        TestTenant tenant = ApiTestbed.newTenant(api, "Busy Key Co");
        String key = newKey(tenant, "busy", "read");
        UpdateItemCounter countA = new UpdateItemCounter();
        UpdateItemCounter countB = new UpdateItemCounter();
        HttpCalls a = containerCounting(countA);
        HttpCalls b = containerCounting(countB);
        Instant start = clock.instant();

        burst(a, b, key, 20);
        assertEquals(1, countA.attempts.get(), "one write per container and minute");
        assertEquals(1, countB.attempts.get());
        assertEquals(1, countA.written.get() + countB.written.get(), "and one between them, by its condition");
        assertEquals(start.toString(), lastUsedAt(tenant, "busy"));

        clock.advance(Duration.ofSeconds(59));
        burst(a, b, key, 20);
        assertEquals(2, countA.attempts.get() + countB.attempts.get(), "nothing within the minute");
        assertEquals(start.toString(), lastUsedAt(tenant, "busy"));

        clock.advance(Duration.ofSeconds(1));
        burst(a, b, key, 20);
        assertEquals(4, countA.attempts.get() + countB.attempts.get());
        assertEquals(2, countA.written.get() + countB.written.get());
        assertEquals(clock.instant().toString(), lastUsedAt(tenant, "busy"));
    }

    private static void burst(HttpCalls a, HttpCalls b, String key, int each) {
        for (int i = 0; i < each; i++) {
            assertEquals(200, a.get("/v1/groups", bearer(key)).status());
            assertEquals(200, b.get("/v1/groups", bearer(key)).status());
        }
    }

    private static String lastUsedAt(TestTenant tenant, String name) {
        for (JsonNode k : keys(tenant)) {
            if (k.path("name").asText().equals(name)) {
                return k.path("lastUsedAt").asText(null);
            }
        }
        throw new AssertionError("no key named " + name);
    }

    /** Counts the UpdateItem calls one container makes, and those DynamoDB applied. */
    private static final class UpdateItemCounter implements ExecutionInterceptor {
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicInteger written = new AtomicInteger();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof UpdateItemRequest) {
                attempts.incrementAndGet();
            }
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof UpdateItemRequest) {
                written.incrementAndGet();
            }
        }
    }

    private static HttpCalls containerCounting(ExecutionInterceptor interceptor) {
        Wiring w = ApiTestbed.wiring(clock);
        return new HttpCalls(new CodesApiHandler(w.withAws(w.aws().withInterceptors(List.of(interceptor)))));
    }

    @Test
    void aTenantHoldsAtMostFiftyKeysAndTheOneTooManyWritesNothing() {
        TestTenant tenant = ApiTestbed.newTenant(api, "Many Keys Co");
        for (int i = 2; i <= KeySettings.MAX_KEYS; i++) {
            newKey(tenant, "key " + i, i % 2 == 0 ? "read" : "full");
        }
        long items = ApiTestbed.mainTableItemCount();
        var tooMany = create(api, tenant.apiKey(), "one too many", "read");
        assertEquals(409, tooMany.status(), tooMany.body());
        assertEquals("key_limit", tooMany.errorCode());
        assertTrue(tooMany.json().path("error").path("message").asText().contains("50"), tooMany.body());
        assertEquals(items, ApiTestbed.mainTableItemCount());
        assertEquals(KeySettings.MAX_KEYS, keys(tenant).size());

        var freed = api.call("DELETE", "/v1/keys/" + keyIdNamed(tenant, "key 2"), null, tenant.auth());
        assertEquals(204, freed.status(), freed.body());
        assertEquals(201, create(api, tenant.apiKey(), "in its place", "read").status());
    }

    @Test
    void theLastFullKeyCannotBeDeletedButAnyOtherKeyCanEvenByItself() {
        TestTenant tenant = ApiTestbed.newTenant(api, "Lockout Co");
        String initialId = keyIdNamed(tenant, KeySettings.INITIAL_NAME);
        newKey(tenant, "viewer", "read");
        long items = ApiTestbed.mainTableItemCount();
        var last = api.call("DELETE", "/v1/keys/" + initialId, null, tenant.auth());
        assertEquals(409, last.status(), last.body());
        assertEquals("last_full_key", last.errorCode());
        assertEquals(items, ApiTestbed.mainTableItemCount());
        assertEquals(200, api.get("/v1/groups", tenant.auth()).status());

        // Rotating the full key: make a new one, then the old one deletes itself.
        String successor = newKey(tenant, "successor", "full");
        var itself = api.call("DELETE", "/v1/keys/" + initialId, null, tenant.auth());
        assertEquals(204, itself.status(), itself.body());
        assertUnauthorized(api.get("/v1/groups", tenant.auth()));
        assertEquals(200, api.get("/v1/groups", bearer(successor)).status());
        var successorAlone = api.call("DELETE", "/v1/keys/" + keyIdNamed(new TestTenant(tenant.tenantId(), successor),
                "successor"), null, bearer(successor));
        assertEquals(409, successorAlone.status(), successorAlone.body());
        assertEquals("last_full_key", successorAlone.errorCode());
    }

    @Test
    void twoFullKeysDeletingEachOtherAtOnceLeaveOneStanding() throws Exception {
        TestTenant tenant = ApiTestbed.newTenant(api, "Race Co");
        String second = newKey(tenant, "second", "full");
        List<String> keys = List.of(second, tenant.apiKey());
        List<String> victims = List.of(keyIdNamed(tenant, KeySettings.INITIAL_NAME), keyIdNamed(tenant, "second"));
        List<HttpCalls> containers = List.of(container(), container());
        for (int i = 0; i < 2; i++) {
            // Each container knows its caller already, so the race is between the deletes alone.
            assertEquals(200, containers.get(i).get("/v1/groups", bearer(keys.get(i))).status());
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpCalls.Response>> deletes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int n = i;
                deletes.add(pool.submit(() -> {
                    go.await();
                    return containers.get(n).call("DELETE", "/v1/keys/" + victims.get(n), null, bearer(keys.get(n)));
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpCalls.Response> d : deletes) {
                statuses.add(d.get(2, TimeUnit.MINUTES).status());
            }
            statuses.sort(null);
            assertEquals(List.of(204, 409), statuses);
        } finally {
            pool.shutdownNow();
        }
        HttpCalls fresh = container();
        var left = fresh.get("/v1/keys", bearer(second));
        if (left.status() == 401) {
            left = fresh.get("/v1/keys", tenant.auth());
        }
        assertEquals(200, left.status(), left.body());
        assertEquals(1, left.json().path("items").size(), left.body());
        assertEquals("full", left.json().path("items").path(0).path("scope").asText());
    }

    @Test
    void anotherTenantsKeyIsNotFoundAndKeepsWorking() {
        TestTenant owner = ApiTestbed.newTenant(api, "Key Owner Co");
        TestTenant stranger = ApiTestbed.newTenant(api, "Key Stranger Co");
        newKey(owner, "owned", "read");
        String ownedId = keyIdNamed(owner, "owned");
        for (String id : List.of(ownedId, keyIdNamed(owner, KeySettings.INITIAL_NAME), "not-a-key-id",
                "aaaaaaaaaaaaa")) {
            var r = api.call("DELETE", "/v1/keys/" + id, null, stranger.auth());
            assertEquals(404, r.status(), id + ": " + r.body());
            assertEquals("not_found", r.errorCode());
        }
        assertEquals(2, keys(owner).size());
        assertEquals(1, keys(stranger).size(), "each tenant lists only its own keys");
        assertNotEquals(keyIdNamed(owner, KeySettings.INITIAL_NAME), keyIdNamed(stranger, KeySettings.INITIAL_NAME));
        var deleted = api.call("DELETE", "/v1/keys/" + ownedId, null, owner.auth());
        assertEquals(204, deleted.status());
        var again = api.call("DELETE", "/v1/keys/" + ownedId, null, owner.auth());
        assertEquals(404, again.status(), "a deleted key is gone");
    }

    @Test
    void aKeyStoredBeforeKeysHadScopesIsAFullKeyThatIsNotListed() {
        TestTenant tenant = ApiTestbed.newTenant(api, "Early Adopter Co");
        String legacy = ApiKeys.newKey();
        String hash = ApiKeys.sha256Hex(legacy);
        // The lookup item as tenant creation wrote it before scoped keys: no keyId, no scope.
        ApiTestbed.aws().clients().dynamo().putItem(p -> p.tableName(ApiTestbed.mainTable()).item(Map.of(
                "pk", AttributeValue.fromS("APIKEY#" + hash), "sk", AttributeValue.fromS("APIKEY"),
                "tenantId", AttributeValue.fromS(tenant.tenantId()), "keyHash", AttributeValue.fromS(hash),
                "createdAt", AttributeValue.fromN(Long.toString(clock.instant().getEpochSecond())))));
        var group = api.post("/v1/groups", "{\"name\":\"Still works\"}", bearer(legacy));
        assertEquals(201, group.status(), group.body());
        var listed = api.get("/v1/keys", bearer(legacy));
        assertEquals(200, listed.status(), listed.body());
        assertEquals(List.of(KeySettings.INITIAL_NAME), listed.json().path("items").findValuesAsText("name"));
    }

    static Stream<Arguments> badKeyBodies() {
        return Stream.of(
                Arguments.of("{\"scope\":\"read\"}", "name"),
                Arguments.of("{\"name\":\"   \",\"scope\":\"read\"}", "name"),
                Arguments.of("{\"name\":\"" + "k".repeat(101) + "\",\"scope\":\"read\"}", "name"),
                Arguments.of("{\"name\":\"tab\\there\",\"scope\":\"read\"}", "name"),
                Arguments.of("{\"name\":7,\"scope\":\"read\"}", "name"),
                Arguments.of("{\"name\":\"ok\"}", "scope"),
                Arguments.of("{\"name\":\"ok\",\"scope\":null}", "scope"),
                Arguments.of("{\"name\":\"ok\",\"scope\":\"admin\"}", "scope"),
                Arguments.of("{\"name\":\"ok\",\"scope\":\"READ\"}", "scope"),
                Arguments.of("{\"name\":\"ok\",\"scope\":[\"read\"]}", "scope"),
                Arguments.of("{\"name\":\"ok\",\"scope\":\"read\",\"expiresAt\":1}", "expiresAt"),
                Arguments.of("{\"name\":\"ok\",", "body"),
                Arguments.of("[]", "body"));
    }

    @ParameterizedTest
    @MethodSource("badKeyBodies")
    void badKeyRequestsAre400NamingTheFieldAndWriteNothing(String body, String field) {
        TestTenant tenant = badInputTenant();
        long items = ApiTestbed.mainTableItemCount();
        var r = api.post("/v1/keys", body, tenant.auth());
        assertEquals(400, r.status(), r.body());
        assertEquals("bad_request", r.errorCode());
        assertEquals(field, r.json().path("error").path("field").asText(), r.body());
        assertEquals(items, ApiTestbed.mainTableItemCount());
    }

    @Test
    void aNameOfExactlyAHundredCharactersIsAccepted() {
        String name = "名".repeat(100);
        var r = create(api, badInputTenant().apiKey(), name, "full");
        assertEquals(201, r.status(), r.body());
        assertEquals(name, r.text("name"));
    }

    private static TestTenant badInput;

    private static synchronized TestTenant badInputTenant() {
        if (badInput == null) {
            badInput = ApiTestbed.newTenant(api, "Bad Key Input Co");
        }
        return badInput;
    }

    @Test
    void keyRoutesRequireATenantKey() {
        for (Map<String, String> headers : List.of(Map.<String, String>of(), bearer("gg_unknown"),
                bearer(TestDeployment.ADMIN_KEY))) {
            assertUnauthorized(api.get("/v1/keys", headers));
            assertUnauthorized(api.post("/v1/keys", "{\"name\":\"x\",\"scope\":\"full\"}", headers));
            assertUnauthorized(api.call("DELETE", "/v1/keys/aaaaaaaaaaaaa", null, headers));
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static void assertUnauthorized(HttpCalls.Response r) {
        assertEquals(401, r.status(), r.body());
        assertEquals("unauthorized", r.errorCode(), r.body());
    }
}
