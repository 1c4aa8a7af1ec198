package com.groupgate.bench.coldstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.api.CodesApiHandler;
import com.groupgate.config.Wiring;
import com.groupgate.localaws.CloudFormationTemplate;
import com.groupgate.localaws.EmulatorClients;
import com.groupgate.localaws.LambdaEnvironment;
import com.groupgate.localaws.LocalAws;
import com.groupgate.localaws.LocalResources;
import com.groupgate.localaws.RepositoryRoot;
import com.groupgate.localaws.TemplateBootstrap;
import com.groupgate.http.Json;
import com.groupgate.telemetry.Log;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code make coldstart}: for each memory size (arguments, default 512 1024 1536 MB), fresh
 * JVMs on the scan function's deployable jar against the emulator, each held to the CPU share
 * Lambda gives that memory ({@link CpuShare}: memory / 1,769 of one CPU) and told that much
 * memory ({@code -XX:MaxRAM}, {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}). Each scan JVM handles
 * one cold scan, then {@code COLDSTART_WARM} (default 1,000) warm ones, of which the second half
 * is measured (C1 has compiled the hot path by then); beside each, a JVM that
 * only makes one UpdateItem with the same SDK and HTTP client. {@code COLDSTART_RUNS} (default
 * 5) pairs per size, alternating. Prints each size's medians and a table.
 * {@code COLDSTART_PROBE_JAVA_OPTS} adds JVM options to the scan JVMs (a flight recording, say).
 *
 * <p>A proxy for Lambda's cold start without SnapStart (no Lambda runtime, no snapshot
 * restore) and for a warm container's time per scan, comparable between sizes on one machine.
 * The emulator runs outside the quota, as DynamoDB runs outside the function.
 */
public final class ColdStartBench {
    private static final String ADMIN_KEY = "coldstart-admin-key";
    private static final String ORIGIN_SECRET = "coldstart-origin-secret";

    private ColdStartBench() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> memories = new ArrayList<>();
        for (String a : args) {
            memories.add(Integer.parseInt(a));
        }
        if (memories.isEmpty()) {
            memories.addAll(List.of(512, 1024, 1536));
        }
        int runs = intEnv("COLDSTART_RUNS", 5);
        int warm = intEnv("COLDSTART_WARM", 1000);

        Path root = RepositoryRoot.find();
        LocalAws aws = LocalAws.get();
        LocalResources resources = new TemplateBootstrap(CloudFormationTemplate.ofRepository(),
                EmulatorClients.of(aws), TemplateBootstrap.DEFAULT_STACK,
                Map.of("AdminKeySecret", ADMIN_KEY, "OriginSecret", ORIGIN_SECRET)).apply();
        Map<String, String> params = Map.of("ScanBaseUrl", "HTTP://127.0.0.1:3000/S/");
        CodesApiHandler api = new CodesApiHandler(Wiring.fromEnvironment(
                LambdaEnvironment.of(resources, aws, "CodesApiFunction", params), Clock.systemUTC()));
        String apiKey = call(api, "/v1/tenants", "{\"name\":\"Cold start\"}", ADMIN_KEY).path("apiKey").asText();
        String groupId = call(api, "/v1/groups", "{\"name\":\"Cold start\"}", apiKey).path("groupId").asText();
        // Every warm scan is counted: a cap no run reaches.
        String scanUrl = call(api, "/v1/groups/" + groupId + "/codes", "{\"dailyScanLimit\":1000000}", apiKey)
                .path("scanUrl").asText();
        String token = scanUrl.substring(scanUrl.lastIndexOf('/') + 1);

        // The scan function's Lambda environment: its role's credentials from the container
        // endpoint, as a SnapStart function gets them.
        Map<String, String> lambdaEnv = LambdaEnvironment.of(resources, aws, "ScanFunction", params);
        Path jar = root.resolve("functions/scan/target/groupgate-scan-lambda.jar");
        String classPath = jar + ":" + root.resolve("bench/coldstart/target/classes");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int memory : memories) {
            Map<String, String> env = new HashMap<>(lambdaEnv);
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memory));
            env.put(ColdStartProbe.ORIGIN_VERIFY_VARIABLE, ORIGIN_SECRET);
            CpuShare.Result cpu = CpuShare.create("groupgate-coldstart-" + memory, memory);
            try {
                List<JsonNode> scans = new ArrayList<>();
                List<Long> baseline = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    scans.add(probe(cpu, memory, classPath, env, "scan", token, warm));
                    baseline.add(probe(cpu, memory, classPath, env, "baseline", token, 0).path("elapsedMs").asLong());
                }
                Map<String, Object> row = row(memory, cpu, scans, baseline);
                rows.add(row);
                Log.info("coldstart_result", row);
            } finally {
                cpu.share().ifPresent(CpuShare::close);
            }
        }
        printTable(System.out, rows, warm, jar, aws);
        System.exit(0);
    }

    private static Map<String, Object> row(int memory, CpuShare.Result cpu, List<JsonNode> scans, List<Long> baseline) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("memoryMb", memory);
        row.put("cpuProxy", cpu.share().map(CpuShare::describe).orElse("none (" + cpu.whyNot() + ")"));
        row.put("throttling", cpu.share().map(CpuShare::throttling).orElse(""));
        List<Long> cold = scans.stream().map(s -> s.path("elapsedMs").asLong()).toList();
        row.put("scanColdMs", cold);
        row.put("baselineColdMs", baseline);
        long coldMedian = median(cold);
        long baselineMedian = median(baseline);
        row.put("scanColdMedianMs", coldMedian);
        row.put("baselineColdMedianMs", baselineMedian);
        row.put("ratio", Math.round(100.0 * coldMedian / baselineMedian) / 100.0);
        row.put("initMedianMs", median(scans.stream().map(s -> s.path("initMs").asLong()).toList()));
        row.put("firstInvokeMedianMs", median(scans.stream().map(s -> s.path("firstInvokeMs").asLong()).toList()));
        for (String measure : List.of("wallUs", "ownUs", "awsWaitUs", "cpuUs")) {
            for (String stat : List.of("p50", "p90", "p99", "mean")) {
                row.put(measure.replace("Us", "") + "_" + stat + "Us",
                        median(scans.stream().map(s -> s.path(measure).path(stat).asLong()).toList()));
            }
        }
        row.put("warmNot200", scans.stream().mapToLong(s -> s.path("warmNot200").asLong()).sum());
        row.put("measuredScansPerRun", scans.get(0).path("measuredScans").asInt());
        row.put("responseBodyBytes", scans.get(0).path("responseBodyBytes").asInt());
        row.put("responseHeaderBytes", scans.get(0).path("responseHeaderBytes").asInt());
        row.put("contentType", scans.get(0).path("contentType").asText());
        row.put("availableProcessors", scans.get(0).path("availableProcessors").asInt());
        row.put("maxHeapMb", scans.get(0).path("maxHeapMb").asInt());
        return row;
    }

    private static void printTable(PrintStream out, List<Map<String, Object>> rows, int warm, Path jar, LocalAws aws)
            throws IOException {
        out.println();
        out.printf(Locale.ROOT, "make coldstart, %s, %d-CPU host, load average %s, scan jar %,d bytes, emulator %s%n",
                Instant.now(), Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim(), Files.size(jar), aws.kind());
        out.println("Medians over the runs; warm figures per scan over the last "
                + Math.round(warm * (1 - ColdStartProbe.WARM_UP_SHARE)) + " of " + warm + " warm scans, in ms.");
        out.println();
        out.println("| memory | CPU proxy | cold scan | baseline | ratio | warm p50 | warm p90 | warm mean"
                + " | own mean (wall - emulator) | emulator wait mean | handler CPU mean |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Map<String, Object> r : rows) {
            out.printf(Locale.ROOT, "| %d MB | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    (Integer) r.get("memoryMb"), r.get("cpuProxy"), r.get("scanColdMedianMs"),
                    r.get("baselineColdMedianMs"), r.get("ratio"), ms(r.get("wall_p50Us")), ms(r.get("wall_p90Us")),
                    ms(r.get("wall_meanUs")), ms(r.get("own_meanUs")), ms(r.get("awsWait_meanUs")),
                    ms(r.get("cpu_meanUs")));
        }
        out.println();
        for (Map<String, Object> r : rows) {
            out.printf(Locale.ROOT, "%d MB: cold %s ms, baseline %s ms; JVM saw %s CPU(s), max heap %s MB;"
                            + " response %s body + %s header bytes (%s); throttling: %s%n",
                    (Integer) r.get("memoryMb"), r.get("scanColdMs"), r.get("baselineColdMs"),
                    r.get("availableProcessors"), r.get("maxHeapMb"), r.get("responseBodyBytes"),
                    r.get("responseHeaderBytes"), r.get("contentType"), r.get("throttling"));
        }
    }

    private static String ms(Object micros) {
        return String.format(Locale.ROOT, "%.1f", ((Number) micros).longValue() / 1000.0);
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

    private static JsonNode probe(CpuShare.Result cpu, int memory, String classPath, Map<String, String> env,
                                  String mode, String token, int warm) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The JVM sizes itself for the function's memory, as in a container of that size.
                "-XX:MaxRAM=" + memory + "m"));
        // E.g. a flight recording of the scan JVMs: COLDSTART_PROBE_JAVA_OPTS=-XX:StartFlightRecording=...
        String extra = System.getenv("COLDSTART_PROBE_JAVA_OPTS");
        if (extra != null && !extra.isBlank() && "scan".equals(mode)) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", classPath, ColdStartProbe.class.getName(), mode, token, Integer.toString(warm)));
        ProcessBuilder builder = new ProcessBuilder(cpu.share().map(s -> s.wrap(command)).orElse(command));
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        JsonNode result = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.contains("\"event\":\"coldstart\"")) {
                    result = Json.MAPPER.readTree(line);
                } else if (output.length() < 4000) {
                    output.append(line).append('\n');
                }
            }
        }
        if (process.waitFor() != 0 || result == null) {
            throw new IllegalStateException(mode + " probe failed:\n" + output);
        }
        if (!"200".equals(result.path("status").asText())) {
            throw new IllegalStateException(mode + " probe answered " + result.path("status").asText());
        }
        return result;
    }

    private static int intEnv(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
