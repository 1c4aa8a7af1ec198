package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cancelled transaction leaves no trace, on DynamoDB and locally: a join refused because
 * the group is full is a cancelled TransactWriteItems, which DynamoDB never streams, and the
 * stream's iterators stay valid. Once the local emulator streamed the cancelled join (stats
 * showed two joins) and moved later records to a copy of the table that no iterator read
 * (the next scans never reached the stats, for good).
 */
class RefusedJoinStatsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static LocalGroupGate local;
    private static URI base;

    @BeforeAll
    static void start() {
        // Joins are posted without x-amz-content-sha256, as the landing page still does.
        local = RecordedStack.builder().adminKey("test-admin-key").originSecret("test-origin-secret")
                .requireContentSha256(false).build();
        base = local.start(0);
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void aRefusedJoinIsNotCountedAndLaterScansKeepReachingTheStats() throws Exception {
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS);
        String key = call("POST", "/v1/tenants", "{\"name\":\"One seat\"}", "test-admin-key").path("apiKey").asText();
        String groupId = call("POST", "/v1/groups", "{\"name\":\"One seat\",\"capacity\":1}", key)
                .path("groupId").asText();
        JsonNode code = call("POST", "/v1/groups/" + groupId + "/codes", "{}", key);
        String path = code.path("scanUrl").asText().substring(code.path("scanUrl").asText().indexOf("/S/"));
        String stats = "/v1/codes/" + code.path("codeId").asText() + "/stats?from=" + from + "&to="
                + from.plus(Duration.ofHours(2));

        assertEquals(200, join(path, "first").path("_status").asInt());
        JsonNode refused = join(path, "second");
        assertEquals(409, refused.path("_status").asInt(), refused.toString());
        assertEquals("group_full", refused.path("error").path("code").asText());
        assertEquals(200, call("GET", path, null, null).path("_status").asInt());
        awaitTotals(stats, key, 3, 1);

        // The stream keeps moving: one more scan is counted too.
        assertEquals(200, call("GET", path, null, null).path("_status").asInt());
        awaitTotals(stats, key, 4, 1);
    }

    /** A scan, then a join with its ticket as {@code memberRef}. */
    private static JsonNode join(String path, String memberRef) throws Exception {
        JsonNode scan = call("GET", path, null, null);
        assertEquals(200, scan.path("_status").asInt(), scan.toString());
        return call("POST", path + "/join", "{\"joinTicket\":\"" + scan.path("joinTicket").asText()
                + "\",\"memberRef\":\"" + memberRef + "\"}", null);
    }

    private static void awaitTotals(String stats, String key, long scans, long joins) {
        Eventually.await(Duration.ofSeconds(30), scans + " scans and " + joins + " join in the stats", () -> {
            JsonNode totals = call("GET", stats, null, key).path("totals");
            return totals.path("scans").asLong() == scans && totals.path("accepted").asLong() == scans
                    && totals.path("joins").asLong() == joins;
        });
        // Exact, not just reached: nothing more arrives once the poller is quiet.
        Eventually.await(Duration.ofSeconds(30), "the stream poller quiet", () -> local.streamIdleFor(Duration.ofSeconds(1)));
        JsonNode totals = call("GET", stats, null, key).path("totals");
        assertEquals(scans, totals.path("scans").asLong(), totals.toString());
        assertEquals(joins, totals.path("joins").asLong(), totals.toString());
    }

    private static JsonNode call(String method, String path, String body, String key) {
        try {
            HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path)).header("accept", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (key != null) {
                r.header("authorization", "Bearer " + key);
            }
            if (body != null) {
                r.header("content-type", "application/json"); // JSON routes answer 415 to any other body
            }
            HttpResponse<String> response = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
            ObjectNode json = (ObjectNode) MAPPER.readTree(response.body());
            json.put("_status", response.statusCode());
            return json;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
