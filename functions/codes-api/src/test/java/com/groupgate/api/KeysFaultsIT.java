package com.groupgate.api;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.api.ApiTestbed.TestTenant;
import com.groupgate.api.CodesApiFaultsIT.Fault;
import com.groupgate.testkit.FunctionFaults;
import com.groupgate.testkit.HttpCalls;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * API keys under AWS faults (docs/faults.md): a key that cannot be looked up is 503, never
 * 401; a use that cannot be recorded does not fail the request; an issue or a delete that
 * cannot be written leaves the keys as they were.
 */
class KeysFaultsIT {
    private static final String FUNCTION = "CodesApiFunction";
    private static TestTenant tenant;
    private final FunctionFaults faults = FunctionFaults.of(FUNCTION);

    @BeforeAll
    static void start() {
        tenant = ApiTestbed.newTenant(container(), "Key Faults Co");
    }

    @AfterEach
    void clearFaults() {
        faults.close();
    }

    /** A fresh container (nothing cached) with the short SDK timeouts of the fault tests. */
    private static HttpCalls container() {
        return new HttpCalls(new CodesApiHandler(ApiTestbed.aws().wiring(FUNCTION, Clock.systemUTC(),
                FunctionFaults.SHORT_TIMEOUTS)));
    }

    private String always(String operation, Fault fault) {
        return faults.inject(faults.on("dynamodb", operation, fault.on("dynamodb")).always());
    }

    private static void assertBusy(HttpCalls.Response r) {
        assertEquals(503, r.status(), r.body());
        assertEquals("busy", r.errorCode(), r.body());
        assertNotNull(r.headers().get("retry-after"), "Retry-After: " + r.headers());
    }

    private static JsonNode keys() {
        var r = container().get("/v1/keys", tenant.auth());
        assertEquals(200, r.status(), r.body());
        return r.json().path("items");
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aKeyThatCannotBeLookedUpIsBusyNeverUnauthorized(Fault fault) {
        HttpCalls fresh = container();
        String rule = always("GetItem", fault);
        assertBusy(fresh.get("/v1/groups", tenant.auth()));
        assertTrue(faults.fired(rule) >= 1);
        faults.close();
        assertEquals(200, fresh.get("/v1/groups", tenant.auth()).status(), "the failed read was not remembered");
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aUseThatCannotBeRecordedStillAnswers(Fault fault) {
        var created = container().post("/v1/keys", "{\"name\":\"unrecorded " + fault + "\",\"scope\":\"read\"}",
                tenant.auth());
        assertEquals(201, created.status(), created.body());
        String rule = always("UpdateItem", fault);
        var r = container().get("/v1/groups", bearer(created.text("apiKey")));
        assertEquals(200, r.status(), r.body());
        assertTrue(faults.fired(rule) >= 1, "the use was tried");
        faults.close();
        for (JsonNode k : keys()) {
            if (k.path("keyId").asText().equals(created.text("keyId"))) {
                assertFalse(k.has("lastUsedAt"), k.toString());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aKeyWhoseIssueCannotBeWrittenDoesNotExist(Fault fault) {
        HttpCalls api = container();
        assertEquals(200, api.get("/v1/groups", tenant.auth()).status(), "the caller is known");
        int before = keys().size();
        long items = ApiTestbed.mainTableItemCount();
        always("TransactWriteItems", fault);
        assertBusy(api.post("/v1/keys", "{\"name\":\"never\",\"scope\":\"full\"}", tenant.auth()));
        faults.close();
        assertEquals(before, keys().size());
        assertEquals(items, ApiTestbed.mainTableItemCount());
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aKeyWhoseDeleteCannotBeWrittenKeepsWorking(Fault fault) {
        HttpCalls api = container();
        var created = api.post("/v1/keys", "{\"name\":\"survivor " + fault + "\",\"scope\":\"read\"}", tenant.auth());
        assertEquals(201, created.status(), created.body());
        always("TransactWriteItems", fault);
        assertBusy(api.call("DELETE", "/v1/keys/" + created.text("keyId"), null, tenant.auth()));
        faults.close();
        assertEquals(200, container().get("/v1/groups", bearer(created.text("apiKey"))).status());
        assertTrue(keys().findValuesAsText("keyId").contains(created.text("keyId")));
    }
}
