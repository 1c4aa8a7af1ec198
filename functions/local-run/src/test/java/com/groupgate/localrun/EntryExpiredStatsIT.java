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
 * A scan refused because the group's entry expired reaches the stats as an
 * {@code entry_expired} refusal, through the stream and the real aggregate function, as
 * {@code make run} runs them.
 */
class EntryExpiredStatsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static LocalGroupGate local;
    private static URI base;

    @BeforeAll
    static void start() {
        local = RecordedStack.builder().adminKey("test-admin-key").build();
        base = local.start(0);
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void aScanOfAGroupWhoseEntryExpiredIsCountedAsEntryExpired() throws Exception {
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS);
        String key = call("POST", "/v1/tenants", "{\"name\":\"Expiring entry\"}", "test-admin-key").path("apiKey").asText();
        String groupId = call("POST", "/v1/groups", "{\"name\":\"Short-lived\"}", key).path("groupId").asText();
        Instant expiry = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        JsonNode patched = call("PATCH", "/v1/groups/" + groupId, "{\"entry\":{\"type\":\"link\",\"url\":"
                + "\"https://chat.whatsapp.com/ShortLived\",\"expiresAt\":\"" + expiry + "\"}}", key);
        assertEquals(200, patched.path("_status").asInt(), patched.toString());
        JsonNode code = call("POST", "/v1/groups/" + groupId + "/codes", "{}", key);
        String path = code.path("scanUrl").asText().substring(code.path("scanUrl").asText().indexOf("/S/"));

        assertEquals(200, call("GET", path, null, null).path("_status").asInt());
        while (!Instant.now().isAfter(expiry)) {
            Thread.sleep(100);
        }
        JsonNode refused = call("GET", path, null, null);
        assertEquals(409, refused.path("_status").asInt(), refused.toString());
        assertEquals("entry_expired", refused.path("error").path("code").asText());

        String stats = "/v1/codes/" + code.path("codeId").asText() + "/stats?from=" + from + "&to="
                + from.plus(Duration.ofHours(2));
        Eventually.await(Duration.ofSeconds(60), "two scans, one refused as entry_expired", () -> {
            JsonNode totals = call("GET", stats, null, key).path("totals");
            return totals.path("scans").asLong() == 2 && totals.path("refused").path("entry_expired").asLong() == 1;
        });
        JsonNode totals = call("GET", stats, null, key).path("totals");
        assertEquals(1, totals.path("accepted").asLong(), totals.toString());
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
