package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A scan refused because the group's entry expired reaches the stats as an
 * {@code entry_expired} refusal, through the stream and the real aggregate function, as
 * {@code make run} runs them.
 */
class EntryExpiredStatsIT {
    @RegisterExtension
    static final StatsStack STACK = new StatsStack();

    @Test
    void aScanOfAGroupWhoseEntryExpiredIsCountedAsEntryExpired() throws Exception {
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS);
        String key = STACK.tenant("Expiring entry");
        String groupId = STACK.call("POST", "/v1/groups", "{\"name\":\"Short-lived\"}", key).path("groupId").asText();
        Instant expiry = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        JsonNode patched = STACK.call("PATCH", "/v1/groups/" + groupId, "{\"entry\":{\"type\":\"link\",\"url\":"
                + "\"https://chat.whatsapp.com/ShortLived\",\"expiresAt\":\"" + expiry + "\"}}", key);
        assertEquals(200, patched.path("_status").asInt(), patched.toString());
        JsonNode code = STACK.call("POST", "/v1/groups/" + groupId + "/codes", "{}", key);

        assertEquals(200, STACK.scan(code).path("_status").asInt());
        Eventually.await(Duration.ofSeconds(30), "the entry's expiry passed", () -> Instant.now().isAfter(expiry));
        JsonNode refused = STACK.scan(code);
        assertEquals(409, refused.path("_status").asInt(), refused.toString());
        assertEquals("entry_expired", refused.path("error").path("code").asText());

        String stats = "/v1/codes/" + code.path("codeId").asText() + "/stats?from=" + from + "&to="
                + from.plus(Duration.ofHours(2));
        Eventually.await(Duration.ofSeconds(60), "two scans, one refused as entry_expired", () -> {
            JsonNode totals = STACK.call("GET", stats, null, key).path("totals");
            return totals.path("scans").asLong() == 2 && totals.path("refused").path("entry_expired").asLong() == 1;
        });
        JsonNode totals = STACK.call("GET", stats, null, key).path("totals");
        assertEquals(1, totals.path("accepted").asLong(), totals.toString());
    }
}
