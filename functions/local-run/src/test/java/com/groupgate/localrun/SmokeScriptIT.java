package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.localaws.RepositoryRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * scripts/smoke.sh, the pipeline's check of a fresh deployment, walks the local stack as it
 * walks a deployed one: behind the edge check (every request but /health needs
 * X-Origin-Verify), tenant to deletion, through the contract-checked handlers. It stops with a
 * message naming what it did not get when the admin key or the origin secret is wrong.
 */
class SmokeScriptIT {
    private static final Path ROOT = RepositoryRoot.find();
    private static final String ORIGIN_SECRET = "smoke-origin-secret";
    private static final long SCRIPT_TIMEOUT_SECONDS = 180;
    private static LocalGroupGate local;

    @BeforeAll
    static void start() {
        local = RecordedStack.builder().originSecret(ORIGIN_SECRET).requireOriginVerify(true).build();
        local.start(0);
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
    }

    /** What a run of the script left: its exit status and everything it printed. */
    private record Run(int exit, String out, String err) {
    }

    private static Run smoke(String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("smoke", ".out");
        Path err = Files.createTempFile("smoke", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(
                    concat(List.of("bash", ROOT.resolve("scripts/smoke.sh").toString()), args))
                    .directory(ROOT.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("SMOKE_STATS_TIMEOUT", "90");
            Process process = builder.start();
            if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("smoke.sh did not finish within " + SCRIPT_TIMEOUT_SECONDS + " s: "
                        + Files.readString(out));
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        return java.util.stream.Stream.concat(head.stream(), java.util.Arrays.stream(tail)).toList();
    }

    @Test
    void smokeTestWalksTenantToDeletionThroughTheEdgeCheck() throws Exception {
        Run run = smoke(local.baseUrl().toString(), local.adminKey(), ORIGIN_SECRET);
        assertEquals(0, run.exit(), "smoke.sh failed:\n" + run.out() + run.err());
        for (String step : List.of("tenant", "group", "code", "scan (JSON)", "join", "stats", "tenant deletion")) {
            assertTrue(run.out().contains("smoke: " + step), "the run went through " + step + ":\n" + run.out());
        }
        assertTrue(run.out().contains("smoke: OK"), run.out());
        assertTrue(!run.out().contains(local.adminKey()) && !run.err().contains(local.adminKey()),
                "the admin key is never printed");
        assertTrue(!run.out().contains(ORIGIN_SECRET) && !run.err().contains(ORIGIN_SECRET),
                "the origin secret is never printed");
    }

    @Test
    void aWrongAdminKeyStopsTheRunWithAClearMessage() throws Exception {
        Run run = smoke(local.baseUrl().toString(), "not-the-admin-key", ORIGIN_SECRET);
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("smoke FAILED: POST /v1/tenants: 401, the admin key is not this deployment's"),
                run.err());
        assertTrue(!run.out().contains("smoke: group"), "it stops at the first surprise:\n" + run.out());
    }

    @Test
    void withoutTheOriginSecretTheEdgeCheckRefusesAndTheRunSaysSo() throws Exception {
        Run run = smoke(local.baseUrl().toString(), local.adminKey());
        assertNotEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("smoke FAILED: POST /v1/tenants: 403"), run.err());
        assertTrue(run.err().contains("ORIGIN_SECRET"), "it says what to pass: " + run.err());
    }

    @Test
    void missingArgumentsAreAUsageError() throws Exception {
        Run run = smoke(local.baseUrl().toString());
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().startsWith("usage: "), run.err());
    }
}
