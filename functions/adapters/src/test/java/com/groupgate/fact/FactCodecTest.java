package com.groupgate.fact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.groupgate.analytics.FactType;
import com.groupgate.analytics.RecordedFact;
import com.groupgate.code.Channel;
import com.groupgate.id.TenantId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class FactCodecTest {
    private static final TenantId TENANT = TenantId.random();

    private static RecordedFact scan(String label) {
        return new RecordedFact("f1", FactType.SCAN, Instant.ofEpochMilli(1_764_000_000_123L), null, TENANT, "c1", "g1",
                null, Channel.of("poster"), "CN", "GD", null, "phone", "android", "wechat", "h1", "2026-12-06", 500, label);
    }

    @Test
    void aScansLabelTravelsWithItsFactAndComesBackAsWritten() {
        RecordedFact labelled = scan("徐汇店 #3");
        Map<String, AttributeValue> stored = FactCodec.encode(labelled);
        assertEquals("徐汇店 #3", stored.get("label").s());
        assertEquals(labelled, FactCodec.decode(stored));
        assertEquals("徐汇店 #3", FactCodec.decode(stored).toFact("accepted", "unknown").label());
    }

    @Test
    void aFactWithoutALabelStoresNoLabelAttribute() {
        Map<String, AttributeValue> stored = FactCodec.encode(scan(null));
        assertFalse(stored.containsKey("label"));
        assertEquals(scan(null), FactCodec.decode(stored));
    }

    @Test
    void theTenantAndChannelAreStoredAsTheirText() {
        Map<String, AttributeValue> stored = FactCodec.encode(scan(null));
        assertEquals(TENANT.text(), stored.get("tenantId").s());
        assertEquals("poster", stored.get("channel").s());
    }

    @Test
    void aStoredFactNamingNoTenantOrABadChannelIsNoFact() {
        Map<String, AttributeValue> stored = FactCodec.encode(scan(null));
        Map<String, AttributeValue> noTenant = new HashMap<>(stored);
        noTenant.put("tenantId", AttributeValue.fromS("t1"));
        assertThrows(IllegalArgumentException.class, () -> FactCodec.decode(noTenant));
        Map<String, AttributeValue> badChannel = new HashMap<>(stored);
        badChannel.put("channel", AttributeValue.fromS("has space"));
        assertThrows(IllegalArgumentException.class, () -> FactCodec.decode(badChannel),
                "the aggregate sets aside what throws this as poison");
    }
}
