package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.groupgate.localaws.CloudFormationTemplate;
import com.groupgate.localaws.RepositoryRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code make invoke FUNCTION=… EVENT=…} and {@code make env-json} against a running local stack:
 * every file under events/ runs through {@link LocalInvoke} — its function's handler built, in
 * this JVM, from nothing but the environment the stack wrote (so under the function's role, on
 * the stack's own tables) — and answers as Lambda would; env.json names the stack's real
 * resources for {@code sam local invoke --env-vars}, not the template's logical ids.
 */
class LocalInvokeIT {
    private static final Path ROOT = RepositoryRoot.find();
    private static final Path EVENTS = ROOT.resolve("events");
    private static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.ofRepository();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The function each sample event is for; a new file under events/ must be added here. */
    private static final Map<String, String> EVENT_FUNCTIONS = Map.ofEntries(
            Map.entry("health.json", LocalGroupGate.CODES_API_FUNCTION),
            Map.entry("create-tenant.json", LocalGroupGate.CODES_API_FUNCTION),
            Map.entry("create-group.json", LocalGroupGate.CODES_API_FUNCTION),
            Map.entry("issue-code.json", LocalGroupGate.CODES_API_FUNCTION),
            Map.entry("code-design.json", LocalGroupGate.DESIGNS_FUNCTION),
            Map.entry("scan-json.json", LocalGroupGate.SCAN_FUNCTION),
            Map.entry("scan-html.json", LocalGroupGate.SCAN_FUNCTION),
            Map.entry("scan-url.json", LocalGroupGate.SCAN_FUNCTION),
            Map.entry("join.json", LocalGroupGate.SCAN_FUNCTION),
            Map.entry("join-url.json", LocalGroupGate.SCAN_FUNCTION),
            Map.entry("aggregate-stream.json", LocalGroupGate.AGGREGATE_FUNCTION),
            Map.entry("key-rotation.json", "KeyRotationFunction"),
            Map.entry("tenant-deletion.json", LocalGroupGate.TENANT_DELETION_FUNCTION),
            Map.entry("audit-checkpoint.json", LocalGroupGate.AUDIT_CHECKPOINT_FUNCTION),
            Map.entry("webhook-reminder.json", LocalGroupGate.WEBHOOK_REMINDER_FUNCTION),
            Map.entry("batch-worker.json", LocalGroupGate.BATCH_WORKER_FUNCTION));

    @TempDir
    static Path run;
    private static LocalGroupGate local;

    @BeforeAll
    static void start() throws IOException {
        // As deployed: the HTTP samples carry the local origin secret as CloudFront's X-Origin-Verify.
        local = LocalGroupGate.builder().streamPolling(false).originSecret(LocalGroupGate.DEFAULT_ORIGIN_SECRET)
                .requireOriginVerify(true).build();
        local.start(0);
        LambdaEnvironmentFiles.write(local, run);
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
    }

    static Stream<String> eventFiles() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
        }
    }

    @Test
    void everySampleEventNamesItsFunction() throws IOException {
        assertEquals(new TreeSet<>(EVENT_FUNCTIONS.keySet()), new TreeSet<>(eventFiles().toList()),
                "each file under events/ is invoked by this test: name its function in EVENT_FUNCTIONS");
        EVENT_FUNCTIONS.values().forEach(f -> assertTrue(
                TEMPLATE.resourcesOfType("AWS::Serverless::Function").containsKey(f), f + " is a template function"));
    }

    @ParameterizedTest
    @MethodSource("eventFiles")
    void sampleEventRunsUnderItsFunctionsRoleAndAnswersAsLambdaWould(String file) throws Exception {
        String function = EVENT_FUNCTIONS.get(file);
        assertTrue(function != null, file + " names no function");
        Map<String, String> environment = LambdaEnvironmentFiles.read(run.resolve(LambdaEnvironmentFiles.LAMBDA_ENV),
                function);
        if (com.groupgate.localaws.LocalAws.get().enforcesIam()) {
            assertTrue(environment.containsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI"),
                    "the role's credentials as Lambda hands them over, no access keys");
            assertFalse(environment.containsKey("AWS_ACCESS_KEY_ID"));
        }
        JsonNode response = MAPPER.readTree(LocalInvoke.invoke(TEMPLATE, function, environment, EVENTS.resolve(file)));
        if (response.has("statusCode")) {
            int status = response.get("statusCode").asInt();
            assertTrue(status >= 200 && status <= 499, file + " answered " + status + ": " + response);
            String body = response.path("body").asText("");
            if (body.startsWith("{")) {
                assertNotEquals("forbidden", MAPPER.readTree(body).path("error").path("code").asText(),
                        file + " carries the local origin secret as X-Origin-Verify, as CloudFront would");
            }
        } else if (response.has("batchItemFailures")) {
            assertEquals(0, response.get("batchItemFailures").size(), file + ": " + response);
        }
    }

    @Test
    void healthAndTenantCreationSucceed() throws Exception {
        Map<String, String> api = LambdaEnvironmentFiles.read(run.resolve(LambdaEnvironmentFiles.LAMBDA_ENV),
                LocalGroupGate.CODES_API_FUNCTION);
        JsonNode health = MAPPER.readTree(LocalInvoke.invoke(TEMPLATE, LocalGroupGate.CODES_API_FUNCTION, api,
                EVENTS.resolve("health.json")));
        assertEquals(200, health.get("statusCode").asInt(), health.toString());
        JsonNode tenant = MAPPER.readTree(LocalInvoke.invoke(TEMPLATE, LocalGroupGate.CODES_API_FUNCTION, api,
                EVENTS.resolve("create-tenant.json")));
        assertEquals(201, tenant.get("statusCode").asInt(), "the local admin key creates a tenant: " + tenant);
        assertEquals("Riverside School", MAPPER.readTree(tenant.get("body").asText()).get("name").asText());
    }

    @Test
    void envJsonNamesTheStacksResourcesForSamLocalInvoke() throws Exception {
        Path envJson = run.resolve(LambdaEnvironmentFiles.SAM_ENV_VARS);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(envJson)));
        JsonNode all = MAPPER.readTree(envJson.toFile());
        assertEquals(new TreeSet<>(TEMPLATE.resourcesOfType("AWS::Serverless::Function").keySet()),
                new TreeSet<>(iterable(all.fieldNames())));
        JsonNode scan = all.get(LocalGroupGate.SCAN_FUNCTION);
        // What sam local cannot resolve by itself (a !GetAtt, a stack's own table name), resolved.
        assertEquals(local.resources().table("MainTable"), scan.get("GROUPGATE_MAIN_TABLE").asText());
        assertEquals(local.resources().attribute("SigningKey", "Arn"), scan.get("GROUPGATE_KEY_ID").asText());
        assertTrue(scan.get("GROUPGATE_KEY_ID").asText().startsWith("arn:aws:kms:"), scan.toString());
        // Only what the template declares: sam local invoke overrides nothing else.
        Map<String, String> declared = new TreeMap<>(local.templateEnvironment(LocalGroupGate.SCAN_FUNCTION));
        assertEquals(declared.keySet(), new TreeSet<>(iterable(scan.fieldNames())));
        assertFalse(scan.has("AWS_CONTAINER_AUTHORIZATION_TOKEN"));
    }

    @Test
    void makeInvokePrintsOnlyTheResponseOnStdout() throws Exception {
        Process process = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                "-Dgroupgate.root=" + ROOT, LocalInvoke.class.getName(), LocalGroupGate.CODES_API_FUNCTION,
                EVENTS.resolve("health.json").toString(), run.resolve(LambdaEnvironmentFiles.LAMBDA_ENV).toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "make invoke finished");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, process.exitValue(), out);
        JsonNode response = MAPPER.readTree(out);
        assertEquals(200, response.get("statusCode").asInt(), out);
        assertEquals("ok", MAPPER.readTree(response.get("body").asText()).get("status").asText());
    }

    @Test
    void makeInvokeWithAnUnknownFunctionSaysWhichExist() throws Exception {
        Process process = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                "-Dgroupgate.root=" + ROOT, LocalInvoke.class.getName(), "NoSuchFunction",
                EVENTS.resolve("health.json").toString(), run.resolve(LambdaEnvironmentFiles.LAMBDA_ENV).toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "make invoke finished");
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, process.exitValue(), err);
        assertTrue(err.contains("no function NoSuchFunction") && err.contains(LocalGroupGate.SCAN_FUNCTION), err);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
