package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Channel attribution end to end, as a tenant sees it through {@code make run}: real scans
 * and joins on group codes and a live code over three channels travel the MainTable
 * stream through the poller into the real aggregate handler, and
 * {@code GET /v1/stats?groupBy=channel} reports the scans, joins and conversion this test
 * counted on its own.
 */
class ChannelConversionIT {
    @RegisterExtension
    static final StatsStack STACK = new StatsStack();

    private record Expected(long scans, long accepted, long joins) {
        Expected plus(long s, long a, long j) {
            return new Expected(scans + s, accepted + a, joins + j);
        }
    }

    @Test
    void channelScansJoinsAndConversionMatchWhatHappened() throws Exception {
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS);
        String key = STACK.tenant("Channels");
        String groupA = STACK.call("POST", "/v1/groups", "{\"name\":\"A\",\"capacity\":100}", key).path("groupId").asText();
        String groupB = STACK.call("POST", "/v1/groups", "{\"name\":\"B\",\"capacity\":100}", key).path("groupId").asText();
        JsonNode campus = STACK.call("POST", "/v1/groups/" + groupA + "/codes",
                "{\"channel\":\"campus\",\"dailyScanLimit\":5}", key);
        JsonNode store = STACK.call("POST", "/v1/groups/" + groupB + "/codes", "{\"channel\":\"store\"}", key);
        JsonNode poster = STACK.call("POST", "/v1/live-codes",
                "{\"name\":\"Poster\",\"groupIds\":[\"" + groupA + "\",\"" + groupB + "\"],\"channel\":\"ad\"}", key);
        Map<String, Expected> truth = new HashMap<>();

        // campus: 7 scans against a cap of 5 (2 refused), 3 joins.
        int joined = 0;
        for (int i = 0; i < 7; i++) {
            JsonNode scan = STACK.scan(campus);
            boolean accepted = scan.path("_status").asInt() == 200;
            truth.merge("campus", new Expected(1, accepted ? 1 : 0, 0), (a, b) -> a.plus(b.scans, b.accepted, b.joins));
            if (accepted && joined < 3) {
                JsonNode join = STACK.join(campus, scan, "c" + i);
                assertEquals(200, join.path("_status").asInt(), join.toString());
                truth.merge("campus", new Expected(0, 0, 1), (a, b) -> a.plus(b.scans, b.accepted, b.joins));
                joined++;
            }
        }
        // store: 4 scans, 1 join.
        for (int i = 0; i < 4; i++) {
            JsonNode scan = STACK.scan(store);
            assertEquals(200, scan.path("_status").asInt(), scan.toString());
            truth.merge("store", new Expected(1, 1, 0), (a, b) -> a.plus(b.scans, b.accepted, b.joins));
            if (i == 0) {
                STACK.join(store, scan, null);
                truth.merge("store", new Expected(0, 0, 1), (a, b) -> a.plus(b.scans, b.accepted, b.joins));
            }
        }
        // ad (the live code): 5 scans, 5 joins.
        for (int i = 0; i < 5; i++) {
            JsonNode scan = STACK.scan(poster);
            assertEquals(200, scan.path("_status").asInt(), scan.toString());
            JsonNode join = STACK.join(poster, scan, "p" + i);
            assertEquals(200, join.path("_status").asInt(), join.toString());
            truth.merge("ad", new Expected(1, 1, 1), (a, b) -> a.plus(b.scans, b.accepted, b.joins));
        }

        String query = "/v1/stats?groupBy=channel&from=" + from + "&to=" + from.plus(Duration.ofHours(2));
        Map<String, Expected> reported = new HashMap<>();
        Eventually.await(Duration.ofSeconds(30), "channel stats equal to what happened", () -> {
            try {
                reported.clear();
                for (JsonNode row : STACK.call("GET", query, null, key).path("rows")) {
                    reported.put(row.path("key").asText(), new Expected(row.path("scans").asLong(),
                            row.path("accepted").asLong(), row.path("joins").asLong()));
                }
                return reported.equals(truth);
            } catch (Exception e) {
                return false;
            }
        });
        for (JsonNode row : STACK.call("GET", query, null, key).path("rows")) {
            Expected e = truth.get(row.path("key").asText());
            double conversion = e.accepted() == 0 ? 0 : Math.round(10_000.0 * e.joins() / e.accepted()) / 10_000.0;
            assertEquals(conversion, row.path("conversionRate").asDouble(), 1e-9, row.toString());
        }
    }
}
