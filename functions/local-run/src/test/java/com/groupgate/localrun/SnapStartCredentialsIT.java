package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.api.CodesApiHandler;
import com.groupgate.bench.coldstart.ColdStartProbe;
import com.groupgate.http.Json;
import com.groupgate.testkit.TestDeployment;
import com.groupgate.testkit.HttpCalls;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The deployed credentials path, in a process of its own as Lambda runs it: a fresh JVM
 * whose environment is exactly what Lambda gives a SnapStart function — its role's
 * credentials only at {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}, no access keys — builds
 * the scan handler with its no-argument constructor (the SDK's default credentials chain)
 * and answers a scan under IAM. Once the functions read only the access-key variables, and
 * every deployed call failed.
 */
class SnapStartCredentialsIT {

    @Test
    void aFunctionWithOnlyContainerCredentialsScansUnderItsRole() throws Exception {
        TestDeployment aws = TestDeployment.get();
        HttpCalls api = new HttpCalls(new CodesApiHandler(aws.wiring("CodesApiFunction", Clock.systemUTC())));
        String key = api.post("/v1/tenants", "{\"name\":\"SnapStart\"}", HttpCalls.bearer(TestDeployment.ADMIN_KEY))
                .text("apiKey");
        String group = api.post("/v1/groups", "{\"name\":\"Restored\"}", HttpCalls.bearer(key)).text("groupId");
        String scanUrl = api.post("/v1/groups/" + group + "/codes", "{}", HttpCalls.bearer(key)).text("scanUrl");
        String token = scanUrl.substring(scanUrl.lastIndexOf('/') + 1);

        Map<String, String> lambda = new HashMap<>(aws.environment("ScanFunction"));
        assertFalse(lambda.containsKey("AWS_ACCESS_KEY_ID"), "no access keys in a SnapStart function's environment");
        // The probe sends what CloudFront would; the function reads the secret under its role.
        lambda.put(ColdStartProbe.ORIGIN_VERIFY_VARIABLE, TestDeployment.ORIGIN_SECRET);
        assertEquals(200, scanInFreshJvm(lambda, token));

        Map<String, String> withoutCredentials = new HashMap<>(lambda);
        withoutCredentials.remove("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        withoutCredentials.remove("AWS_CONTAINER_AUTHORIZATION_TOKEN");
        assertEquals(503, scanInFreshJvm(withoutCredentials, token), "without them nothing can be read");
    }

    /** The status a fresh JVM with exactly {@code env} answers one scan with. */
    private static int scanInFreshJvm(Map<String, String> env, String token) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ColdStartProbe.class.getName(), "scan", token);
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        int status = -1;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                output.append(line).append('\n');
                if (line.contains("\"event\":\"coldstart\"")) {
                    JsonNode json = Json.MAPPER.readTree(line);
                    status = json.path("status").asInt();
                }
            }
        }
        assertEquals(true, process.waitFor(60, TimeUnit.SECONDS), output.toString());
        assertFalse(status < 0, output.toString());
        return status;
    }
}
