package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A chain sees its stores, end to end through {@code make run}: scans and joins on two
 * labelled group codes (one label with a space and a {@code '#'}, one in Chinese), a code
 * without a label and a live code travel the MainTable stream into the real aggregate, and
 * {@code GET /v1/stats?groupBy=label} reports per label exactly what this test counted,
 * the unlabelled code and the live code together in the row whose key is null; paging one
 * row at a time walks the same rows; {@code groupId} keeps the rows to the group.
 */
class LabelStatsIT {
    @RegisterExtension
    static final StatsStack STACK = new StatsStack();
    private static final String NONE = "<null>";

    private record Counts(long scans, long accepted, long joins) {
        Counts plus(Counts o) {
            return new Counts(scans + o.scans, accepted + o.accepted, joins + o.joins);
        }
    }

    /** {@code scans} accepted scans of {@code code}, the first {@code joins} of them joined. */
    private static void scanAndJoin(JsonNode code, int scans, int joins, String label, Map<String, Counts> truth)
            throws Exception {
        for (int i = 0; i < scans; i++) {
            JsonNode scan = STACK.scan(code);
            assertEquals(200, scan.path("_status").asInt(), scan.toString());
            truth.merge(label, new Counts(1, 1, 0), Counts::plus);
            if (i < joins) {
                JsonNode join = STACK.join(code, scan, "m" + label.hashCode() + i);
                assertEquals(200, join.path("_status").asInt(), join.toString());
                truth.merge(label, new Counts(0, 0, 1), Counts::plus);
            }
        }
    }

    private static Map<String, Counts> rows(JsonNode page) {
        Map<String, Counts> out = new HashMap<>();
        for (JsonNode row : page.path("rows")) {
            out.put(row.path("key").isNull() ? NONE : row.path("key").asText(), new Counts(row.path("scans").asLong(),
                    row.path("accepted").asLong(), row.path("joins").asLong()));
        }
        return out;
    }

    @Test
    void statsByLabelEqualTheScansAndJoinsOfEachLabelledCode() throws Exception {
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS);
        String key = STACK.tenant("Chain");
        String group = STACK.call("POST", "/v1/groups", "{\"name\":\"Members\",\"capacity\":100}", key)
                .path("groupId").asText();
        String storeOne = "Store #1 Main St";
        String storeTwo = "徐汇漕溪北路店";
        JsonNode one = STACK.call("POST", "/v1/groups/" + group + "/codes", "{\"label\":\"" + storeOne + "\"}", key);
        assertEquals(storeOne, one.path("label").asText(), one.toString());
        JsonNode two = STACK.call("POST", "/v1/groups/" + group + "/codes",
                "{\"label\":\"" + storeTwo + "\",\"channel\":\"poster\"}", key);
        assertEquals(storeTwo, two.path("label").asText(), two.toString());
        JsonNode plain = STACK.call("POST", "/v1/groups/" + group + "/codes", "{}", key);
        JsonNode live = STACK.call("POST", "/v1/live-codes", "{\"name\":\"Pool\",\"groupIds\":[\"" + group + "\"]}", key);
        Map<String, Counts> truth = new HashMap<>();
        scanAndJoin(one, 3, 1, storeOne, truth);
        scanAndJoin(two, 5, 2, storeTwo, truth);
        scanAndJoin(plain, 2, 0, NONE, truth);
        scanAndJoin(live, 1, 1, NONE, truth);

        String query = "/v1/stats?groupBy=label&from=" + from + "&to=" + from.plus(Duration.ofHours(2));
        Map<String, Counts> reported = new HashMap<>();
        Eventually.await(Duration.ofSeconds(30), "label stats equal to what happened", () -> {
            try {
                reported.clear();
                reported.putAll(rows(STACK.call("GET", query, null, key)));
                return reported.equals(truth);
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(truth, reported);

        Map<String, Counts> paged = new HashMap<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = STACK.call("GET", query + "&limit=1" + (cursor == null ? ""
                    : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), null, key);
            assertEquals(200, page.path("_status").asInt(), page.toString());
            paged.putAll(rows(page));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(truth, paged);

        // Every code here, the live code's too, routes to one group: its own label rows are the same.
        // (The aggregate writes a batch's items one after another: poll until the last is in.)
        Map<String, Counts> ofGroup = new HashMap<>();
        Eventually.await(Duration.ofSeconds(30), "the group's label stats equal to what happened", () -> {
            try {
                ofGroup.clear();
                ofGroup.putAll(rows(STACK.call("GET", query + "&groupId=" + group, null, key)));
                return ofGroup.equals(truth);
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(truth, ofGroup);
        String other = STACK.call("POST", "/v1/groups", "{\"name\":\"Other region\"}", key).path("groupId").asText();
        JsonNode ofOther = STACK.call("GET", query + "&groupId=" + other, null, key);
        assertEquals(Map.of(), rows(ofOther), "another group of the chain has no stores counted");
    }
}
