package com.groupgate.storage.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.analytics.FactType;
import com.groupgate.analytics.RecordedFact;
import com.groupgate.code.Channel;
import com.groupgate.id.GroupId;
import com.groupgate.id.LiveCodeId;
import com.groupgate.id.TenantId;
import com.groupgate.live.CounterShards;
import com.groupgate.live.LiveCode;
import com.groupgate.live.LiveCodeStatus;
import com.groupgate.storage.EmulatedTables;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.usage.UsageTable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** LiveCodeTable against the emulated MainTable: the live item and its shards in step, optimistic edits, counting, paging. */
class LiveCodeTableIT {
    private static final EmulatedTables TABLES = EmulatedTables.get();
    private static final String DAY = "2026-12-06";
    private final LiveCodeTable live = new LiveCodeTable(TABLES.dynamo(), TABLES.main());
    private final UsageTable usage = new UsageTable(TABLES.main());
    private final TenantId tenant = TenantId.random();

    private LiveCode code(long createdAt) {
        return new LiveCode(tenant, LiveCodeId.random(), "Front desk", List.of(GroupId.random(), GroupId.random()),
                200, Channel.of("lobby"), 1000, LiveCodeStatus.ACTIVE, 1, 4, new byte[] {4, 2}, "live/x.png", 321, 6,
                ZoneId.of("Europe/Berlin"), createdAt);
    }

    private LiveCode create(LiveCode c) {
        live.create(c, usage.codeIssued(tenant, Instant.ofEpochSecond(c.createdAt()), c.imageBytes()));
        return c;
    }

    private static RecordedFact fact(LiveCode c) {
        return new RecordedFact(UUID.randomUUID().toString(), FactType.SCAN, Instant.parse("2026-12-06T09:00:00Z"),
                "accepted", c.tenantId(), null, null, c.liveCodeId().text(), c.channel(), "DE", null, null,
                null, null, null, null, null, null);
    }

    private static LiveCode withPool(LiveCode c, long poolVersion, String name, Integer switchAfterJoins) {
        return new LiveCode(c.tenantId(), c.liveCodeId(), name, c.groupIds(), switchAfterJoins, null,
                c.dailyScanLimit(), c.status(), poolVersion, c.keyVersion(), c.salt(), c.imageKey(), c.imageBytes(),
                c.qrVersion(), c.timezone(), c.createdAt());
    }

    @Test
    void aCreatedLiveCodeReadsBackWithEveryTypedField() {
        LiveCode c = create(code(1_765_000_000L));
        LiveCode read = live.find(tenant, c.liveCodeId()).orElseThrow();
        assertArrayEquals(c.salt(), read.salt());
        assertEquals(c.groupIds(), read.groupIds());
        assertEquals(LiveCodeStatus.ACTIVE, read.status());
        assertEquals(ZoneId.of("Europe/Berlin"), read.timezone());
        assertEquals(List.of(c.name(), 200, Channel.of("lobby"), 1000, 1L, 4, "live/x.png", 321L, 6, 1_765_000_000L),
                List.of(read.name(), read.switchAfterJoins(), read.channel(), read.dailyScanLimit(), read.poolVersion(),
                        read.keyVersion(), read.imageKey(), read.imageBytes(), read.qrVersion(), read.createdAt()));
    }

    @Test
    void theLiveItemAndEveryShardAreUnderTheTenantAndStartInStep() {
        LiveCode c = create(code(1_765_000_000L));
        Map<String, AttributeValue> item = TABLES.item(TABLES.main(), MainTableKeys.liveCode(tenant, c.liveCodeId()));
        assertEquals(tenant.text(), MainTableKeys.parse(item.get("pk").s(), item.get("sk").s()).orElseThrow().tenantId());
        for (int k = 0; k < CounterShards.COUNT; k++) {
            Map<String, AttributeValue> shard = TABLES.item(TABLES.main(), MainTableKeys.liveCodeShard(tenant, c.liveCodeId(), k));
            assertEquals("active", shard.get("status").s());
            assertEquals("1", shard.get("poolVersion").n());
            assertFalse(shard.containsKey("gsi1pk"), "shards are not listed");
            assertEquals(tenant.text(), MainTableKeys.parse(shard.get("pk").s(), shard.get("sk").s()).orElseThrow().tenantId());
        }
        assertTrue(live.find(TenantId.random(), c.liveCodeId()).isEmpty());
    }

    @Test
    void creatingTheSameLiveCodeTwiceIsRefused() {
        LiveCode c = create(code(1_765_000_000L));
        org.junit.jupiter.api.Assertions.assertThrows(TransactionCanceledException.class, () -> create(c));
    }

    @Test
    void anEditFromAStaleVersionIsRefusedAndTheShardsFollowTheCurrentOne() {
        LiveCode c = create(code(1_765_000_000L));
        assertTrue(live.update(c, withPool(c, 2, "Renamed", null)));
        LiveCode read = live.find(tenant, c.liveCodeId()).orElseThrow();
        assertEquals("Renamed", read.name());
        assertEquals(2, read.poolVersion());
        assertNull(read.switchAfterJoins(), "removed");
        assertNull(read.channel(), "removed");
        assertEquals("2", TABLES.item(TABLES.main(), MainTableKeys.liveCodeShard(tenant, c.liveCodeId(), 3))
                .get("poolVersion").n());

        assertFalse(live.update(c, withPool(c, 2, "Lost edit", 5)), "written from version 1, now 2");
        assertEquals("Renamed", live.find(tenant, c.liveCodeId()).orElseThrow().name());
        assertEquals(LiveCodeTable.Count.STALE, live.count(c, 0, DAY, null, fact(c)), "counting for the old pool");
    }

    @Test
    void countingAddsUpOverShardsOncePerFactAndStopsAtTheShardsCap() {
        LiveCode c = create(code(1_765_000_000L));
        RecordedFact first = fact(c);
        assertEquals(LiveCodeTable.Count.COUNTED, live.count(c, 0, DAY, 2, first));
        assertEquals(LiveCodeTable.Count.COUNTED, live.count(c, 0, DAY, 2, first), "a retried write counts once");
        assertEquals(LiveCodeTable.Count.COUNTED, live.count(c, 0, DAY, 2, fact(c)));
        assertEquals(LiveCodeTable.Count.SHARD_FULL, live.count(c, 0, DAY, 2, fact(c)));
        assertEquals(LiveCodeTable.Count.COUNTED, live.count(c, 5, DAY, 2, fact(c)));
        assertEquals(3, live.countedOn(tenant, c.liveCodeId(), DAY));
        assertEquals(0, live.countedOn(tenant, c.liveCodeId(), "2026-12-05"));
    }

    @Test
    void aRevokedLiveCodeCountsNothingAndAMissingOneIsEmpty() {
        LiveCode c = create(code(1_765_000_000L));
        LiveCode revoked = live.revoke(tenant, c.liveCodeId()).orElseThrow();
        assertEquals(LiveCodeStatus.REVOKED, revoked.status());
        assertEquals(2, revoked.poolVersion());
        assertEquals("revoked", TABLES.item(TABLES.main(), MainTableKeys.liveCodeShard(tenant, c.liveCodeId(), 7))
                .get("status").s());
        assertEquals(LiveCodeTable.Count.STALE, live.count(revoked, 1, DAY, null, fact(c)));
        assertFalse(live.update(revoked, withPool(revoked, 3, "again", null)), "a revoked code is not edited");
        assertTrue(live.revoke(tenant, LiveCodeId.random()).isEmpty());
    }

    @Test
    void pagingNewestFirstGivesEachLiveCodeOnce() {
        List<LiveCodeId> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(0, create(code(1_765_000_000L + i)).liveCodeId());
        }
        List<LiveCodeId> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            LiveCodeTable.Page page = live.list(tenant, 2, cursor);
            page.items().forEach(c -> listed.add(c.liveCodeId()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(created, listed);
        assertEquals(5, new HashSet<>(listed).size());
    }
}
