package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A cancelled transaction leaves no trace, on DynamoDB and locally: a join refused because
 * the group is full is a cancelled TransactWriteItems, which DynamoDB never streams, and the
 * stream's iterators stay valid. Once the local emulator streamed the cancelled join (stats
 * showed two joins) and moved later records to a copy of the table that no iterator read
 * (the next scans never reached the stats, for good).
 */
class RefusedJoinStatsIT {
    @RegisterExtension
    static final StatsStack STACK = new StatsStack();

    @Test
    void aRefusedJoinIsNotCountedAndLaterScansKeepReachingTheStats() throws Exception {
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS);
        String key = STACK.tenant("One seat");
        String groupId = STACK.call("POST", "/v1/groups", "{\"name\":\"One seat\",\"capacity\":1}", key)
                .path("groupId").asText();
        JsonNode code = STACK.call("POST", "/v1/groups/" + groupId + "/codes", "{}", key);
        String stats = "/v1/codes/" + code.path("codeId").asText() + "/stats?from=" + from + "&to="
                + from.plus(Duration.ofHours(2));

        assertEquals(200, join(code, "first").path("_status").asInt());
        JsonNode refused = join(code, "second");
        assertEquals(409, refused.path("_status").asInt(), refused.toString());
        assertEquals("group_full", refused.path("error").path("code").asText());
        assertEquals(200, STACK.scan(code).path("_status").asInt());
        awaitTotals(stats, key, 3, 1);

        // The stream keeps moving: one more scan is counted too.
        assertEquals(200, STACK.scan(code).path("_status").asInt());
        awaitTotals(stats, key, 4, 1);
    }

    /** A scan, then a join with its ticket as {@code memberRef}. */
    private static JsonNode join(JsonNode code, String memberRef) {
        JsonNode scan = STACK.scan(code);
        assertEquals(200, scan.path("_status").asInt(), scan.toString());
        return STACK.join(code, scan, memberRef);
    }

    private static void awaitTotals(String stats, String key, long scans, long joins) {
        Eventually.await(Duration.ofSeconds(30), scans + " scans and " + joins + " join in the stats", () -> {
            JsonNode totals = STACK.call("GET", stats, null, key).path("totals");
            return totals.path("scans").asLong() == scans && totals.path("accepted").asLong() == scans
                    && totals.path("joins").asLong() == joins;
        });
        // Exact, not just reached: nothing more arrives once the poller is quiet.
        STACK.awaitStreamQuiet();
        JsonNode totals = STACK.call("GET", stats, null, key).path("totals");
        assertEquals(scans, totals.path("scans").asLong(), totals.toString());
        assertEquals(joins, totals.path("joins").asLong(), totals.toString());
    }
}
