package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Channel attribution end to end, as a tenant sees it through {@code make run}: real scans
 * and joins on group codes and a live code over three channels travel the MainTable
 * stream through the poller into the real aggregate handler, and
 * {@code GET /v1/stats?groupBy=channel} reports the scans, joins and conversion this test
 * counted on its own.
 */
class ChannelConversionIT {
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

    private static JsonNode call(String method, String path, String body, String key) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path)).header("accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            r.header("authorization", "Bearer " + key);
        }
        if (body != null) {
            r.header("content-type", "application/json"); // JSON routes answer 415 to any other body
        }
        HttpResponse<String> response = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = MAPPER.readTree(response.body());
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("_status", response.statusCode());
        return json;
    }

    /** The path part of a scan URL: {@code /S/<token>}. */
    private static String path(JsonNode code) {
        String url = code.path("scanUrl").asText();
        return url.substring(url.indexOf("/S/"));
    }

    private record Expected(long scans, long accepted, long joins) {
        Expected plus(long s, long a, long j) {
            return new Expected(scans + s, accepted + a, joins + j);
        }
    }

    @Test
    void channelScansJoinsAndConversionMatchWhatHappened() throws Exception {
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS);
        String key = call("POST", "/v1/tenants", "{\"name\":\"Channels\"}", "test-admin-key").path("apiKey").asText();
        String groupA = call("POST", "/v1/groups", "{\"name\":\"A\",\"capacity\":100}", key).path("groupId").asText();
        String groupB = call("POST", "/v1/groups", "{\"name\":\"B\",\"capacity\":100}", key).path("groupId").asText();
        JsonNode campus = call("POST", "/v1/groups/" + groupA + "/codes", "{\"channel\":\"campus\",\"dailyScanLimit\":5}", key);
        JsonNode store = call("POST", "/v1/groups/" + groupB + "/codes", "{\"channel\":\"store\"}", key);
        JsonNode poster = call("POST", "/v1/live-codes",
                "{\"name\":\"Poster\",\"groupIds\":[\"" + groupA + "\",\"" + groupB + "\"],\"channel\":\"ad\"}", key);
        Map<String, Expected> truth = new HashMap<>();

        // campus: 7 scans against a cap of 5 (2 refused), 3 joins.
        int joined = 0;
        for (int i = 0; i < 7; i++) {
            JsonNode scan = call("GET", path(campus), null, null);
            boolean accepted = scan.path("_status").asInt() == 200;
            truth.merge("campus", new Expected(1, accepted ? 1 : 0, 0), (a, b) -> a.plus(b.scans, b.accepted, b.joins));
            if (accepted && joined < 3) {
                JsonNode join = call("POST", path(campus) + "/join",
                        "{\"joinTicket\":\"" + scan.path("joinTicket").asText() + "\",\"memberRef\":\"c" + i + "\"}", null);
                assertEquals(200, join.path("_status").asInt(), join.toString());
                truth.merge("campus", new Expected(0, 0, 1), (a, b) -> a.plus(b.scans, b.accepted, b.joins));
                joined++;
            }
        }
        // store: 4 scans, 1 join.
        for (int i = 0; i < 4; i++) {
            JsonNode scan = call("GET", path(store), null, null);
            assertEquals(200, scan.path("_status").asInt(), scan.toString());
            truth.merge("store", new Expected(1, 1, 0), (a, b) -> a.plus(b.scans, b.accepted, b.joins));
            if (i == 0) {
                call("POST", path(store) + "/join", "{\"joinTicket\":\"" + scan.path("joinTicket").asText() + "\"}", null);
                truth.merge("store", new Expected(0, 0, 1), (a, b) -> a.plus(b.scans, b.accepted, b.joins));
            }
        }
        // ad (the live code): 5 scans, 5 joins.
        for (int i = 0; i < 5; i++) {
            JsonNode scan = call("GET", path(poster), null, null);
            assertEquals(200, scan.path("_status").asInt(), scan.toString());
            JsonNode join = call("POST", path(poster) + "/join",
                    "{\"joinTicket\":\"" + scan.path("joinTicket").asText() + "\",\"memberRef\":\"p" + i + "\"}", null);
            assertEquals(200, join.path("_status").asInt(), join.toString());
            truth.merge("ad", new Expected(1, 1, 1), (a, b) -> a.plus(b.scans, b.accepted, b.joins));
        }

        String query = "/v1/stats?groupBy=channel&from=" + from + "&to=" + from.plus(Duration.ofHours(2));
        Map<String, Expected> reported = new HashMap<>();
        Eventually.await(Duration.ofSeconds(30), "channel stats equal to what happened", () -> {
            try {
                reported.clear();
                for (JsonNode row : call("GET", query, null, key).path("rows")) {
                    reported.put(row.path("key").asText(), new Expected(row.path("scans").asLong(),
                            row.path("accepted").asLong(), row.path("joins").asLong()));
                }
                return reported.equals(truth);
            } catch (Exception e) {
                return false;
            }
        });
        for (JsonNode row : call("GET", query, null, key).path("rows")) {
            Expected e = truth.get(row.path("key").asText());
            double conversion = e.accepted() == 0 ? 0 : Math.round(10_000.0 * e.joins() / e.accepted()) / 10_000.0;
            assertEquals(conversion, row.path("conversionRate").asDouble(), 1e-9, row.toString());
        }
    }
}
