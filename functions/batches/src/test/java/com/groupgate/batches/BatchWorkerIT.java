package com.groupgate.batches;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.groupgate.api.CodesApiHandler;
import com.groupgate.batch.BatchCodeIds;
import com.groupgate.localaws.EmulatorFaults;
import com.groupgate.id.BatchId;
import com.groupgate.telemetry.Log;
import com.groupgate.testkit.TestDeployment;
import com.groupgate.testkit.FunctionFaults;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.testkit.PresignedUrls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The batch worker on the emulated AWS, under its own role: batches uploaded through the
 * codes API, the worker given the queue's message as Lambda's mapping hands it over, the
 * outcome read back through the API (progress, codes, usage) and the ZIP fetched by its
 * presigned link.
 */
class BatchWorkerIT {
    private static final String FUNCTION = "BatchWorkerFunction";
    private static final String HEADER = "channel,label,groupId,liveCodeId,dailyScanLimit,ttlSeconds,medium,format\r\n";
    private static HttpCalls api;
    private static TestDeployment aws;

    @BeforeAll
    static void setUp() {
        aws = TestDeployment.get();
        api = new HttpCalls(new CodesApiHandler(aws.wiring("CodesApiFunction", Clock.systemUTC())));
    }

    private record Tenant(String id, Map<String, String> auth) {
    }

    private static Tenant tenant(String name) {
        HttpCalls.Response r = api.post("/v1/tenants", "{\"name\":\"" + name + "\"}", bearer(TestDeployment.ADMIN_KEY));
        assertEquals(201, r.status(), r.body());
        return new Tenant(r.text("tenantId"), bearer(r.text("apiKey")));
    }

    private static String group(Tenant t) {
        HttpCalls.Response r = api.post("/v1/groups", "{\"name\":\"门店会员群\"}", t.auth());
        assertEquals(201, r.status(), r.body());
        return r.text("groupId");
    }

    private static String upload(Tenant t, String csv) {
        Map<String, String> headers = new HashMap<>(t.auth());
        headers.put("content-type", "text/csv");
        HttpCalls.Response r = api.exact("POST", "/v1/batches", csv.getBytes(StandardCharsets.UTF_8), false, headers);
        assertEquals(202, r.status(), r.body());
        return r.text("batchId");
    }

    /** The queue's message as the event source mapping delivers it, received the {@code receive}th time. */
    private static SQSEvent message(Tenant t, String batchId, int receive) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId("message-" + batchId);
        m.setBody("{\"tenantId\":\"" + t.id() + "\",\"batchId\":\"" + batchId + "\"}");
        m.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(receive)));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(m));
        return event;
    }

    private static JsonNode batch(Tenant t, String batchId) {
        HttpCalls.Response r = api.get("/v1/batches/" + batchId, t.auth());
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static long codesIssued(Tenant t) {
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        return api.call("GET", "/v1/usage", Map.of("month", month), null, t.auth(), "198.51.100.7").json()
                .path("codesIssued").asLong();
    }

    /** The tenant's stored group codes, counted on gsi1 as the codes list reads them. */
    private static int storedCodes(Tenant t) {
        int count = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = aws.clients().dynamo().query(q -> q.tableName(aws.mainTable()).indexName("gsi1")
                    .keyConditionExpression("gsi1pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("T#" + t.id() + "#CODES")))
                    .exclusiveStartKey(from));
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    /** The ZIP by its presigned link: each entry's bytes by name, in order. */
    private static Map<String, byte[]> zip(JsonNode batch) throws IOException {
        var response = PresignedUrls.get(batch.path("zipUrl").asText(), "CodesApiFunction");
        assertEquals(200, response.statusCode());
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                in.transferTo(bytes);
                out.put(e.getName(), bytes.toByteArray());
            }
        }
        return out;
    }

    /** manifest.csv's lines after the header, split on commas (the test's cells hold none). */
    private static List<String[]> manifest(Map<String, byte[]> zip) {
        String text = new String(zip.get("manifest.csv"), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFFline,channel,label,codeId,scanUrl,file\r\n"), "BOM and header");
        List<String[]> out = new ArrayList<>();
        String[] lines = text.substring(1).split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            out.add(lines[i].split(",", -1));
        }
        return out;
    }

    private static String decode(byte[] png) throws Exception {
        var image = ImageIO.read(new ByteArrayInputStream(png));
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                .getText();
    }

    @Test
    void fiveThousandRowsAreIssuedOnceEachAndZippedWithTheirManifest() throws Exception {
        Tenant t = tenant("Five Thousand Stores");
        String groupId = group(t);
        HttpCalls.Response live = api.post("/v1/live-codes", "{\"name\":\"总店\",\"groupIds\":[\"" + groupId + "\"]}",
                t.auth());
        assertEquals(201, live.status(), live.body());
        String liveCodeId = live.text("liveCodeId");
        long issuedBefore = codesIssued(t);
        StringBuilder csv = new StringBuilder("\uFEFF" + HEADER);
        for (int i = 1; i <= 5_000; i++) {
            if (i % 1_000 == 0) {
                csv.append("hq,总店 ").append(i).append(",,").append(liveCodeId).append(",,,flyer,png\r\n");
            } else {
                csv.append("store-").append(i).append(",门店 ").append(i).append(',').append(groupId)
                        .append(",,200,86400,flyer,\r\n");
            }
        }
        String batchId = upload(t, csv.toString());

        BatchWorkerFunction worker = new BatchWorkerFunction(aws.wiring(FUNCTION, Clock.systemUTC()));
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        long heapBefore = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long started = System.nanoTime();
        SQSBatchResponse response = worker.handleRequest(message(t, batchId, 1), null);
        long millis = (System.nanoTime() - started) / 1_000_000;
        long heapPeak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        Log.info("batch_benchmark", Map.of("rows", 5_000, "millis", millis,
                "codesPerSecond", Math.round(5_000 * 1000.0 / millis), "heapBeforeMiB", heapBefore >> 20,
                "heapPeakMiB", heapPeak >> 20, "maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20));
        assertEquals(List.of(), response.getBatchItemFailures());

        JsonNode done = batch(t, batchId);
        assertEquals("done", done.path("status").asText());
        assertEquals(5_000, done.path("done").asInt());
        assertEquals(4_995, storedCodes(t), "one code per group row; live code rows print the live code");
        assertEquals(issuedBefore + 4_995, codesIssued(t), "usage counts each issued code once");

        Map<String, byte[]> zip = zip(done);
        assertEquals(5_001, zip.size(), "each row's file and the manifest");
        List<String[]> rows = manifest(zip);
        assertEquals(5_000, rows.size());
        Set<String> codeIds = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            int line = i + 2;
            assertEquals(Integer.toString(line), row[0], "manifest lines in file order, each once");
            String expectedId = line % 1_000 == 1 && line > 2 ? liveCodeId : BatchCodeIds.of(BatchId.parse(batchId)
                    .orElseThrow(), line).toString();
            assertEquals(expectedId, row[3]);
            assertTrue(zip.containsKey(row[5]), row[5]);
            if (!expectedId.equals(liveCodeId)) {
                assertTrue(codeIds.add(row[3]), "code " + row[3] + " listed once");
            }
        }
        for (int index : new int[] {0, 1, 998, 2_500, 4_999}) {
            String[] row = rows.get(index);
            assertEquals(row[4], decode(zip.get(row[5])), "the PNG of line " + row[0] + " reads as its scan URL");
        }
        JsonNode code = api.get("/v1/codes/" + rows.get(0)[3], t.auth()).json();
        assertEquals("store-1", code.path("channel").asText());
        assertEquals("门店 1", code.path("label").asText(), "the row's label is stored on the code it issues");
        assertEquals(200, code.path("dailyScanLimit").asInt());
        assertEquals(rows.get(0)[4], code.path("scanUrl").asText(), "the manifest's URL is the code's");
        assertEquals("M", code.path("ecc").asText(), "the flyer preset's error correction");

        SQSBatchResponse redelivered = worker.handleRequest(message(t, batchId, 2), null);
        assertEquals(List.of(), redelivered.getBatchItemFailures());
        assertEquals(issuedBefore + 4_995, codesIssued(t), "a redelivered message of a done batch issues nothing");
    }

    @Test
    void aWorkerKilledHalfWayResumesWithoutIssuingARowTwice() throws Exception {
        Tenant t = tenant("Killed Worker Tea");
        String groupId = group(t);
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 250; i++) {
            csv.append("s").append(i).append(",店").append(i).append(',').append(groupId).append(",,,,sticker,png\r\n");
        }
        String batchId = upload(t, csv.toString());
        long issuedBefore = codesIssued(t);

        try (FunctionFaults faults = FunctionFaults.of(FUNCTION)) {
            // Row 151's code is written, then the worker dies before it hears so: the hardest place to stop.
            faults.inject(faults.on("dynamodb", "TransactWriteItems", EmulatorFaults.Kind.RESET).afterApplying()
                    .skip(150).always());
            // A reset is immediate, so the deployed SDK timeouts stay (the emulator serves one
            // request at a time and four rows write at once).
            BatchWorkerFunction dying = new BatchWorkerFunction(aws.wiring(FUNCTION, Clock.systemUTC()));
            SQSBatchResponse first = dying.handleRequest(message(t, batchId, 1), null);
            assertEquals(1, first.getBatchItemFailures().size(), "the message goes back to the queue");
        }
        JsonNode halfWay = batch(t, batchId);
        assertEquals("running", halfWay.path("status").asText());
        assertEquals(100, halfWay.path("done").asInt(), "progress stored after each 100 rows");
        // 150 codes, the one whose answer was lost, and those of its chunk already on their way
        // (rows are issued four at a time; each is written whole or not at all).
        int afterKill = storedCodes(t);
        assertTrue(afterKill >= 151 && afterKill <= 200, "codes stored before the kill: " + afterKill);
        assertEquals(issuedBefore + afterKill, codesIssued(t), "usage counts exactly the codes stored");

        SQSBatchResponse second = new BatchWorkerFunction(aws.wiring(FUNCTION, Clock.systemUTC()))
                .handleRequest(message(t, batchId, 2), null);
        assertEquals(List.of(), second.getBatchItemFailures());
        JsonNode done = batch(t, batchId);
        assertEquals("done", done.path("status").asText());
        assertEquals(250, done.path("done").asInt());
        assertEquals(250, storedCodes(t), "no row issued twice");
        assertEquals(issuedBefore + 250, codesIssued(t), "usage counts each row once across both runs");
        Map<String, byte[]> zip = zip(done);
        List<String[]> rows = manifest(zip);
        assertEquals(250, rows.size());
        Set<String> lines = new HashSet<>();
        Set<String> codes = new HashSet<>();
        rows.forEach(r -> {
            lines.add(r[0]);
            codes.add(r[3]);
        });
        assertEquals(250, lines.size(), "each line once");
        assertEquals(250, codes.size(), "each code once");
        String[] resumed = rows.get(149);
        assertEquals(resumed[4], decode(zip.get(resumed[5])), "the row written before the kill is drawn from its stored code");
        assertEquals(resumed[4], api.get("/v1/codes/" + resumed[3], t.auth()).json().path("scanUrl").asText());
    }

    @Test
    void aBatchWhoseGroupWentBeforeItRanFailsWithTheLineAndIssuesNothing() {
        Tenant t = tenant("Gone Group Cafe");
        String groupId = group(t);
        String batchId = upload(t, HEADER + "a,," + groupId + ",,,,,\r\nb,,aaaaaaaaaaaaa,,,,,\r\n".replace(
                "aaaaaaaaaaaaa", groupId));
        // The group is blocked by the operator between the upload and the run.
        HttpCalls.Response blocked = api.post("/v1/admin/tenants/" + t.id() + "/groups/" + groupId + "/block",
                "{\"reason\":\"spam\"}", bearer(TestDeployment.ADMIN_KEY));
        assertEquals(200, blocked.status(), blocked.body());
        SQSBatchResponse r = new BatchWorkerFunction(aws.wiring(FUNCTION, Clock.systemUTC()))
                .handleRequest(message(t, batchId, 1), null);
        assertEquals(List.of(), r.getBatchItemFailures(), "a batch that cannot run is done with, not retried");
        JsonNode failed = batch(t, batchId);
        assertEquals("failed", failed.path("status").asText());
        assertTrue(failed.path("error").asText().startsWith("line 2: "), failed.toString());
        assertEquals(0, storedCodes(t));
    }
}
