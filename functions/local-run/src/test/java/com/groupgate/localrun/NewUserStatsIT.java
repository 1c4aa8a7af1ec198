package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.localaws.RepositoryRoot;
import com.groupgate.telemetry.Log;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The acceptance as a new user lives it: against a server started the way
 * {@code make run} starts it, {@code make freshness}'s script scans three codes with
 * different User-Agents and CloudFront headers and reads every number back from the
 * stats and usage APIs. The script exits non-zero if one is wrong. Running it here keeps
 * the script itself from drifting from the API. Its delays are printed, not asserted.
 */
class NewUserStatsIT {

    @Test
    void scansWithVariedViewersReadBackExactlyThroughTheStatsApi() throws Exception {
        Path root = RepositoryRoot.find();
        try (LocalGroupGate local = RecordedStack.builder().adminKey("new-user-admin-key")
                .originSecret("new-user-origin-secret").build()) {
            URI base = local.start(0);
            ProcessBuilder script = new ProcessBuilder("python3", "scripts/stats_freshness.py")
                    .directory(root.toFile()).redirectErrorStream(true);
            // As a person runs it beside `GROUPGATE_PORT=… make run`: the port, no URL.
            script.environment().remove("GROUPGATE_URL");
            script.environment().put("GROUPGATE_PORT", String.valueOf(base.getPort()));
            script.environment().put("GROUPGATE_ADMIN_KEY", "new-user-admin-key");
            script.environment().put("GROUPGATE_ORIGIN_SECRET", "new-user-origin-secret");
            script.environment().put("GROUPGATE_FRESHNESS_SCANS", "6");
            Process process = script.start();
            assertTrue(process.waitFor(3, TimeUnit.MINUTES), "the script finishes");
            String output = output(process);
            Log.info("new_user_stats", Map.of("script", output.strip()));
            assertEquals(0, process.exitValue(), output);
            assertTrue(output.contains("equal what was scanned"), output);
        }
    }

    private static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
