package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.groupgate.testkit.PresignedUrls;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A chain owner's batch as {@code make run} runs it (the README's walk-through): a CSV of
 * stores uploaded over HTTP, the batch queue polled into the batch worker under its role,
 * progress read until done, the ZIP fetched by its presigned link, and scanning a code
 * from the manifest.
 */
class BatchesIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static LocalGroupGate local;
    private static URI base;
    private static LocalApi api;
    private static String key;
    private static String groupId;

    @BeforeAll
    static void start() {
        local = RecordedStack.builder().adminKey("test-admin-key").originSecret("test-origin-secret").webhooks(false)
                .build();
        base = local.start(0);
        api = new LocalApi(base);
        key = api.tenant("test-admin-key", "Chain of stores");
        groupId = api.expect(201, "POST", "/v1/groups", "{\"name\":\"会员群\"}", key).path("groupId").asText();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    private static JsonNode upload(String csv, String idempotencyKey) throws Exception {
        byte[] body = csv.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve("/v1/batches"))
                .header("authorization", "Bearer " + key).header("content-type", "text/csv")
                .header("idempotency-key", idempotencyKey)
                .header("x-amz-content-sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(body)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> response = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = MAPPER.readTree(response.body());
        assertEquals(202, response.statusCode(), response.body());
        return json;
    }

    @Test
    void aCsvOfStoresBecomesAZipOfCodesThatScan() throws Exception {
        StringBuilder csv = new StringBuilder("\uFEFFchannel,label,groupId,liveCodeId,dailyScanLimit,ttlSeconds,medium,format\r\n");
        for (int i = 1; i <= 30; i++) {
            csv.append("store-").append(i).append(",\"徐汇 ").append(i).append("号店, 1F\",").append(groupId)
                    .append(",,,,").append(i % 2 == 0 ? "poster" : "sticker").append(",png\r\n");
        }
        String idempotencyKey = UUID.randomUUID().toString();
        JsonNode accepted = upload(csv.toString(), idempotencyKey);
        String batchId = accepted.path("batchId").asText();
        assertEquals(30, accepted.path("total").asInt());
        assertEquals(batchId, upload(csv.toString(), idempotencyKey).path("batchId").asText(),
                "a retried upload is the same batch");

        Eventually.await(Duration.ofSeconds(120), "the batch to be done", () ->
                "done".equals(api.expect(200, "GET", "/v1/batches/" + batchId, null, key).path("status").asText()));
        JsonNode done = api.expect(200, "GET", "/v1/batches/" + batchId, null, key);
        assertEquals(30, done.path("done").asInt());
        HttpResponse<byte[]> zip = PresignedUrls.get(done.path("zipUrl").asText(), "CodesApiFunction");
        assertEquals(200, zip.statusCode());
        List<String> names = new ArrayList<>();
        String manifest = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
                if (e.getName().equals("manifest.csv")) {
                    manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertEquals(31, names.size(), names.toString());
        assertTrue(manifest != null && manifest.startsWith("\uFEFFline,channel,label,codeId,scanUrl,file\r\n"));
        String first = manifest.split("\r\n")[1];
        assertTrue(first.startsWith("2,store-1,\"徐汇 1号店, 1F\","), first);
        String scanUrl = first.split(",")[5];
        JsonNode scan = api.expect(200, "GET", scanUrl.substring(scanUrl.indexOf("/S/")), null, null);
        assertEquals("ok", scan.path("status").asText(), "a code from the ZIP scans");
    }
}
