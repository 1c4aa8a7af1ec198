package com.groupgate.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.groupgate.analytics.Fact;
import com.groupgate.analytics.FactType;
import com.groupgate.analytics.ShardRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamFactsTest {
    private static final Instant AT = Instant.parse("2026-11-26T03:15:00Z");
    private static final String TENANT = "tenantoneaaaa";
    private final FakeStream stream = new FakeStream("arn:stream");

    private List<DynamodbStreamRecord> records() {
        return stream.records();
    }

    private static Fact fact(DynamodbStreamRecord r) {
        return assertInstanceOf(ShardRecord.Decoded.class, StreamFacts.decode(r).orElseThrow()).fact();
    }

    /** Why the stream's {@code index}th record is poison. */
    private String poisonReason(int index) {
        return assertInstanceOf(ShardRecord.Poison.class, StreamFacts.decode(records().get(index)).orElseThrow()).reason();
    }

    @Test
    void aCountedScanTakesItsOutcomeFromTheNewImage() {
        stream.scan(TestFact.scan("s1", AT, TENANT, "c1", "g1", "web"), 1);
        stream.scan(TestFact.scan("s2", AT.plusSeconds(1), TENANT, "c1", "g1", "web"), 1);
        Fact first = fact(records().get(0));
        assertEquals(Fact.ACCEPTED, first.outcome());
        assertEquals(FactType.SCAN, first.type());
        assertEquals(AT, first.at());
        assertEquals("web", first.channel().value());
        assertEquals("CN-SH", first.region());
        assertEquals("daily_limit", fact(records().get(1)).outcome());
    }

    @Test
    void revokeAndRefreshOfACodeAreNotNewFacts() {
        stream.scan(TestFact.scan("s1", AT, TENANT, "c1", "g1", null), 5);
        stream.setStatus("c1", "revoked");
        stream.setStatus("c1", "superseded");
        assertTrue(StreamFacts.decode(records().get(1)).isEmpty());
        assertTrue(StreamFacts.decode(records().get(2)).isEmpty());
    }

    @Test
    void refusalsAndJoinsCarryTheirOwnOutcome() {
        TestFact f = TestFact.scan("r1", AT, TENANT, "c1", "g1", null);
        stream.refusal(f, "geo_blocked");
        stream.join(TestFact.scan("j1", AT, TENANT, "c1", "g1", null));
        assertEquals("geo_blocked", fact(records().get(0)).outcome());
        Fact join = fact(records().get(1));
        assertEquals(FactType.JOIN, join.type());
        assertEquals(Fact.JOINED, join.outcome());
    }

    @Test
    void ttlRemovalsAndItemsWithoutAFactAreIgnored() {
        TestFact f = TestFact.scan("r1", AT, TENANT, "c1", "g1", null);
        stream.refusal(f, "expired");
        stream.ttlRemove(f);
        assertTrue(StreamFacts.decode(records().get(1)).isEmpty());
        DynamodbStreamRecord noFact = records().get(0).clone();
        noFact.getDynamodb().setNewImage(new java.util.HashMap<>(noFact.getDynamodb().getNewImage()));
        noFact.getDynamodb().getNewImage().remove("fact");
        assertTrue(StreamFacts.decode(noFact).isEmpty());
    }

    @Test
    void unknownGeoCountsAsUnknownRatherThanPoison() {
        stream.refusal(TestFact.scan("r1", AT, TENANT, "c1", "g1", null).where(null, null, null), "expired");
        Fact f = fact(records().get(0));
        assertEquals(StreamFacts.UNKNOWN, f.country());
        assertEquals(StreamFacts.UNKNOWN, f.region());
        assertEquals(Fact.UNKNOWN_CITY, f.cityBucket());
    }

    @Test
    void aFactThatDoesNotDecodeIsPoisonNamingWhy() {
        stream.poison("p1");
        stream.refusal(TestFact.scan("r2", AT, TENANT, "c1", "g1", null).agent("fridge", "ios", "none"), "expired");
        String badTime = poisonReason(0);
        assertTrue(badTime.contains("NumberFormatException"), badTime);
        String badDevice = poisonReason(1);
        assertTrue(badDevice.contains("device"), badDevice);
    }

    @Test
    void aFactWhoseTenantOrChannelIsNotOneIsPoisonNamingWhich() {
        stream.refusal(TestFact.scan("r3", AT, "t1", "c1", "g1", null), "expired");
        stream.refusal(TestFact.scan("r4", AT, TENANT, "c1", "g1", "has space"), "expired");
        String badTenant = poisonReason(0);
        assertTrue(badTenant.contains("tenantId"), badTenant);
        String badChannel = poisonReason(1);
        assertTrue(badChannel.contains("channel"), badChannel);
    }
}
