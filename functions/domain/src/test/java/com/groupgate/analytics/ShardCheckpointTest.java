package com.groupgate.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import org.junit.jupiter.api.Test;

class ShardCheckpointTest {

    @Test
    void sequenceNumbersCompareAsNumbersNotAsText() {
        assertTrue(ShardCheckpoint.isAfter("10", "9"));
        assertFalse(ShardCheckpoint.isAfter("9", "10"));
        String a = "4921000000000000000012345678901234567890";
        String b = "4921000000000000000012345678901234567891";
        assertTrue(ShardCheckpoint.isAfter(b, a));
        assertFalse(ShardCheckpoint.isAfter(a, b));
        assertFalse(ShardCheckpoint.isAfter(a, a));
        assertTrue(ShardCheckpoint.isAfter("100000000000000000000000000000000000000", "99999999999999999999999999999999999999"));
        assertEquals(0, ShardCheckpoint.compare("0007", "7"));
    }

    @Test
    void everyRecordIsAfterAMissingCheckpoint() {
        assertTrue(ShardCheckpoint.isAfter("1", null));
    }

    @Test
    void nonNumericSequenceNumbersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ShardCheckpoint.isAfter("12a", "1"));
        assertThrows(IllegalArgumentException.class, () -> ShardCheckpoint.isAfter("1", "-1"));
        assertThrows(IllegalArgumentException.class, () -> ShardCheckpoint.isAfter("", "1"));
        assertThrows(NullPointerException.class, () -> ShardCheckpoint.isAfter(null, "1"));
    }

    @Property
    void comparisonAgreesWithBigInteger(
            @ForAll @BigRange(min = "0", max = "9999999999999999999999999999999999999999") BigInteger x,
            @ForAll @BigRange(min = "0", max = "9999999999999999999999999999999999999999") BigInteger y) {
        assertEquals(x.compareTo(y) > 0, ShardCheckpoint.isAfter(x.toString(), y.toString()));
        assertEquals(Integer.signum(x.compareTo(y)), Integer.signum(ShardCheckpoint.compare(x.toString(), y.toString())));
    }
}
