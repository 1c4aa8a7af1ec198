package com.groupgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.audit.Actor;
import com.groupgate.audit.AuditEntry;
import com.groupgate.localaws.RepositoryRoot;
import com.groupgate.testkit.HttpCalls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * scripts/verify_audit.py, run with the repository's .venv Python on real exports: a good
 * log is OK; an entry changed in the table, two entries swapped, or the log cut short each
 * make it fail and name the spot.
 */
class AuditVerifierIT {
    private static HttpCalls api;
    private static HttpCalls audit;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        api = ApiTestbed.api(Clock.systemUTC());
        audit = ApiTestbed.audit(Clock.systemUTC());
    }

    private record Result(int exit, String out) {
    }

    private static ApiTestbed.TestTenant signedLog(String name) {
        ApiTestbed.TestTenant t = ApiTestbed.newTenant(api, name);
        for (int i = 0; i < 6; i++) {
            assertEquals(201, api.post("/v1/groups", "{\"name\":\"V" + i + "\"}", t.auth()).status());
        }
        assertEquals(200, audit.post("/v1/audit/checkpoint", null, t.auth()).status());
        return t;
    }

    private Result verify(ApiTestbed.TestTenant t, String... more) throws Exception {
        var export = audit.call("GET", "/v1/audit/export", Map.of(), null, t.auth(), "198.51.100.7");
        assertEquals(200, export.status(), export.body());
        Path file = dir.resolve("export-" + System.nanoTime() + ".json");
        Files.writeString(file, export.body());
        Path root = RepositoryRoot.find();
        List<String> command = new java.util.ArrayList<>(List.of(root.resolve(".venv/bin/python").toString(),
                root.resolve("scripts/verify_audit.py").toString(), "--file", file.toString()));
        command.addAll(List.of(more));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return new Result(p.waitFor(), out);
    }

    private static Map<String, AttributeValue> key(String tenantId, String sk) {
        return Map.of("pk", AttributeValue.fromS("LOG#" + tenantId), "sk", AttributeValue.fromS(sk));
    }

    private static String entrySk(long index) {
        return String.format("E#%016d", index);
    }

    private static byte[] leafInput(String tenantId, long index) {
        return ApiTestbed.aws().clients().dynamo().getItem(g -> g.tableName(AuditItems.table()).consistentRead(true)
                .key(key(tenantId, entrySk(index)))).item().get("leafInput").b().asByteArray();
    }

    private static void store(String tenantId, long index, byte[] leafInput) {
        var item = new java.util.HashMap<>(key(tenantId, entrySk(index)));
        item.put("leafInput", AttributeValue.fromB(SdkBytes.fromByteArray(leafInput)));
        ApiTestbed.aws().clients().dynamo().putItem(p -> p.tableName(AuditItems.table()).item(item));
    }

    @Test
    void aGoodExportIsOkAndTheStateFileFollowsTheLog() throws Exception {
        ApiTestbed.TestTenant t = signedLog("Verified");
        Path state = dir.resolve("state.json");
        Result first = verify(t, "--state", state.toString());
        assertEquals(0, first.exit(), first.out());
        assertTrue(first.out().startsWith("OK "), first.out());
        assertEquals(201, api.post("/v1/groups", "{\"name\":\"later\"}", t.auth()).status());
        assertEquals(200, audit.post("/v1/audit/checkpoint", null, t.auth()).status());
        Result second = verify(t, "--state", state.toString());
        assertEquals(0, second.exit(), second.out());
        assertTrue(Files.readString(state).contains("\"size\": 8"), Files.readString(state));
    }

    @Test
    void anEntryChangedInTheTableIsNamed() throws Exception {
        ApiTestbed.TestTenant t = signedLog("Changed");
        AuditEntry e = AuditEntry.fromLeafInput(leafInput(t.tenantId(), 3));
        store(t.tenantId(), 3, new AuditEntry(e.index(), e.at(), Actor.ADMIN, e.action(), e.target(), "nothing happened")
                .leafInput());
        Result r = verify(t);
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().startsWith("FAIL entry 3:"), r.out());
    }

    @Test
    void twoEntriesSwappedAreNamed() throws Exception {
        ApiTestbed.TestTenant t = signedLog("Swapped");
        byte[] second = leafInput(t.tenantId(), 2);
        byte[] fifth = leafInput(t.tenantId(), 5);
        store(t.tenantId(), 2, fifth);
        store(t.tenantId(), 5, second);
        Result r = verify(t);
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().startsWith("FAIL entry 2:"), r.out());
    }

    @Test
    void aTruncatedLogIsNamed() throws Exception {
        ApiTestbed.TestTenant t = signedLog("Truncated");
        for (long i = 5; i <= 6; i++) {
            long index = i;
            ApiTestbed.aws().clients().dynamo().deleteItem(d -> d.tableName(AuditItems.table())
                    .key(key(t.tenantId(), entrySk(index))));
        }
        Result r = verify(t);
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().startsWith("FAIL log truncated: checkpoint 7"), r.out());
    }

    @Test
    void aFileThatIsNotAnExportFailsCleanly() throws Exception {
        Path file = dir.resolve("junk.json");
        Files.writeString(file, "{\"entries\": 3}");
        Path root = RepositoryRoot.find();
        Process p = new ProcessBuilder(root.resolve(".venv/bin/python").toString(),
                root.resolve("scripts/verify_audit.py").toString(), "--file", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), out);
        assertTrue(out.startsWith("FAIL"), out);
    }

}
