package com.groupgate.exports;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.groupgate.api.CodesApiHandler;
import com.groupgate.localaws.EmulatorFaults;
import com.groupgate.export.ExportKind;
import com.groupgate.id.GroupId;
import com.groupgate.id.RequestId;
import com.groupgate.id.TenantId;
import com.groupgate.testkit.TestDeployment;
import com.groupgate.testkit.FunctionFaults;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.testkit.PresignedUrls;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Exports end to end on the emulated AWS: the codes API queues them under its role, the
 * worker (its production adapters, under its own role) writes the file to S3, and the file
 * is fetched through the link the API hands out and read by an independent CSV reader
 * (Apache Commons CSV, RFC 4180).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExportsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /** A name a spreadsheet would run as a formula, with a comma, quotes and Chinese in it. */
    private static final String TRICKY_NAME = "=1+2 \"三年二班\", 北门";
    private static final Instant SHANGHAI_MIDNIGHT = Instant.parse("2026-11-19T16:00:00Z");

    private static TestDeployment aws;
    private static HttpCalls api;
    private static ExportQueueDriver queue;
    private static StoredRows rows;

    @BeforeAll
    static void start() {
        aws = TestDeployment.get();
        api = new HttpCalls(new CodesApiHandler(aws.wiring("CodesApiFunction", Clock.systemUTC())));
        var workerWiring = aws.wiring("ExportWorkerFunction", Clock.systemUTC());
        queue = new ExportQueueDriver(aws, workerWiring.aws().build(SqsClient.builder()),
                new ExportWorkerFunction(workerWiring));
        rows = new StoredRows(aws.clients().dynamo(), aws.mainTable(), aws.analyticsTable());
        queue.drain();
    }

    private record Tenant(TenantId id, String key) {
        Map<String, String> auth() {
            return bearer(key);
        }
    }

    private static Tenant tenant(String name, String timezone) {
        var created = api.post("/v1/tenants", "{\"name\":\"" + name + "\",\"timezone\":\"" + timezone + "\"}",
                bearer(TestDeployment.ADMIN_KEY));
        assertEquals(201, created.status(), created.body());
        return new Tenant(TenantId.parse(created.text("tenantId")).orElseThrow(), created.text("apiKey"));
    }

    private static GroupId group(Tenant t, String name) throws IOException {
        var g = api.post("/v1/groups", JSON.writeValueAsString(Map.of("name", name)), t.auth());
        assertEquals(201, g.status(), g.body());
        return GroupId.parse(g.text("groupId")).orElseThrow();
    }

    private static String code(Tenant t, GroupId group) {
        var c = api.post("/v1/groups/" + group + "/codes", "{\"channel\":\"door\"}", t.auth());
        assertEquals(201, c.status(), c.body());
        return c.text("codeId");
    }

    private static String export(Tenant t, String body) {
        var answer = api.post("/v1/exports", body, t.auth());
        assertEquals(202, answer.status(), answer.body());
        assertEquals("queued", answer.text("status"));
        return answer.text("exportId");
    }

    /** The export run by the worker, then its status and file read back through the API's link. */
    private static List<List<String>> runAndRead(Tenant t, String exportId) throws IOException {
        queue.drain();
        var status = api.get("/v1/exports/" + exportId, t.auth());
        assertEquals(200, status.status(), status.body());
        assertEquals("done", status.text("status"), status.body());
        List<List<String>> csv = download(status.text("url"));
        assertEquals(status.json().path("rows").asLong(), csv.size() - 1, "rows counts the data rows");
        return csv;
    }

    private static List<List<String>> download(String url) throws IOException {
        assertTrue(validity(url) <= 15 * 60, "a presigned link lives at most 15 minutes: " + url);
        HttpResponse<byte[]> file = PresignedUrls.get(url, "CodesApiFunction");
        assertEquals(200, file.statusCode());
        assertTrue(file.headers().firstValue("content-type").orElse("").startsWith("text/csv"));
        byte[] bytes = file.body();
        assertArrayEquals(BOM, Arrays.copyOf(bytes, 3), "UTF-8 with a byte order mark, for Excel");
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        List<List<String>> out = new ArrayList<>();
        for (CSVRecord r : CSVFormat.RFC4180.parse(new StringReader(text))) {
            out.add(r.toList());
        }
        return out;
    }

    private static long validity(String url) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith("X-Amz-Expires=")) {
                return Long.parseLong(URLDecoder.decode(pair.substring(14), StandardCharsets.UTF_8));
            }
        }
        throw new AssertionError("no X-Amz-Expires in " + url);
    }

    private static String body(ExportKind kind, String from, String to, GroupId group) throws IOException {
        Map<String, String> b = new HashMap<>(Map.of("kind", kind.wire(), "from", from, "to", to));
        if (group != null) {
            b.put("groupId", group.toString());
        }
        return JSON.writeValueAsString(b);
    }

    @Test
    @Order(1)
    void badRequestsAreRefusedNamingTheFieldAndNothingIsWrittenOrQueued() throws IOException {
        Tenant t = tenant("Refusals", "UTC");
        Map<String, String> refusals = new HashMap<>();
        refusals.put("{\"kind\":\"people\",\"from\":\"2026-11-01\",\"to\":\"2026-11-02\"}", "kind");
        refusals.put("{\"from\":\"2026-11-01\",\"to\":\"2026-11-02\"}", "kind");
        refusals.put("{\"kind\":\"members\",\"from\":\"last week\",\"to\":\"2026-11-02\"}", "from");
        refusals.put("{\"kind\":\"members\",\"from\":\"2026-11-02\",\"to\":\"2026-11-01\"}", "to");
        refusals.put("{\"kind\":\"members\",\"from\":\"2026-01-01\",\"to\":\"2026-06-01\"}", "to");
        refusals.put("{\"kind\":\"joins\",\"from\":\"2026-11-01\",\"to\":\"2026-11-02\",\"groupId\":\"nope\"}",
                "groupId");
        refusals.put("{\"kind\":\"joins\",\"from\":\"2026-11-01\",\"to\":\"2026-11-02\",\"groupId\":\""
                + GroupId.random() + "\"}", "groupId");
        refusals.put("{\"kind\":\"scans\",\"from\":\"2026-11-01\",\"to\":\"2026-11-02\",\"format\":\"xlsx\"}",
                "format");
        refusals.forEach((request, field) -> {
            var answer = api.post("/v1/exports", request, t.auth());
            assertEquals(400, answer.status(), request + " -> " + answer.body());
            assertEquals(field, answer.json().path("error").path("field").asText(), request + " -> " + answer.body());
        });
        var badKey = api.call("POST", "/v1/exports", "{\"kind\":\"scans\",\"from\":\"2026-11-01\",\"to\":\"2026-11-02\"}",
                Map.of("authorization", "Bearer " + t.key(), "idempotency-key", "not a key!"));
        assertEquals(400, badKey.status(), badKey.body());
        assertEquals("Idempotency-Key", badKey.json().path("error").path("field").asText());

        long stored = aws.clients().dynamo().scan(s -> s.tableName(aws.mainTable()).select(Select.COUNT)
                .filterExpression("begins_with(pk, :p)")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("T#" + t.id() + "#EXPORT")))).count();
        assertEquals(0, stored, "no export stored");
        assertFalse(queue.deliverOne(), "nothing queued");
    }

    @Test
    @Order(2)
    void everyKindReadsBackWithBomQuotingInjectionGuardAndTheTenantsZone() throws IOException {
        Tenant shanghai = tenant("Shanghai store", "Asia/Shanghai");
        Tenant utc = tenant("UTC store", "UTC");
        Map<Tenant, GroupId> groups = new HashMap<>();
        Map<Tenant, String> codes = new HashMap<>();
        for (Tenant t : List.of(shanghai, utc)) {
            GroupId g = group(t, TRICKY_NAME);
            groups.put(t, g);
            String c = code(t, g);
            codes.put(t, c);
            rows.member(t.id(), g, "-1+2", SHANGHAI_MIDNIGHT.plusSeconds(30 * 60), c, "door", "CN", "phone")
                    .member(t.id(), g, "@home", SHANGHAI_MIDNIGHT.plusSeconds(3600), c, "door", "CN", "phone")
                    .member(t.id(), g, "plain.ref", SHANGHAI_MIDNIGHT.minusSeconds(1), c, "door", "CN", "phone")
                    .request(t.id(), g, RequestId.random(), "waiting-1", "pending", SHANGHAI_MIDNIGHT.plusSeconds(600), null)
                    .request(t.id(), g, RequestId.random(), "=cmd", "joined", SHANGHAI_MIDNIGHT.plusSeconds(900),
                            SHANGHAI_MIDNIGHT.plusSeconds(1800))
                    .codeHour(t.id(), c, SHANGHAI_MIDNIGHT.plusSeconds(3 * 3600), 10, 8, 2)
                    .codeHour(t.id(), c, SHANGHAI_MIDNIGHT.minusSeconds(3600), 99, 99, 9);
        }
        rows.flush();

        // Shanghai: dates are its days; the member who joined a second before its midnight is out.
        String from = "2026-11-20";
        String to = "2026-11-22";
        GroupId g = groups.get(shanghai);
        List<List<String>> members = runAndRead(shanghai, export(shanghai, body(ExportKind.MEMBERS, from, to, null)));
        assertEquals(ExportKind.MEMBERS.header(), members.get(0));
        assertEquals(Set.of(
                List.of(g.toString(), "'" + TRICKY_NAME, "'-1+2", "2026-11-20T00:30:00+08:00"),
                List.of(g.toString(), "'" + TRICKY_NAME, "'@home", "2026-11-20T01:00:00+08:00")),
                new HashSet<>(members.subList(1, members.size())));

        List<List<String>> joins = runAndRead(shanghai, export(shanghai, body(ExportKind.JOINS, from, to, null)));
        assertEquals(ExportKind.JOINS.header(), joins.get(0));
        assertEquals(2, joins.size() - 1);
        List<String> join = joins.stream().filter(r -> r.get(2).equals("'@home")).findFirst().orElseThrow();
        assertEquals(List.of("2026-11-20T01:00:00+08:00", g.toString(), "'@home", codes.get(shanghai), "", "door", "CN",
                "", "", "phone", "", ""), join);

        List<List<String>> requests = runAndRead(shanghai,
                export(shanghai, body(ExportKind.REQUESTS, from, to, null)));
        assertEquals(ExportKind.REQUESTS.header(), requests.get(0));
        assertEquals(2, requests.size() - 1);
        List<String> decided = requests.stream().filter(r -> r.get(4).equals("joined")).findFirst().orElseThrow();
        assertEquals("'=cmd", decided.get(3));
        assertEquals("2026-11-20T00:15:00+08:00", decided.get(0));
        assertEquals("2026-11-20T00:30:00+08:00", decided.get(5));

        List<List<String>> scans = runAndRead(shanghai, export(shanghai, body(ExportKind.SCANS, from, to, null)));
        assertEquals(List.of(ExportKind.SCANS.header(),
                List.of("2026-11-20T03:00:00+08:00", codes.get(shanghai), "10", "8", "2", "2")), scans);

        // The same instants in a UTC tenant: the same range as instants, written with +00:00.
        String fromInstant = "2026-11-19T16:00:00Z";
        String toInstant = "2026-11-21T16:00:00Z";
        List<List<String>> utcMembers = runAndRead(utc, export(utc, body(ExportKind.MEMBERS, fromInstant, toInstant,
                null)));
        assertEquals(Set.of("2026-11-19T16:30:00+00:00", "2026-11-19T17:00:00+00:00"),
                Set.of(utcMembers.get(1).get(3), utcMembers.get(2).get(3)));
        List<List<String>> utcScans = runAndRead(utc, export(utc, body(ExportKind.SCANS, fromInstant, toInstant,
                null)));
        assertEquals("2026-11-19T19:00:00+00:00", utcScans.get(1).get(0));
    }

    @Test
    @Order(3)
    void aGroupIdExportsThatGroupOnly() throws IOException {
        Tenant t = tenant("Two groups", "UTC");
        GroupId a = group(t, "Group A");
        GroupId b = group(t, "Group B");
        String codeA = code(t, a);
        String codeB = code(t, b);
        Instant at = Instant.parse("2026-11-20T10:00:00Z");
        rows.member(t.id(), a, "alice", at, codeA, "door", "CN", "phone")
                .member(t.id(), b, "bob", at, codeB, "door", "CN", "phone")
                .request(t.id(), a, RequestId.random(), "carol", "pending", at, null)
                .request(t.id(), b, RequestId.random(), "dave", "rejected", at, at.plusSeconds(60))
                .codeHour(t.id(), codeA, Instant.parse("2026-11-20T10:00:00Z"), 5, 5, 1)
                .codeHour(t.id(), codeB, Instant.parse("2026-11-20T10:00:00Z"), 7, 6, 0)
                .flush();
        String from = "2026-11-20";
        String to = "2026-11-21";
        assertEquals(List.of("alice"), column(runAndRead(t, export(t, body(ExportKind.MEMBERS, from, to, a))), 2));
        assertEquals(List.of("bob"), column(runAndRead(t, export(t, body(ExportKind.JOINS, from, to, b))), 2));
        assertEquals(List.of("carol"), column(runAndRead(t, export(t, body(ExportKind.REQUESTS, from, to, a))), 3));
        assertEquals(List.of(codeB), column(runAndRead(t, export(t, body(ExportKind.SCANS, from, to, b))), 1));
        assertEquals(Set.of("alice", "bob"),
                new HashSet<>(column(runAndRead(t, export(t, body(ExportKind.MEMBERS, from, to, null))), 2)));
    }

    private static List<String> column(List<List<String>> csv, int index) {
        return csv.subList(1, csv.size()).stream().map(r -> r.get(index)).toList();
    }

    @Test
    @Order(4)
    void anIdempotencyKeyAnswersTheSameExportAndRefusesAnotherRequest() throws IOException {
        Tenant t = tenant("Idempotent", "UTC");
        String request = body(ExportKind.MEMBERS, "2026-11-20", "2026-11-21", null);
        Map<String, String> headers = Map.of("authorization", "Bearer " + t.key(), "idempotency-key", "crm-sync-42");
        var first = api.call("POST", "/v1/exports", request, headers);
        var again = api.call("POST", "/v1/exports", request, headers);
        assertEquals(202, first.status(), first.body());
        assertEquals(202, again.status(), again.body());
        assertEquals(first.text("exportId"), again.text("exportId"));
        var other = api.call("POST", "/v1/exports", body(ExportKind.JOINS, "2026-11-20", "2026-11-21", null), headers);
        assertEquals(409, other.status(), other.body());
        assertEquals("conflict", other.errorCode());
        assertEquals(1, queue.drain() >= 1 ? 1 : 0, "the export ran");
        var done = api.get("/v1/exports/" + first.text("exportId"), t.auth());
        assertEquals("done", done.text("status"));
        var afterDone = api.call("POST", "/v1/exports", request, headers);
        assertEquals("done", afterDone.text("status"), "the same key after the run: the finished export");
        assertEquals(0, queue.drain(), "a finished export is not queued again");
    }

    @Test
    @Order(5)
    void aReadKeyMayFollowAnExportButNotAskForOne() throws IOException {
        Tenant t = tenant("Read keys", "UTC");
        var readKey = api.post("/v1/keys", "{\"name\":\"viewer\",\"scope\":\"read\"}", t.auth());
        assertEquals(201, readKey.status(), readKey.body());
        Map<String, String> read = bearer(readKey.text("apiKey"));
        String request = body(ExportKind.MEMBERS, "2026-11-20", "2026-11-21", null);
        assertEquals(403, api.post("/v1/exports", request, read).status());
        String id = export(t, request);
        queue.drain();
        var status = api.get("/v1/exports/" + id, read);
        assertEquals(200, status.status(), status.body());
        assertEquals("done", status.text("status"));
        assertEquals(404, api.get("/v1/exports/" + id, tenant("Someone else", "UTC").auth()).status(),
                "another tenant's export is not found");
    }

    @Test
    @Order(6)
    void aRunFailingAsItWritesItsFileIsTriedAgainAndLeavesNoRowTwice() throws IOException {
        Tenant t = tenant("Retried", "UTC");
        Instant at = Instant.parse("2026-11-20T10:00:00Z");
        List<String> refs = new ArrayList<>();
        for (int g = 0; g < 2; g++) {
            GroupId group = group(t, "Store " + g);
            for (int i = 0; i < 30; i++) {
                String ref = "member-" + g + "-" + i;
                refs.add(ref);
                rows.bareMember(t.id(), group, ref, at.plusSeconds(i));
            }
        }
        rows.flush();
        String id = export(t, body(ExportKind.MEMBERS, "2026-11-20", "2026-11-21", null));

        // A run under the worker's role fails as it writes its file (every try the SDK makes).
        try (FunctionFaults faults = FunctionFaults.of("ExportWorkerFunction")) {
            String rule = faults.inject(faults.on("s3", "PutObject", EmulatorFaults.Kind.ERROR_500).times(3));
            assertFalse(queue.deliverOne(), "the run failed and leaves its message for another try");
            assertEquals(3, faults.fired(rule));
        }
        assertEquals("running", api.get("/v1/exports/" + id, t.auth()).text("status"),
                "neither done nor failed: it is tried again");

        // The queue's visibility timeout passes: the message is received again and this run writes the file.
        queue.makeVisibleAgain(aws.clients().sqs());
        List<List<String>> csv = runAndRead(t, id);
        List<String> exported = column(csv, 2);
        assertEquals(refs.size(), exported.size(), "each member once");
        assertEquals(new HashSet<>(refs), new HashSet<>(exported));
    }

    /** The worker's heap bound, shown: the export run by a worker JVM held to this heap. */
    private static final String WORKER_HEAP = "-Xmx64m";
    /** Rows of the bounded-heap export: 100,000, the measurement README states ({@code -Dgroupgate.exports.rows} for another size). */
    private static final int ROWS = Integer.getInteger("groupgate.exports.rows", 100_000);
    /** A chain's stores: the rows spread over ten groups. */
    private static final int GROUPS = 10;

    @Test
    @Order(7)
    void aLargeExportRunsOnceInASmallHeapWithEachMemberOnce() throws Exception {
        Tenant t = tenant("Chain of stores", "Asia/Shanghai");
        Instant start = Instant.parse("2026-11-20T00:00:00Z");
        long seedStart = System.nanoTime();
        for (int g = 0; g < GROUPS; g++) {
            GroupId group = group(t, "门店 " + g);
            for (int i = g; i < ROWS; i += GROUPS) {
                rows.bareMember(t.id(), group, "m" + i, start.plusSeconds(i % 86_400));
            }
        }
        rows.flush();
        long seedNanos = System.nanoTime() - seedStart;
        String id = export(t, body(ExportKind.MEMBERS, "2026-11-19", "2026-11-22", null));

        // The one run, in a JVM of its own with a small heap, as Lambda would start it.
        long runStart = System.nanoTime();
        JsonNode run = boundedRun(t.id(), id);
        long runNanos = System.nanoTime() - runStart;
        com.groupgate.telemetry.Log.info("exports.bounded_run_measured", Map.of("rows", ROWS,
                "heap", WORKER_HEAP, "sampledPeakHeapMiB", run.path("sampledPeakHeapBytes").asLong() / 1048576.0,
                "poolPeakHeapMiB", run.path("poolPeakHeapBytes").asLong() / 1048576.0,
                "heapBeforeMiB", run.path("heapBeforeBytes").asLong() / 1048576.0,
                "seedSeconds", seedNanos / 1e9, "runSeconds", runNanos / 1e9));
        // Completing in the small heap is the bound; the pools' peaks, summed, are only an upper bound
        // (each pool peaks at its own moment) and may pass the maximum, so the sampled peak is what is held to it.
        assertEquals(0, run.path("failed").asInt(), run.toString());
        assertTrue(run.path("sampledPeakHeapBytes").asLong() <= run.path("maxHeapBytes").asLong(), run.toString());

        List<List<String>> csv = runAndRead(t, id);
        assertEquals(ROWS, csv.size() - 1);
        Set<String> refs = new HashSet<>();
        csv.subList(1, csv.size()).forEach(r -> refs.add(r.get(2)));
        assertEquals(ROWS, refs.size(), "each member once");
        String bucket = aws.resources().ref("ImagesBucket");
        var head = aws.clients().s3().headObject(h -> h.bucket(bucket).key("exports/" + t.id() + "/" + id + ".csv"));
        if (head.contentLength() > 5L * 1024 * 1024) {
            assertTrue(head.eTag().matches("\"?[0-9a-f]+-[0-9]+\"?"), "written as a multipart upload: " + head.eTag());
        }
        assertEquals(0, aws.clients().s3().listMultipartUploads(l -> l.bucket(bucket).prefix("exports/" + t.id() + "/"))
                .uploads().size(), "no upload left open");
    }

    /**
     * The multipart path at a size make test affords: bytes, not rows. Under the worker's role a
     * file over one part whose part upload fails is aborted (no upload left, no object); written
     * again it is completed in two parts.
     */
    @Test
    @Order(8)
    void aFileOverOnePartIsAbortedWhenAPartFailsAndCompletedInPartsOtherwise() throws IOException {
        var wiring = aws.wiring("ExportWorkerFunction", Clock.systemUTC());
        var s3 = wiring.aws().build(software.amazon.awssdk.services.s3.S3Client.builder()
                .forcePathStyle(wiring.aws().endpoint() != null));
        String bucket = aws.resources().ref("ImagesBucket");
        String key = "exports/" + TenantId.random() + "/parts.csv";
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        int chunks = (S3MultipartOutput.PART_SIZE + S3MultipartOutput.PART_SIZE / 2) / chunk.length;

        try (FunctionFaults faults = FunctionFaults.of("ExportWorkerFunction")) {
            String rule = faults.inject(faults.on("s3", "UploadPart", EmulatorFaults.Kind.ERROR_500).times(3));
            S3MultipartOutput failing = new S3MultipartOutput(s3, bucket, key, "text/csv", null);
            try {
                for (int i = 0; i < chunks; i++) {
                    failing.write(chunk);
                }
                failing.complete();
                throw new AssertionError("the part upload was to fail");
            } catch (software.amazon.awssdk.services.s3.model.S3Exception expected) {
                failing.abort();
            }
            assertEquals(3, faults.fired(rule));
        }
        assertEquals(0, aws.clients().s3().listMultipartUploads(l -> l.bucket(bucket).prefix(key)).uploads().size(),
                "the failed upload was aborted");

        S3MultipartOutput file = new S3MultipartOutput(s3, bucket, key, "text/csv", null);
        for (int i = 0; i < chunks; i++) {
            file.write(chunk);
        }
        file.complete();
        var head = aws.clients().s3().headObject(h -> h.bucket(bucket).key(key));
        assertEquals((long) chunks * chunk.length, head.contentLength());
        assertTrue(head.eTag().matches("\"?[0-9a-f]+-2\"?"), "two parts: " + head.eTag());
    }

    /** One worker run of the export in a JVM held to {@link #WORKER_HEAP}, with the worker's Lambda environment. */
    private static JsonNode boundedRun(TenantId tenantId, String exportId) throws IOException, InterruptedException {
        Path log = Files.createTempFile("bounded-export", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                WORKER_HEAP, "-cp", System.getProperty("java.class.path"), BoundedHeapRun.class.getName(),
                tenantId.toString(), exportId));
        ProcessBuilder child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        child.environment().putAll(aws.environment("ExportWorkerFunction"));
        Process process = child.start();
        assertTrue(process.waitFor(20, TimeUnit.MINUTES), "the bounded run finished");
        List<String> lines = Files.readAllLines(log);
        Files.delete(log);
        assertEquals(0, process.exitValue(), String.join("\n", lines));
        return lines.stream().filter(l -> l.contains("\"exports.bounded_run\"")).map(ExportsIT::json)
                .findFirst().orElseThrow(() -> new AssertionError(String.join("\n", lines)));
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
