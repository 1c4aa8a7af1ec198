package com.groupgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.groupgate.config.Wiring;
import com.groupgate.localaws.EmulatorFaults.Kind;
import com.groupgate.testkit.FunctionFaults;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.testkit.SdkCalls;
import com.groupgate.tracing.DaemonAddress;
import com.groupgate.tracing.TraceHeader;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With active tracing, Lambda gives the function an X-Ray daemon
 * ({@code AWS_XRAY_DAEMON_ADDRESS}) and each invocation a trace header. The codes API,
 * under its own role against the emulated AWS, sends the daemon (here a UDP socket the test
 * opens) one subsegment per AWS call of a sampled invocation, attached to the invocation's
 * trace and segment, and nothing for an invocation Lambda did not sample. A call the SDK
 * retried is still one subsegment, with its retries; one that failed for good carries its
 * status, error and throttle flags and its error's type (faults from the emulator).
 */
class AwsCallsInTheTraceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLED_ROOT = "1-6750b1c0-0a1b2c3d4e5f60718293a4b5";
    private static final String SAMPLED_PARENT = "1f2e3d4c5b6a7988";
    private static final String UNSAMPLED_ROOT = "1-6750b1c0-ffffffffffffffffffffffff";

    private DatagramSocket daemon;
    private final SdkCalls calls = new SdkCalls();
    private final FunctionFaults faults = FunctionFaults.of("CodesApiFunction");

    @BeforeEach
    void openTheDaemonsSocket() throws IOException {
        daemon = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        daemon.setSoTimeout(10_000);
    }

    @AfterEach
    void closeIt() {
        faults.close();
        daemon.close();
        System.clearProperty(TraceHeader.PROPERTY);
    }

    private HttpCalls api(String traceHeader) {
        Wiring w = ApiTestbed.aws().wiring("CodesApiFunction", Clock.systemUTC(), Map.of(
                DaemonAddress.VARIABLE, "127.0.0.1:" + daemon.getLocalPort(),
                TraceHeader.VARIABLE, traceHeader));
        return new HttpCalls(new CodesApiHandler(w.withAws(w.aws().withInterceptors(List.of(calls)))));
    }

    /** The next {@code n} documents the daemon received, each checked to be a subsegment datagram. */
    private List<JsonNode> receive(long n) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        byte[] buffer = new byte[65_535];
        while (out.size() < n) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            daemon.receive(packet);
            String datagram = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            int newline = datagram.indexOf('\n');
            assertEquals("{\"format\":\"json\",\"version\":1}", datagram.substring(0, newline));
            out.add(JSON.readTree(datagram.substring(newline + 1)));
        }
        return out;
    }

    private static long total(Map<String, Long> counted) {
        return counted.values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void everyDynamoDbCallOfASampledInvocationIsASubsegmentOfItsTraceAndAnUnsampledOneSendsNothing()
            throws IOException {
        calls.reset();
        ApiTestbed.TestTenant tenant = ApiTestbed.newTenant(
                api("Root=" + UNSAMPLED_ROOT + ";Parent=0000000000000001;Sampled=0"), "Traced school");
        assertTrue(calls.count("DynamoDb.TransactWriteItems") + calls.count("DynamoDb.PutItem") > 0,
                "the unsampled invocation wrote: " + calls.snapshot());

        calls.reset();
        ApiTestbed.newGroup(api("Root=" + SAMPLED_ROOT + ";Parent=" + SAMPLED_PARENT + ";Sampled=1;Lineage=a:0"),
                tenant, "{\"name\":\"Class 3\"}");
        Map<String, Long> made = calls.snapshot();
        assertTrue(made.keySet().stream().anyMatch(c -> c.startsWith("DynamoDb.")), made.toString());

        // Datagrams arrive in the order they were sent: had the unsampled invocation sent any,
        // they would come first.
        List<JsonNode> subsegments = receive(total(made));
        Map<String, Long> traced = new TreeMap<>();
        java.util.Set<String> tables = new java.util.TreeSet<>();
        for (JsonNode s : subsegments) {
            assertEquals(SAMPLED_ROOT, s.path("trace_id").asText(), s.toString());
            assertEquals(SAMPLED_PARENT, s.path("parent_id").asText(), s.toString());
            assertEquals("subsegment", s.path("type").asText());
            assertEquals("aws", s.path("namespace").asText());
            assertTrue(s.path("id").asText().matches("[0-9a-f]{16}"), s.toString());
            assertTrue(s.path("start_time").asDouble() > 1.7e9, s.toString());
            assertTrue(s.path("end_time").asDouble() >= s.path("start_time").asDouble(), s.toString());
            assertEquals(200, s.path("http").path("response").path("status").asInt(), s.toString());
            String sdkName = switch (s.path("name").asText()) {
                case "DynamoDB" -> "DynamoDb";
                case "KMS" -> "Kms";
                default -> s.path("name").asText();
            };
            traced.merge(sdkName + "." + s.path("aws").path("operation").asText(), 1L, Long::sum);
            if ("DynamoDB".equals(s.path("name").asText())) {
                JsonNode aws = s.path("aws");
                if (aws.has("table_name")) {
                    tables.add(aws.path("table_name").asText());
                } else {
                    aws.path("table_names").forEach(t -> tables.add(t.asText()));
                }
                assertTrue(aws.has("table_name") || aws.has("table_names"), "every DynamoDB call names its table");
            }
        }
        assertEquals(made, traced, "one subsegment per call, named as X-Ray names the service");
        assertTrue(tables.contains(ApiTestbed.mainTable()), tables.toString());
    }

    @Test
    void theHeaderOfEachInvocationIsTheOneTheJavaRuntimeSetsNotTheContainersEnvironment() throws IOException {
        HttpCalls api = api("Root=" + UNSAMPLED_ROOT + ";Parent=0000000000000001;Sampled=0");
        String invocationRoot = "1-6750b1c1-00000000000000000000abcd";
        System.setProperty(TraceHeader.PROPERTY, "Root=" + invocationRoot + ";Parent=00000000000000aa;Sampled=1");
        calls.reset();
        ApiTestbed.newTenant(api, "Traced per invocation");
        long made = total(calls.snapshot());
        for (JsonNode s : receive(made)) {
            assertEquals(invocationRoot, s.path("trace_id").asText(), s.toString());
            assertEquals("00000000000000aa", s.path("parent_id").asText(), s.toString());
        }
    }

    private static final String SAMPLED = "Root=" + SAMPLED_ROOT + ";Parent=" + SAMPLED_PARENT + ";Sampled=1";

    /** The subsegments of one sampled request, as many as it made calls. */
    private List<JsonNode> subsegmentsOf(Runnable request) throws IOException {
        calls.reset();
        request.run();
        return receive(total(calls.snapshot()));
    }

    private static JsonNode only(List<JsonNode> subsegments, String operation) {
        List<JsonNode> matching = subsegments.stream()
                .filter(s -> operation.equals(s.path("aws").path("operation").asText())).toList();
        assertEquals(1, matching.size(), subsegments.toString());
        return matching.get(0);
    }

    @Test
    void aCallTheSdkRetriedIsOneSubsegmentWithItsRetriesAndTheFinalAnswer() throws IOException {
        HttpCalls api = api(SAMPLED);
        ApiTestbed.TestTenant tenant = ApiTestbed.newTenant(api, "Retried");
        receive(total(calls.snapshot()));
        faults.inject(faults.on("dynamodb", "TransactWriteItems", Kind.ERROR_500));
        JsonNode write = only(subsegmentsOf(() -> ApiTestbed.newGroup(api, tenant, "{\"name\":\"Retried\"}")),
                "TransactWriteItems");
        assertEquals(1, write.path("aws").path("retries").asInt(), write.toString());
        assertEquals(200, write.path("http").path("response").path("status").asInt(), write.toString());
        assertTrue(!write.has("fault") && !write.has("error") && !write.has("cause"), write.toString());
    }

    @Test
    void aCallThatFailedForGoodIsMarkedWithItsStatusAndErrorTypeOnly() throws IOException {
        HttpCalls api = api(SAMPLED);
        ApiTestbed.TestTenant tenant = ApiTestbed.newTenant(api, "Throttled");
        receive(total(calls.snapshot()));
        faults.inject(faults.on("dynamodb", "TransactWriteItems", Kind.THROUGHPUT_EXCEEDED).always());
        JsonNode write = only(subsegmentsOf(() -> assertEquals(503,
                api.post("/v1/groups", "{\"name\":\"Throttled\"}", tenant.auth()).status())), "TransactWriteItems");
        assertEquals(400, write.path("http").path("response").path("status").asInt(), write.toString());
        assertTrue(write.path("error").asBoolean() && write.path("throttle").asBoolean(), write.toString());
        assertEquals(2, write.path("aws").path("retries").asInt(), "three attempts: " + write);
        JsonNode cause = write.path("cause").path("exceptions").get(0);
        assertEquals("ProvisionedThroughputExceededException", cause.path("type").asText(), write.toString());
        assertTrue(!cause.has("message"), "an error's message is not recorded: " + write);
    }
}
