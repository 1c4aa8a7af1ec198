package com.groupgate.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class FactTest {

    @Test
    void factsThatNoRollupCouldCountAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Facts.scan().outcome("joined").build());
        assertThrows(IllegalArgumentException.class, () -> Facts.scan().outcome("not_found").build());
        assertThrows(IllegalArgumentException.class, () -> Facts.join().outcome("accepted").build());
        assertThrows(IllegalArgumentException.class, () -> Facts.scan().device("watch").build());
        assertThrows(IllegalArgumentException.class, () -> Facts.scan().code("a#b").build());
        assertThrows(NullPointerException.class, () -> Facts.scan().country(null).build());
    }

    @Test
    void joinsNeedNoScannerDetails() {
        Fact join = new Fact("f1", FactType.JOIN, Instant.EPOCH, "joined", Facts.TENANT1, "c1", "g1", null, null,
                null, null, null, null, null, null, null);
        assertTrue(join.isJoin());
    }

    @Test
    void missingChannelAndCityHaveTheirOwnBuckets() {
        Fact fact = Facts.scan().channel(null).city(null).build();
        assertEquals("(none)", fact.channelBucket());
        assertEquals("unknown", fact.cityBucket());
        assertEquals(1L, RollupDelta.of(fact).counts(Breakdown.By.CITY).get("unknown"));
    }
}
