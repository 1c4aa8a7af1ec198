package com.groupgate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.config.Wiring;
import com.groupgate.localaws.CloudFormationTemplate;
import com.groupgate.localaws.RepositoryRoot;
import com.groupgate.testkit.TestDeployment;
import com.groupgate.testkit.HttpCalls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The emulator enforces each function's role as template.yaml writes it: a copy of the
 * template with one action taken out of the scan function's policy (dynamodb:UpdateItem,
 * which counts every accepted scan) gives a stack whose scan function is refused with
 * AccessDenied, where the real template's scans are accepted.
 */
class RemovedPermissionIT {
    private static final String SCAN_ROLE_COUNTS = "                - dynamodb:UpdateItem\n";

    @Test
    void withoutUpdateItemTheScanFunctionIsDeniedItsCountingWrite(@TempDir Path dir) throws Exception {
        String template = Files.readString(RepositoryRoot.find().resolve("template.yaml"), StandardCharsets.UTF_8);
        int scanFunction = template.indexOf("  ScanFunction:\n");
        int action = template.indexOf(SCAN_ROLE_COUNTS, scanFunction);
        assertTrue(scanFunction > 0 && action > scanFunction
                && action < template.indexOf("  ScanLogGroup:"), "ScanFunction's policy grants dynamodb:UpdateItem");
        Path copy = dir.resolve("template.yaml");
        Files.writeString(copy, template.substring(0, action) + template.substring(action + SCAN_ROLE_COUNTS.length()));

        ScanWorld world = new ScanWorld();
        JsonNode code = world.openCode(world.tenant("Denied", null), "{}");
        String path = ScanWorld.path(code);
        assertEquals(200, world.scanJson(path).status(), "the real template's scan function counts the scan");

        List<AwsServiceException> failures = new CopyOnWriteArrayList<>();
        TestDeployment mutated = TestDeployment.stack(CloudFormationTemplate.read(copy), "without-update");
        Wiring w = mutated.wiring("ScanFunction", Clock.systemUTC());
        HttpCalls scans = new HttpCalls(new ScanHandler(w.withAws(w.aws().withInterceptors(List.of(
                new ExecutionInterceptor() {
                    @Override
                    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
                        if (context.exception() instanceof AwsServiceException e) {
                            failures.add(e);
                        }
                    }
                })))));
        HttpCalls.Response denied = scans.call("GET", path, Map.of(), null, Map.of("accept", "application/json"),
                ScanWorld.SOURCE_IP);

        assertEquals(500, denied.status(), denied.body());
        assertEquals("internal", denied.errorCode(), "no internals in the answer");
        assertEquals(1, failures.size(), failures.toString());
        assertEquals("AccessDeniedException", failures.get(0).awsErrorDetails().errorCode());
        assertTrue(failures.get(0).awsErrorDetails().errorMessage().contains("dynamodb:UpdateItem"),
                failures.get(0).awsErrorDetails().errorMessage());
        assertTrue(failures.get(0).awsErrorDetails().errorMessage().contains("without-update-ScanFunctionRole"),
                failures.get(0).awsErrorDetails().errorMessage());
    }
}
