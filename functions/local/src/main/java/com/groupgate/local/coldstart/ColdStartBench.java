package com.groupgate.local.coldstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.api.CodesApiHandler;
import com.groupgate.config.Wiring;
import com.groupgate.emulator.CloudFormationTemplate;
import com.groupgate.emulator.EmulatorClients;
import com.groupgate.emulator.LambdaEnvironment;
import com.groupgate.emulator.LocalAws;
import com.groupgate.emulator.LocalResources;
import com.groupgate.emulator.RepositoryRoot;
import com.groupgate.emulator.TemplateBootstrap;
import com.groupgate.http.Json;
import com.groupgate.telemetry.Log;
import com.groupgate.tenant.ApiKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code make coldstart}: five fresh JVMs each handle one scan from the scan function's
 * deployable jar against the emulator, beside five that only make one UpdateItem with the
 * same SDK and HTTP client; prints the medians. A proxy for Lambda's cold start (no
 * SnapStart, no Lambda runtime), comparable between the two on one machine.
 */
public final class ColdStartBench {
    private static final int RUNS = 5;
    private static final String ADMIN_KEY = "coldstart-admin-key";
    private static final String ORIGIN_SECRET = "coldstart-origin-secret";

    private ColdStartBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = RepositoryRoot.find();
        LocalAws aws = LocalAws.get();
        LocalResources resources = new TemplateBootstrap(CloudFormationTemplate.ofRepository(),
                EmulatorClients.of(aws)).apply();
        Map<String, String> params = Map.of("AdminKeySha256", ApiKeys.sha256Hex(ADMIN_KEY),
                "OriginVerifySecret", ORIGIN_SECRET, "ScanBaseUrl", "HTTP://127.0.0.1:3000/S/");
        CodesApiHandler api = new CodesApiHandler(Wiring.fromEnvironment(
                LambdaEnvironment.of(resources, aws, "CodesApiFunction", params), Clock.systemUTC()));
        String apiKey = call(api, "/v1/tenants", "{\"name\":\"Cold start\"}", ADMIN_KEY).path("apiKey").asText();
        String groupId = call(api, "/v1/groups", "{\"name\":\"Cold start\"}", apiKey).path("groupId").asText();
        String scanUrl = call(api, "/v1/groups/" + groupId + "/codes", "{\"dailyScanLimit\":1000}", apiKey)
                .path("scanUrl").asText();
        String token = scanUrl.substring(scanUrl.lastIndexOf('/') + 1);

        // The scan function's Lambda environment: its role's credentials from the container
        // endpoint, as a SnapStart function gets them.
        Map<String, String> env = new HashMap<>(LambdaEnvironment.of(resources, aws, "ScanFunction", params));
        String classPath = root.resolve("functions/scan/target/groupgate-scan-lambda.jar") + ":"
                + root.resolve("functions/local/target/classes");
        List<Long> scan = new ArrayList<>();
        List<Long> baseline = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            scan.add(probe(classPath, env, "scan", token));
            baseline.add(probe(classPath, env, "baseline", token));
        }
        long scanMedian = median(scan);
        long baselineMedian = median(baseline);
        Log.info("coldstart_result", Map.of("emulator", aws.kind(), "scanMs", scan, "baselineMs", baseline,
                "scanMedianMs", scanMedian, "baselineMedianMs", baselineMedian,
                "ratio", Math.round(100.0 * scanMedian / baselineMedian) / 100.0,
                "scanJarBytes", root.resolve("functions/scan/target/groupgate-scan-lambda.jar").toFile().length()));
        System.exit(0);
    }

    private static JsonNode call(CodesApiHandler api, String path, String body, String key) throws IOException {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRawPath(path).withBody(body)
                .withHeaders(Map.of("authorization", "Bearer " + key, "content-type", "application/json",
                        "x-origin-verify", ORIGIN_SECRET))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath(path)
                                .withSourceIp("127.0.0.1").build()).build()).build();
        return Json.MAPPER.readTree(api.handleRequest(event, null).getBody());
    }

    private static long probe(String classPath, Map<String, String> env, String mode, String token)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, ColdStartProbe.class.getName(), mode, token);
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        long elapsed = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.contains("\"event\":\"coldstart\"")) {
                    JsonNode json = Json.MAPPER.readTree(line);
                    if (!"200".equals(json.path("status").asText())) {
                        throw new IllegalStateException(mode + " probe answered " + json.path("status").asText());
                    }
                    elapsed = json.path("elapsedMs").asLong();
                }
            }
        }
        if (process.waitFor() != 0 || elapsed < 0) {
            throw new IllegalStateException(mode + " probe failed");
        }
        return elapsed;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
