package com.groupgate.api;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.api.ApiTestbed.MutableClock;
import com.groupgate.api.ApiTestbed.TestTenant;
import com.groupgate.config.Wiring;
import com.groupgate.jobs.KeyRotationHandler;
import com.groupgate.keys.SigningKeyTable;
import com.groupgate.testkit.EmulatedAws;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.token.KeyRing;
import com.groupgate.token.SigningKey;
import com.groupgate.token.TokenCodec;
import com.groupgate.token.Verification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.model.DecryptRequest;

/**
 * Signing key versions through the API: unwrapped once per container, rotated on demand and
 * on schedule, activated only after the refresh interval, retired everywhere within it.
 *
 * <p>The clocks here run an hour ahead of real time, so versions other test classes create
 * meanwhile (on the real clock) are long old here, and the versions created here stay young
 * for everyone else: the rotations below never change which key other classes sign with.
 */
class SigningKeysIT {
    static final Instant AHEAD = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    static HttpCalls admin;
    static TestTenant tenant;
    static String groupId;

    @BeforeAll
    static void start() {
        admin = ApiTestbed.api(new MutableClock(AHEAD));
        tenant = ApiTestbed.newTenant(admin, "Key Keepers");
        groupId = ApiTestbed.newGroup(admin, tenant, "{\"name\":\"Keyed\"}");
        // At least one version exists before any counting starts.
        assertEquals(201, admin.post("/v1/groups/" + groupId + "/codes", "{}", tenant.auth()).status());
    }

    /** Counts KMS Decrypt calls of the clients it is added to. */
    static final class DecryptCounter implements ExecutionInterceptor {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof DecryptRequest) {
                calls.incrementAndGet();
            }
        }
    }

    private static Wiring counted(Clock clock, DecryptCounter counter) {
        Wiring w = ApiTestbed.wiring(clock);
        return new Wiring(w.config(), w.aws().withInterceptors(List.of(counter)), clock);
    }

    private static SigningKeyTable keyTable(Clock clock) {
        return new SigningKeyTable(ApiTestbed.aws().clients().dynamo(), ApiTestbed.aws().clients().kms(),
                ApiTestbed.mainTable(), ApiTestbed.wiring(clock).config().keyId(), clock, SigningKeyTable.REFRESH);
    }

    private static List<Map<String, AttributeValue>> keyItems() {
        return ApiTestbed.aws().clients().dynamo().query(q -> q.tableName(ApiTestbed.mainTable()).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("SIGNING_KEY")))).items();
    }

    static int newestVersion() {
        return keyItems().stream().mapToInt(i -> Integer.parseInt(i.get("version").n())).max().orElse(0);
    }

    private static HttpCalls.Response issue(HttpCalls api) {
        var code = api.post("/v1/groups/" + groupId + "/codes", "{\"ttlSeconds\":86400}", tenant.auth());
        assertEquals(201, code.status(), code.body());
        return code;
    }

    private static int keyVersionOf(HttpCalls.Response code) {
        return Integer.parseInt(ApiTestbed.codeItem(tenant.tenantId(), code.text("codeId")).get("keyVersion").n());
    }

    private static int rotate(HttpCalls api) {
        var rotated = api.post("/v1/admin/keys/rotate", null, bearer(EmulatedAws.ADMIN_KEY));
        assertEquals(200, rotated.status(), rotated.body());
        return rotated.json().path("keyVersion").asInt();
    }

    @Test
    void kmsDecryptRunsOncePerVersionPerContainerNotPerCode() {
        DecryptCounter counter = new DecryptCounter();
        MutableClock clock = new MutableClock(AHEAD);
        HttpCalls api = new HttpCalls(new CodesApiHandler(counted(clock, counter)));
        for (int i = 0; i < 20; i++) {
            issue(api);
        }
        assertEquals(keyItems().size(), counter.calls.get(), "one Decrypt per stored version");
        // Re-reading the ring after the refresh interval unwraps nothing again.
        clock.advance(SigningKeyTable.REFRESH.plusSeconds(1));
        issue(api);
        api.get("/v1/groups/" + groupId, tenant.auth());
        assertEquals(keyItems().size(), counter.calls.get(), "no Decrypt after the first unwrap");
    }

    @Test
    void rotationAddsTheNextVersionAndOlderCodesStillVerify() {
        MutableClock clock = new MutableClock(AHEAD);
        HttpCalls api = ApiTestbed.api(clock);
        var before = issue(api);
        int n = newestVersion();
        assertEquals(n + 1, rotate(api));
        assertEquals(n + 1, newestVersion());
        KeyRing ring = keyTable(clock).verifyingRing().orElseThrow();
        assertInstanceOf(Verification.Valid.class,
                TokenCodec.verify(ring, ApiTestbed.token(before.text("scanUrl")), clock.instant().getEpochSecond()));
        var read = api.get("/v1/codes/" + before.text("codeId"), tenant.auth());
        assertEquals(before.text("scanUrl"), read.text("scanUrl"));
    }

    @Test
    void aRotatedVersionSignsOnlyOnceItIsOlderThanTheRefreshInterval() {
        MutableClock clock = new MutableClock(AHEAD.plus(Duration.ofMinutes(10)));
        HttpCalls api = ApiTestbed.api(clock);
        int rotated = rotate(api);
        clock.advance(Duration.ofSeconds(1));
        int young = keyVersionOf(issue(api));
        assertTrue(young < rotated, "a version younger than the refresh interval signed: " + young);
        clock.advance(SigningKeyTable.REFRESH);
        int grown = keyVersionOf(issue(api));
        assertEquals(rotated, grown);
    }

    @Test
    void aRetiredVersionIsRefusedEverywhereWithinOneRefreshInterval() {
        MutableClock clock = new MutableClock(AHEAD.plus(Duration.ofMinutes(20)));
        HttpCalls api = ApiTestbed.api(clock);
        int doomed = rotate(api);
        clock.advance(SigningKeyTable.REFRESH.plusSeconds(1));
        var code = issue(api);
        assertEquals(doomed, keyVersionOf(code));
        rotate(api);
        String token = ApiTestbed.token(code.text("scanUrl"));
        var tooEarly = api.post("/v1/admin/keys/" + doomed + "/retire", null, bearer(EmulatedAws.ADMIN_KEY));
        assertEquals(409, tooEarly.status(), "retired while containers may still sign with it: " + tooEarly.body());
        clock.advance(SigningKeyTable.REFRESH.multipliedBy(2).plusSeconds(1));

        // Another container (the scan function) that loaded its ring before the retirement.
        SigningKeyTable elsewhere = keyTable(clock);
        KeyRing before = elsewhere.verifyingRing().orElseThrow();
        assertInstanceOf(Verification.Valid.class, TokenCodec.verify(before, token, clock.instant().getEpochSecond()));

        var retired = api.post("/v1/admin/keys/" + doomed + "/retire", null, bearer(EmulatedAws.ADMIN_KEY));
        assertEquals(200, retired.status(), retired.body());
        clock.advance(SigningKeyTable.REFRESH.plusSeconds(1));
        KeyRing after = elsewhere.verifyingRing().orElseThrow();
        assertEquals(Verification.Invalid.INSTANCE, TokenCodec.verify(after, token, clock.instant().getEpochSecond()));

        int next = keyVersionOf(issue(api));
        assertTrue(next != doomed, "signed with a retired version");
        var refreshed = api.post("/v1/codes/" + code.text("codeId") + "/refresh", null, tenant.auth());
        assertEquals(201, refreshed.status(), refreshed.body());
        assertInstanceOf(Verification.Valid.class, TokenCodec.verify(elsewhere.verifyingRing().orElseThrow(),
                ApiTestbed.token(refreshed.text("scanUrl")), clock.instant().getEpochSecond()));
    }

    @Test
    void theOnlySigningVersionCannotBeRetired() {
        MutableClock clock = new MutableClock(AHEAD.plus(Duration.ofMinutes(40)));
        HttpCalls api = ApiTestbed.api(clock);
        int newest = rotate(api);
        clock.advance(SigningKeyTable.REFRESH.multipliedBy(3));
        var r = api.post("/v1/admin/keys/" + newest + "/retire", null, bearer(EmulatedAws.ADMIN_KEY));
        assertEquals(409, r.status(), r.body());
        assertEquals("conflict", r.errorCode());
    }

    @Test
    void retiringAnUnknownVersionIsNotFound() {
        var r = admin.post("/v1/admin/keys/255/retire", null, bearer(EmulatedAws.ADMIN_KEY));
        assertEquals(404, r.status(), r.body());
        assertEquals(404, admin.post("/v1/admin/keys/0/retire", null, bearer(EmulatedAws.ADMIN_KEY)).status());
    }

    /**
     * Under the rotation function's own role: rotation writes the new version, then reloads
     * the ring, which decrypts it (the role once lacked kms:Decrypt, so every scheduled run
     * failed after writing a version, and Lambda's retries wrote more).
     */
    @Test
    void scheduledRotationAddsAVersionStoredOnlyWrapped() {
        // Two days on: past any version this run has made, which a retried schedule would reuse.
        MutableClock clock = new MutableClock(AHEAD.plus(Duration.ofDays(2)));
        int n = newestVersion();
        Map<String, Object> out = new KeyRotationHandler(ApiTestbed.aws().wiring("KeyRotationFunction", clock))
                .handleRequest(Map.of(), null);
        assertEquals(n + 1, out.get("keyVersion"));
        Map<String, AttributeValue> item = keyItems().stream()
                .filter(i -> Integer.parseInt(i.get("version").n()) == n + 1).findFirst().orElseThrow();
        SigningKey key = keyTable(clock).verifyingRing().orElseThrow().keys().stream()
                .filter(k -> k.version() == n + 1).findFirst().orElseThrow();
        byte[] wrapped = item.get("wrappedKey").b().asByteArray();
        assertFalse(Arrays.equals(wrapped, key.secret()), "the plaintext key is stored");
        assertTrue(GroupsApiIT.indexOf(wrapped, key.secret()) < 0, "the plaintext key is inside the stored blob");
        for (String text : GroupsApiIT.attributeTexts(item)) {
            assertFalse(text.contains(com.groupgate.id.Base32.encode(key.secret())), "plaintext key stored");
        }
    }
}
