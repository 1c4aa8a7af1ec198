package com.groupgate.api;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.api.ApiTestbed.TestTenant;
import com.groupgate.localaws.EmulatorFaults.Kind;
import com.groupgate.localaws.EmulatorFaults.Rule;
import com.groupgate.id.TenantId;
import com.groupgate.jobs.KeyRotationHandler;
import com.groupgate.testkit.TestDeployment;
import com.groupgate.testkit.FunctionFaults;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.usage.UsageTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The codes API under AWS faults (docs/faults.md): throttling, 500s, timeouts and dropped
 * connections between its SDK clients and AWS, on the call each operation depends on.
 * Lasting faults answer 503 with Retry-After and leave nothing half-written (no code
 * without its image or image without its code, no member without its count); a fault
 * that passes is absorbed by the SDK's bounded retries, and a write whose answer was lost
 * is applied once.
 */
class CodesApiFaultsIT {
    private static final String FUNCTION = "CodesApiFunction";
    private static HttpCalls api;
    private static TestTenant tenant;
    private final FunctionFaults faults = FunctionFaults.of(FUNCTION);

    /** The four ways an AWS call fails, as the issue names them. */
    enum Fault {
        THROTTLED(Kind.THROUGHPUT_EXCEEDED, Kind.THROTTLING),
        SERVER_ERROR(Kind.ERROR_500, Kind.ERROR_500),
        TIMEOUT(Kind.TIMEOUT, Kind.TIMEOUT),
        CONNECTION_RESET(Kind.RESET, Kind.RESET);

        private final Kind dynamo;
        private final Kind other;

        Fault(Kind dynamo, Kind other) {
            this.dynamo = dynamo;
            this.other = other;
        }

        /** DynamoDB throttles with ProvisionedThroughputExceeded, KMS and S3 with their throttling errors. */
        Kind on(String service) {
            return "dynamodb".equals(service) ? dynamo : other;
        }
    }

    @BeforeAll
    static void start() {
        api = new HttpCalls(new CodesApiHandler(ApiTestbed.aws().wiring(FUNCTION, Clock.systemUTC(),
                FunctionFaults.SHORT_TIMEOUTS)));
        tenant = ApiTestbed.newTenant(api, "Faults");
    }

    @AfterEach
    void clearFaults() {
        faults.close();
    }

    private String always(String service, String operation, Fault fault) {
        return faults.inject(faults.on(service, operation, fault.on(service)).always());
    }

    private static void assertBusy(HttpCalls.Response r) {
        assertEquals(503, r.status(), r.body());
        assertEquals("busy", r.errorCode(), r.body());
        assertNotNull(r.headers().get("retry-after"), "Retry-After: " + r.headers());
        assertFalse(r.body().contains("Exception") || r.body().contains("amazonaws"), "internals: " + r.body());
    }

    private static String group() {
        return ApiTestbed.newGroup(api, tenant, "{\"name\":\"Faulty\",\"capacity\":10}");
    }

    private static HttpCalls.Response issue(String groupId) {
        return api.post("/v1/groups/" + groupId + "/codes", "{}", tenant.auth());
    }

    /** The tenant's code items of {@code groupId}, and the images under the tenant's folder. */
    private static List<Map<String, AttributeValue>> codeItems(String groupId) {
        return ApiTestbed.mainTableItems("T#" + tenant.tenantId() + "#CODE#").stream()
                .filter(i -> "CODE".equals(i.get("sk").s()) && groupId.equals(i.get("groupId").s())).toList();
    }

    private static List<String> images() {
        return ApiTestbed.aws().clients().s3().listObjectsV2(l -> l.bucket(ApiTestbed.imagesBucket())
                .prefix("i/c/" + tenant.tenantId() + "/")).contents().stream().map(o -> o.key()).toList();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void issuingACodeWhoseImageCannotBeStoredWritesNothing(Fault fault) {
        String groupId = group();
        List<String> before = images();
        String rule = always("s3", "PutObject", fault);
        assertBusy(issue(groupId));
        assertTrue(faults.fired(rule) >= 1);
        assertEquals(List.of(), codeItems(groupId));
        assertEquals(before, images());
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void issuingACodeWhoseItemCannotBeWrittenRemovesItsImage(Fault fault) {
        String groupId = group();
        List<String> before = images();
        always("dynamodb", "TransactWriteItems", fault);
        assertBusy(issue(groupId));
        assertEquals(List.of(), codeItems(groupId));
        assertEquals(before, images(), "the image stored before the failed write is removed");
    }

    @Test
    void aCodeWrittenWhoseEveryAnswerIsLostKeepsItsImage() {
        String groupId = group();
        faults.inject(faults.on("dynamodb", "TransactWriteItems", Kind.RESET).afterApplying().always());
        assertBusy(issue(groupId));
        List<Map<String, AttributeValue>> items = codeItems(groupId);
        assertEquals(1, items.size(), "written once, however often the SDK retried");
        assertTrue(images().contains(items.get(0).get("imageKey").s()), "a stored code keeps its image");
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void oneFaultOnTheCodesWriteIsRetriedAndTheCodeIssuedOnce(Fault fault) {
        String groupId = group();
        long issuedBefore = codesIssued();
        Rule rule = faults.on("dynamodb", "TransactWriteItems", fault.on("dynamodb"));
        // A lost answer is the worst case: the write happened, the SDK sends it again.
        String id = faults.inject(fault == Fault.TIMEOUT || fault == Fault.CONNECTION_RESET ? rule.afterApplying() : rule);
        var r = issue(groupId);
        assertEquals(201, r.status(), r.body());
        assertEquals(1, faults.fired(id));
        assertEquals(1, codeItems(groupId).size());
        assertEquals(issuedBefore + 1, codesIssued(), "usage counted once");
    }

    /** The tenant's usage item this month, as the code's transaction leaves it. */
    private static long codesIssued() {
        return UsageTable.read(ApiTestbed.aws().clients().dynamo(), ApiTestbed.mainTable(),
                TenantId.parse(tenant.tenantId()).orElseThrow(), UsageTable.month(Instant.now())).get("codesIssued");
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aLiveCodeWhoseItemCannotBeWrittenRemovesItsImage(Fault fault) {
        String groupId = group();
        List<String> before = liveImages();
        always("dynamodb", "TransactWriteItems", fault);
        assertBusy(api.post("/v1/live-codes", "{\"name\":\"Poster\",\"groupIds\":[\"" + groupId + "\"]}",
                tenant.auth()));
        faults.close();
        assertEquals(0, api.get("/v1/live-codes", tenant.auth()).json().path("items").size());
        assertEquals(before, liveImages());
    }

    private static List<String> liveImages() {
        return ApiTestbed.aws().clients().s3().listObjectsV2(l -> l.bucket(ApiTestbed.imagesBucket())
                .prefix("i/l/" + tenant.tenantId() + "/")).contents().stream().map(o -> o.key()).toList();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aRefreshThatCannotBeWrittenLeavesTheOldCodeActiveAndNoNewImage(Fault fault) {
        String groupId = group();
        var code = issue(groupId);
        List<String> before = images();
        always("dynamodb", "TransactWriteItems", fault);
        assertBusy(api.post("/v1/codes/" + code.text("codeId") + "/refresh", null, tenant.auth()));
        faults.close();
        assertEquals("active", api.get("/v1/codes/" + code.text("codeId"), tenant.auth()).text("status"));
        assertEquals(1, codeItems(groupId).size());
        assertEquals(before, images());
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aRevokeThatCannotBeWrittenLeavesTheCodeActiveAndOneFaultIsRetried(Fault fault) {
        String codeId = issue(group()).text("codeId");
        // Revoking marks the code and its counter together.
        always("dynamodb", "TransactWriteItems", fault);
        assertBusy(api.post("/v1/codes/" + codeId + "/revoke", null, tenant.auth()));
        faults.close();
        assertEquals("active", api.get("/v1/codes/" + codeId, tenant.auth()).text("status"));

        faults.inject(faults.on("dynamodb", "TransactWriteItems", fault.on("dynamodb")));
        var revoked = api.post("/v1/codes/" + codeId + "/revoke", null, tenant.auth());
        assertEquals(200, revoked.status(), revoked.body());
        assertEquals("revoked", revoked.text("status"));
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void anApprovalThatCannotBeWrittenLeavesTheRequestPendingAndTheGroupEmpty(Fault fault) {
        String groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Approvals\",\"joinPolicy\":\"approval\"}");
        String requestId = JoinRequestsApiIT.fileRequest(tenant, groupId, "erin");
        always("dynamodb", "TransactWriteItems", fault);
        assertBusy(api.post("/v1/join-requests/" + requestId + "/approve", null, tenant.auth()));
        faults.close();
        assertEquals(0, api.get("/v1/groups/" + groupId, tenant.auth()).json().path("members").asInt());
        var pending = api.call("GET", "/v1/groups/" + groupId + "/join-requests", Map.of("status", "pending"), null,
                tenant.auth(), "198.51.100.7");
        assertEquals(requestId, pending.json().path("items").path(0).path("requestId").asText(), pending.body());
    }

    @Test
    void anApprovalWhoseAnswerIsLostJoinsOnceAndItsRetryAnswersJoined() {
        String groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Approvals\",\"joinPolicy\":\"approval\"}");
        String requestId = JoinRequestsApiIT.fileRequest(tenant, groupId, "frank");
        faults.inject(faults.on("dynamodb", "TransactWriteItems", Kind.RESET).afterApplying());
        var approved = api.post("/v1/join-requests/" + requestId + "/approve", null, tenant.auth());
        assertEquals(200, approved.status(), approved.body());
        assertEquals("joined", approved.text("status"));
        assertEquals(1, api.get("/v1/groups/" + groupId, tenant.auth()).json().path("members").asInt());
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aRemovalThatCannotBeWrittenLeavesTheMemberAndTheSeat(Fault fault) {
        String groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Leaving\",\"joinPolicy\":\"approval\"}");
        String requestId = JoinRequestsApiIT.fileRequest(tenant, groupId, "gina");
        assertEquals(200, api.post("/v1/join-requests/" + requestId + "/approve", null, tenant.auth()).status());
        always("dynamodb", "TransactWriteItems", fault);
        assertBusy(api.call("DELETE", "/v1/groups/" + groupId + "/members/gina", null, tenant.auth()));
        faults.close();
        assertEquals(1, api.get("/v1/groups/" + groupId, tenant.auth()).json().path("members").asInt());
        assertEquals("gina", api.get("/v1/groups/" + groupId + "/members", tenant.auth()).json()
                .path("items").path(0).path("memberRef").asText());
        assertEquals(204, api.call("DELETE", "/v1/groups/" + groupId + "/members/gina", null, tenant.auth()).status());
    }

    @Test
    void aRemovalWhoseAnswerIsLostRemovesOnceAndAnswers204() {
        String groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Left once\",\"joinPolicy\":\"approval\"}");
        String requestId = JoinRequestsApiIT.fileRequest(tenant, groupId, "hugo");
        assertEquals(200, api.post("/v1/join-requests/" + requestId + "/approve", null, tenant.auth()).status());
        faults.inject(faults.on("dynamodb", "TransactWriteItems", Kind.RESET).afterApplying());
        var removed = api.call("DELETE", "/v1/groups/" + groupId + "/members/hugo", null, tenant.auth());
        assertEquals(204, removed.status(), removed.body());
        faults.close();
        assertEquals(0, api.get("/v1/groups/" + groupId, tenant.auth()).json().path("members").asInt());
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aRotationWhoseDataKeyCannotBeMadeAddsNoVersion(Fault fault) {
        HttpCalls admin = api;
        int before = SigningKeysIT.newestVersion();
        always("kms", "GenerateDataKey", fault);
        assertBusy(admin.post("/v1/admin/keys/rotate", null, bearer(TestDeployment.ADMIN_KEY)));
        assertEquals(before, SigningKeysIT.newestVersion());
    }

    @Test
    void aScheduledRotationThatCannotReloadItsRingStillAddsExactlyOneVersionAcrossRetries() {
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(400));
        int before = SigningKeysIT.newestVersion();
        try (FunctionFaults rotation = FunctionFaults.of("KeyRotationFunction")) {
            // A fresh container must decrypt every version to reload its ring: KMS refuses.
            rotation.inject(rotation.on("kms", "Decrypt", Kind.ERROR_500).always());
            // The version's write answers late and is retried by the SDK (it finds itself stored).
            rotation.inject(rotation.on("dynamodb", "PutItem", Kind.RESET).afterApplying());
            KeyRotationHandler handler = new KeyRotationHandler(ApiTestbed.aws().wiring("KeyRotationFunction", later,
                    FunctionFaults.SHORT_TIMEOUTS));
            Map<String, Object> first = handler.handleRequest(Map.of(), null);
            assertEquals(before + 1, first.get("keyVersion"));
            // Lambda's retry of the same schedule, in a new container.
            Map<String, Object> retry = new KeyRotationHandler(ApiTestbed.aws().wiring("KeyRotationFunction", later,
                    FunctionFaults.SHORT_TIMEOUTS)).handleRequest(Map.of(), null);
            assertEquals(before + 1, retry.get("keyVersion"));
        }
        assertEquals(before + 1, SigningKeysIT.newestVersion());
    }

    @Test
    void aScheduledRotationWhoseDataKeyCannotBeMadeFailsAndWritesNothing() {
        int before = SigningKeysIT.newestVersion();
        try (FunctionFaults rotation = FunctionFaults.of("KeyRotationFunction")) {
            rotation.inject(rotation.on("kms", "GenerateDataKey", Kind.THROTTLING).always());
            KeyRotationHandler handler = new KeyRotationHandler(ApiTestbed.aws().wiring("KeyRotationFunction",
                    Clock.offset(Clock.systemUTC(), Duration.ofDays(800)), FunctionFaults.SHORT_TIMEOUTS));
            assertThrows(SdkException.class, () -> handler.handleRequest(Map.of(), null));
        }
        assertEquals(before, SigningKeysIT.newestVersion());
    }
}
