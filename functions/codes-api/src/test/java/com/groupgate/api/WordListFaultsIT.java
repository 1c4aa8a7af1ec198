package com.groupgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.api.ApiTestbed.TestTenant;
import com.groupgate.api.CodesApiFaultsIT.Fault;
import com.groupgate.testkit.FunctionFaults;
import com.groupgate.testkit.HttpCalls;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Replacing a word list under AWS faults (docs/faults.md): when the new version's object
 * or the pointer to it cannot be written, the answer is 503, the old list stays in force
 * and readable, and no object is left that nothing points at.
 */
class WordListFaultsIT {
    private static final String FUNCTION = "CodesApiFunction";
    private static HttpCalls api;
    private final FunctionFaults faults = FunctionFaults.of(FUNCTION);

    @BeforeAll
    static void start() {
        api = new HttpCalls(new CodesApiHandler(ApiTestbed.aws().wiring(FUNCTION, Clock.systemUTC(),
                FunctionFaults.SHORT_TIMEOUTS)));
    }

    @AfterEach
    void clearFaults() {
        faults.close();
    }

    private static TestTenant tenantWithList() {
        TestTenant t = ApiTestbed.newTenant(api, "List faults");
        var put = api.call("PUT", "/v1/blocked-words", "{\"words\":[\"oldword\"]}", t.auth());
        assertEquals(200, put.status(), put.body());
        return t;
    }

    private static void assertOldListInForce(TestTenant t) {
        var read = api.get("/v1/blocked-words", t.auth());
        assertEquals(200, read.status(), read.body());
        assertEquals("[\"oldword\"]", read.json().path("words").toString());
        assertEquals(422, api.post("/v1/groups", "{\"name\":\"old word\"}", t.auth()).status());
        assertEquals(201, api.post("/v1/groups", "{\"name\":\"new word\"}", t.auth()).status());
        assertEquals(1, objects(t).size(), "only the version in force is stored: " + objects(t));
    }

    private static List<String> objects(TestTenant t) {
        return ApiTestbed.aws().clients().s3().listObjectsV2(l -> l.bucket(ApiTestbed.imagesBucket())
                .prefix("words/tenants/" + t.tenantId() + "/")).contents().stream().map(o -> o.key()).toList();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aListWhoseWordsCannotBeStoredChangesNothing(Fault fault) {
        TestTenant t = tenantWithList();
        String rule = faults.inject(faults.on("s3", "PutObject", fault.on("s3")).always());
        var r = api.call("PUT", "/v1/blocked-words", "{\"words\":[\"newword\"]}", t.auth());
        assertEquals(503, r.status(), r.body());
        assertEquals("busy", r.errorCode());
        assertTrue(faults.fired(rule) >= 1);
        faults.close();
        assertOldListInForce(t);
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aListWhosePointerCannotBeWrittenChangesNothingAndLeavesNoObject(Fault fault) {
        TestTenant t = tenantWithList();
        // The pointer's write carries the change's audit entry, so it goes out as a transaction.
        String rule = faults.inject(faults.on("dynamodb", "TransactWriteItems", fault.on("dynamodb")).always());
        var r = api.call("PUT", "/v1/blocked-words", "{\"words\":[\"newword\"]}", t.auth());
        assertEquals(503, r.status(), r.body());
        assertEquals("busy", r.errorCode());
        assertTrue(faults.fired(rule) >= 1);
        faults.close();
        assertOldListInForce(t);
    }
}
