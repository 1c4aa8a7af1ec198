package com.groupgate.storage.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.analytics.Dimension;
import com.groupgate.analytics.Fact;
import com.groupgate.analytics.Granularity;
import com.groupgate.analytics.RollupDelta;
import com.groupgate.analytics.RollupKey;
import com.groupgate.analytics.StreamShard;
import com.groupgate.analytics.UsageDelta;
import com.groupgate.analytics.UsageKey;
import com.groupgate.id.TenantId;
import com.groupgate.storage.EmulatedTables;
import com.groupgate.storage.MainTableKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * RollupWriter against the emulated AnalyticsTable: each item's update is conditioned on
 * the version read, carries the shard's watermark, and the shard's checkpoint moves only
 * from where it was read.
 */
class RollupWriterIT {
    private static final EmulatedTables TABLES = EmulatedTables.get();
    private static final Instant AT = Instant.parse("2026-12-06T08:15:00Z");
    private final RollupWriter writer = new RollupWriter(TABLES.dynamo(), TABLES.analytics(),
            Clock.fixed(AT, ZoneOffset.UTC));
    private final StreamShard shard = new StreamShard("arn:aws:dynamodb:us-east-1:123456789012:table/MainTable/stream/"
            + UUID.randomUUID(), "shardId-" + UUID.randomUUID());
    private final TenantId tenant = TenantId.random();

    @Test
    void anUpdateFromAStaleReadIsRefusedSoNoCountIsAddedTwice() {
        Fact scan = RollupFacts.scan(tenant, "c0000000000001", "g0000000000001", "poster", AT);
        RollupKey key = RollupKey.of(tenant, Dimension.CODE, scan.codeId(), Granularity.HOUR, AT);
        RollupWriter.ItemState before = writer.rollupStates(shard, List.of(key)).get(key);
        assertEquals(RollupWriter.ItemState.NONE, before);

        RollupWriter.ItemState after = writer.applyRollup(shard, key, before, RollupDelta.of(scan), "0001").orElseThrow();
        assertEquals(1L, after.version());
        assertTrue(writer.applyRollup(shard, key, before, RollupDelta.of(scan), "0001").isEmpty(), "read before the first write");

        RollupWriter.ItemState read = writer.rollupStates(shard, List.of(key)).get(key);
        assertEquals(1L, read.version());
        assertEquals("0001", read.watermark());
        Map<String, AttributeValue> item = TABLES.item(TABLES.analytics(), Map.of("pk", AttributeValue.fromS(key.pk()),
                "sk", AttributeValue.fromS(key.sk())));
        assertEquals("1", item.get(RollupItem.SCANS).n());
        assertEquals("1", item.get(RollupItem.ACCEPTED).n());
        assertEquals(RollupItem.indexPartition(tenant, Dimension.CODE), item.get(RollupItem.GSI_PK).s());
        assertEquals(key, RollupKey.parse(item.get("pk").s(), item.get("sk").s()), "the key parses back");
        assertTrue(item.get("pk").s().startsWith("T#" + tenant.text() + "#"), "under its tenant");
    }

    @Test
    void usageAddsUpUnderTheSameKeyAsTheMainTablesUsage() {
        UsageKey key = UsageKey.of(tenant, AT);
        RollupWriter.ItemState state = writer.usageStates(shard, List.of(key)).get(key);
        state = writer.applyUsage(shard, key, state, new UsageDelta(3, 1), "0001").orElseThrow();
        writer.applyUsage(shard, key, state, new UsageDelta(2, 0), "0002").orElseThrow();

        assertEquals(new UsageDelta(5, 1), new RollupTable(TABLES.dynamo(), TABLES.analytics()).usage(key));
        assertEquals(MainTableKeys.usage(tenant, key.month()),
                Map.of("pk", AttributeValue.fromS(key.pk()), "sk", AttributeValue.fromS(key.sk())));
        assertEquals("0002", writer.usageStates(shard, List.of(key)).get(key).watermark());
    }

    @Test
    void theCheckpointMovesOnlyFromWhereItWasRead() {
        assertTrue(writer.checkpoint(shard).isEmpty());
        assertTrue(writer.advance(shard, null, "0005"));
        assertFalse(writer.advance(shard, null, "0009"), "another run moved it first");
        assertFalse(writer.advance(shard, "0004", "0009"));
        assertTrue(writer.advance(shard, "0005", "0009"));
        assertEquals("0009", writer.checkpoint(shard).orElseThrow());
        assertEquals(AT.getEpochSecond(), Long.parseLong(TABLES.item(TABLES.analytics(), RollupWriter.checkpointKey(shard))
                .get("updatedAt").n()));
    }
}
