package com.groupgate.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.groupgate.code.Channel;
import com.groupgate.scan.ClientContext;
import com.groupgate.scan.DeviceClass;
import com.groupgate.scan.InApp;
import com.groupgate.scan.Os;
import com.groupgate.scan.UserAgentClass;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a scan or join records, and how a counted scan's outcome is decided — the same rule the scan path answers by. */
class RecordedFactTest {
    private static final RecordedFact.Origin ORIGIN = new RecordedFact.Origin(Instant.parse("2026-12-02T08:00:00Z"),
            new ClientContext(null, "CN", "CN-GD", "Shenzhen", null),
            new UserAgentClass(DeviceClass.PHONE, Os.ANDROID, InApp.WECHAT), "hash");

    private static RecordedFact counted(int cap) {
        return RecordedFact.scan(ORIGIN, Facts.TENANT1).code("code").group("group").counted("2026-12-02", cap);
    }

    @Test
    void anExplicitOutcomeWinsOverTheCountedItem() {
        RecordedFact refused = RecordedFact.scan(ORIGIN, Facts.TENANT1).code("code").outcome("geo_blocked").build();
        assertEquals("geo_blocked", refused.decide("active", 1L));
        assertEquals("joined", RecordedFact.join(ORIGIN, Facts.TENANT1).group("group").build().decide(null, null));
    }

    @Test
    void aScanUpToTheCapIsAcceptedAndOneOverIsDailyLimit() {
        assertEquals("accepted", counted(3).decide("active", 1L));
        assertEquals("accepted", counted(3).decide("active", 3L));
        assertEquals("daily_limit", counted(3).decide("active", 4L));
    }

    @Test
    void anInactiveCodeGivesItsStatusWhateverTheCounter() {
        assertEquals("revoked", counted(3).decide("revoked", 1L));
        assertEquals("superseded", counted(3).decide("superseded", 9L));
    }

    @Test
    void aCountedScanWithoutStatusOrCounterCannotBeDecided() {
        assertThrows(IllegalArgumentException.class, () -> counted(3).decide(null, 1L));
        assertThrows(IllegalArgumentException.class, () -> counted(3).decide("active", null));
    }

    @Test
    void aFactNeedsAnOutcomeOrTheCountThatDecidesIt() {
        assertThrows(IllegalArgumentException.class, () -> RecordedFact.scan(ORIGIN, Facts.TENANT1).build());
        RecordedFact decided = counted(5).withOutcome("expired");
        assertEquals("expired", decided.outcome());
        assertNull(decided.countedOn());
        assertNull(decided.cap());
    }

    @Test
    void everyFactGetsItsOwnIdAndTheRequestsOrigin() {
        RecordedFact a = counted(5);
        RecordedFact b = counted(5);
        assertNotEquals(a.factId(), b.factId());
        assertEquals("CN-GD", a.region());
        assertEquals("phone", a.device());
        assertEquals("wechat", a.app());
        assertEquals("hash", a.ipHash());
    }

    @Test
    void theCountedFactCarriesEveryRecordedFieldWithTheDecidedOutcome() {
        RecordedFact recorded = RecordedFact.scan(ORIGIN, Facts.TENANT1).code("code").group("group").liveCode("live")
                .channel(Channel.of("poster")).counted("2026-12-02", 3);
        Fact fact = recorded.toFact("accepted", "unknown");
        assertEquals(new Fact(recorded.factId(), FactType.SCAN, ORIGIN.at(), "accepted", Facts.TENANT1, "code", "group",
                "live", Channel.of("poster"), "CN", "CN-GD", "Shenzhen", "phone", "android", "wechat", "hash"), fact);
    }

    @Test
    void aScanFromAnUnknownPlaceCountsThereAndAJoinKeepsItsPlaceAsRecorded() {
        RecordedFact.Origin unplaced = new RecordedFact.Origin(ORIGIN.at(),
                new ClientContext(null, null, null, null, null), ORIGIN.agent(), null);
        Fact scan = RecordedFact.scan(unplaced, Facts.TENANT1).code("code").outcome("expired").build()
                .toFact("expired", "unknown");
        assertEquals("unknown", scan.country());
        assertEquals("unknown", scan.region());
        assertNull(scan.city());
        Fact join = RecordedFact.join(unplaced, Facts.TENANT1).group("group").build().toFact("joined", "unknown");
        assertNull(join.country());
        assertNull(join.region());
    }

    @Test
    void aFactNoRollupCouldCountIsRefusedWhenCounted() {
        assertThrows(IllegalArgumentException.class, () -> counted(3).toFact("maybe", "unknown"));
    }
}
