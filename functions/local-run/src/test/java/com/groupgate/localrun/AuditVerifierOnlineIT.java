package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.localaws.RepositoryRoot;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walk README gives, through the local stack as {@code make run} routes it (/v1/audit/*
 * to the audit function): changes, a checkpoint signed on demand, then
 * scripts/verify_audit.py against the URL says OK, and after more changes and a new
 * checkpoint it checks the served consistency proof from the one its state file kept.
 */
class AuditVerifierOnlineIT {
    private static LocalGroupGate local;
    private static URI base;
    private static LocalApi api;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        local = RecordedStack.builder().adminKey("test-admin-key").originSecret("test-origin-secret").build();
        base = local.start(0);
        api = new LocalApi(base);
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    private String verify(String key, Path state) throws Exception {
        Path root = RepositoryRoot.find();
        Process p = new ProcessBuilder(root.resolve(".venv/bin/python").toString(),
                root.resolve("scripts/verify_audit.py").toString(), "--url", base.toString(), "--key", key,
                "--state", state.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void theVerifierFollowsTheLogOnlineFromCheckpointToCheckpoint() throws Exception {
        String key = api.tenant("test-admin-key", "Online audit");
        for (int i = 0; i < 3; i++) {
            api.expect(201, "POST", "/v1/groups", "{\"name\":\"A" + i + "\"}", key);
        }
        api.expect(200, "POST", "/v1/audit/checkpoint", null, key);
        Path state = dir.resolve("state.json");
        assertTrue(verify(key, state).startsWith("OK "));
        for (int i = 0; i < 4; i++) {
            api.expect(201, "POST", "/v1/groups", "{\"name\":\"B" + i + "\"}", key);
        }
        assertEquals(8, api.expect(200, "POST", "/v1/audit/checkpoint", null, key).path("size").asInt());
        String out = verify(key, state);
        assertTrue(out.contains("checkpoint 8"), out);
        assertTrue(Files.readString(state).contains("\"size\": 8"), Files.readString(state));
    }
}
