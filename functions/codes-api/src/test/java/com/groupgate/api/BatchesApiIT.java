package com.groupgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.testkit.HttpCalls;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/batches} and {@code GET /v1/batches/{id}} on the codes API: a file is
 * validated whole (every bad line and column listed, nothing stored, nothing queued), a good
 * one is stored and queued, and {@code Idempotency-Key} makes a retried upload the same batch.
 * The worker's side is BatchWorkerIT (functions/batches) and BatchesIT (functions/local-run).
 */
class BatchesApiIT {
    static final String HEADER = "channel,label,groupId,liveCodeId,dailyScanLimit,ttlSeconds,medium,format\r\n";
    private static HttpCalls api;
    private static ApiTestbed.TestTenant tenant;
    private static ApiTestbed.TestTenant other;
    private static String groupId;
    private static String othersGroupId;

    @BeforeAll
    static void setUp() {
        api = ApiTestbed.api(Clock.systemUTC());
        tenant = ApiTestbed.newTenant(api, "Batch Tea Chain");
        other = ApiTestbed.newTenant(api, "Other Chain");
        groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Members\"}");
        othersGroupId = ApiTestbed.newGroup(api, other, "{\"name\":\"Theirs\"}");
    }

    private static HttpCalls.Response upload(String csv, String contentType, String idempotencyKey) {
        Map<String, String> headers = new HashMap<>(tenant.auth());
        headers.put("content-type", contentType);
        if (idempotencyKey != null) {
            headers.put("idempotency-key", idempotencyKey);
        }
        return api.exact("POST", "/v1/batches", csv.getBytes(StandardCharsets.UTF_8), false, headers);
    }

    private static String rows(int n) {
        StringBuilder csv = new StringBuilder("\uFEFF" + HEADER);
        for (int i = 1; i <= n; i++) {
            csv.append("store-").append(i).append(",\"徐汇店 ").append(i).append("\",").append(groupId)
                    .append(",,,,flyer,png\r\n");
        }
        return csv.toString();
    }

    private record Written(long items, long objects) {
        static Written now() {
            return new Written(ApiTestbed.mainTableItemCount(), ApiTestbed.imageObjectCount());
        }
    }

    @Test
    void everyBadLineAndColumnIsListedAndNothingIsStored() {
        Written before = Written.now();
        String csv = HEADER
                + "ok,," + groupId + ",,,,,\r\n"
                + "bad channel,," + groupId + ",,0,,,\r\n"
                + ",,\"" + othersGroupId + "\",,,,,gif\r\n"
                + ",,,,,,,\r\n"
                + "\"a label\nover two lines\",," + groupId + ",,,,billboard,\r\n"
                + ",,aaaaaaaaaaaaa,,,,,\r\n";
        HttpCalls.Response r = upload(csv, "text/csv; charset=utf-8", null);
        assertEquals(422, r.status(), r.body());
        JsonNode error = r.json().path("error");
        assertEquals("invalid_rows", error.path("code").asText());
        assertEquals("body", error.path("field").asText());
        List<String> problems = new ArrayList<>();
        error.path("problems").forEach(p -> problems.add(p.path("line").asInt() + ":" + p.path("field").asText()
                + ":" + p.path("code").asText()));
        assertEquals(List.of("3:channel:invalid", "3:dailyScanLimit:invalid", "4:format:invalid",
                "5:groupId:required", "6:channel:invalid"), problems, "the file's own problems first; the stored ones once it reads well");
        assertEquals(before, Written.now(), "nothing stored for a refused file");

        // The file alone is fine, but its groups are another tenant's or nobody's.
        String wellFormed = HEADER
                + "ok,," + groupId + ",,,,,\r\n"
                + ",," + othersGroupId + ",,,,,\r\n"
                + "x,label," + groupId + ",,,,,\r\n"
                + ",,aaaaaaaaaaaaa,,,,,\r\n";
        r = upload(wellFormed, "text/csv", null);
        assertEquals(422, r.status(), r.body());
        List<String> stored = new ArrayList<>();
        r.json().path("error").path("problems").forEach(p -> stored.add(p.path("line").asInt() + ":"
                + p.path("field").asText() + ":" + p.path("code").asText()));
        assertEquals(List.of("3:groupId:not_found", "5:groupId:not_found"), stored);
        assertEquals(before, Written.now());
    }

    @Test
    void labelsAndChannelsGoThroughTheTenantsWordListAsNamesDo() {
        ApiTestbed.TestTenant filtered = ApiTestbed.newTenant(api, "Filtered Chain");
        String group = ApiTestbed.newGroup(api, filtered, "{\"name\":\"Members\"}");
        HttpCalls.Response list = api.call("PUT", "/v1/blocked-words", "{\"words\":[\"赌博\",\"casino\"]}",
                filtered.auth());
        assertEquals(200, list.status(), list.body());
        Map<String, String> headers = new HashMap<>(filtered.auth());
        headers.put("content-type", "text/csv");
        String csv = HEADER
                + "ok,门店," + group + ",,,,,\r\n"
                + "ok,赌 博 店," + group + ",,,,,\r\n"
                + "CASINO-1,," + group + ",,,,,\r\n";
        Written before = Written.now();
        HttpCalls.Response r = api.exact("POST", "/v1/batches", csv.getBytes(StandardCharsets.UTF_8), false, headers);
        assertEquals(422, r.status(), r.body());
        List<String> problems = new ArrayList<>();
        r.json().path("error").path("problems").forEach(p -> problems.add(p.path("line").asInt() + ":"
                + p.path("field").asText() + ":" + p.path("code").asText()));
        assertEquals(List.of("3:label:content_blocked", "4:channel:content_blocked"), problems);
        assertFalse(r.body().contains("赌博") || r.body().toLowerCase(java.util.Locale.ROOT).contains("casino"),
                "the word is never named");
        assertEquals(before, Written.now());
    }

    @Test
    void aGoodFileIsQueuedAndItsProgressReadBack() {
        HttpCalls.Response r = upload(rows(3), "text/csv", null);
        assertEquals(202, r.status(), r.body());
        assertEquals("queued", r.text("status"));
        assertEquals(3, r.json().path("total").asInt());
        HttpCalls.Response got = api.get("/v1/batches/" + r.text("batchId"), tenant.auth());
        assertEquals(200, got.status(), got.body());
        assertEquals(0, got.json().path("done").asInt());
        assertEquals(3, got.json().path("total").asInt());
        assertFalse(got.json().has("zipUrl"), "no ZIP before the worker made it");
        assertEquals(404, api.get("/v1/batches/" + r.text("batchId"), other.auth()).status(),
                "another tenant's batch is not found");
    }

    @Test
    void theSameKeyAndFileAreTheSameBatchAndAnotherFileUnderTheKeyIsRefused() {
        String key = UUID.randomUUID().toString();
        HttpCalls.Response first = upload(rows(2), "text/csv", key);
        assertEquals(202, first.status(), first.body());
        Written after = Written.now();
        HttpCalls.Response again = upload(rows(2), "text/csv", key);
        assertEquals(202, again.status(), again.body());
        assertEquals(first.text("batchId"), again.text("batchId"));
        assertEquals(after, Written.now(), "a retried upload stores nothing new");
        HttpCalls.Response changed = upload(rows(3), "text/csv", key);
        assertEquals(422, changed.status(), changed.body());
        assertEquals("idempotency_key_reused", changed.errorCode());
        assertEquals("Idempotency-Key", changed.json().path("error").path("field").asText());
        HttpCalls.Response fresh = upload(rows(2), "text/csv", UUID.randomUUID().toString());
        assertNotEquals(first.text("batchId"), fresh.text("batchId"), "another key is another batch");
    }

    @Test
    void aBodyThatIsNotCsvIsRefusedNamingTheContentType() {
        Written before = Written.now();
        for (String type : List.of("application/json", "text/plain", "text/csv; charset=gbk")) {
            HttpCalls.Response r = upload(rows(1), type, null);
            assertEquals(415, r.status(), type + ": " + r.body());
            assertEquals("content-type", r.json().path("error").path("field").asText());
        }
        HttpCalls.Response badKey = upload(rows(1), "text/csv", "with space");
        assertEquals(400, badKey.status(), badKey.body());
        assertEquals("Idempotency-Key", badKey.json().path("error").path("field").asText());
        assertEquals(before, Written.now());
    }

    @Test
    void aBatchOfMoreThanFiveThousandRowsIsRefusedWithTheLineItStopsAt() {
        HttpCalls.Response r = upload(rows(5_001), "text/csv", null);
        assertEquals(422, r.status());
        JsonNode problem = r.json().path("error").path("problems").get(0);
        assertEquals(5_002, problem.path("line").asInt());
        assertEquals("too_many_rows", problem.path("code").asText());
        assertTrue(r.json().path("error").path("problems").size() == 1);
    }
}
