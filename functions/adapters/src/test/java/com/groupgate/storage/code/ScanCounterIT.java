package com.groupgate.storage.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.analytics.FactType;
import com.groupgate.analytics.RecordedFact;
import com.groupgate.code.CodeStatus;
import com.groupgate.code.GroupCode;
import com.groupgate.fact.FactCodec;
import com.groupgate.id.CodeId;
import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import com.groupgate.join.JoinPolicy;
import com.groupgate.qr.Ecc;
import com.groupgate.scan.GeoRules;
import com.groupgate.storage.EmulatedTables;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.usage.UsageTable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** ScanCounter against the emulated MainTable: one write per scan on the code's counter, a retried fact counted once, old days dropped. */
class ScanCounterIT {
    private static final EmulatedTables TABLES = EmulatedTables.get();
    private static final long ISSUED = Instant.parse("2026-11-30T00:00:00Z").getEpochSecond();
    private final CodeTable codes = new CodeTable(TABLES.dynamo(), TABLES.main());
    private final ScanCounter counter = new ScanCounter(TABLES.dynamo(), TABLES.main());
    private final TenantId tenant = TenantId.random();

    private GroupCode created() {
        GroupCode c = new GroupCode(tenant, CodeId.random(), GroupId.random(), null, 100, GeoRules.NONE, Ecc.M, 8,
                30L * 86_400, ISSUED, ISSUED + 30L * 86_400, CodeStatus.ACTIVE, null, 1, new byte[] {1}, "k", 1, 2,
                ZoneOffset.UTC, "g", JoinPolicy.OPEN, null);
        codes.create(c, new UsageTable(TABLES.main()).codeIssued(tenant, Instant.ofEpochSecond(ISSUED), 1));
        return c;
    }

    /** An accepted scan of {@code codeId}, as the scan path records it before counting. */
    private static RecordedFact scan(TenantId tenantId, String codeId) {
        return new RecordedFact(UUID.randomUUID().toString(), FactType.SCAN, Instant.parse("2026-12-06T09:00:00Z"),
                "accepted", tenantId, codeId, null, null, null, "CN", "CN-BJ", null, "phone", "ios", "wechat", null,
                null, null);
    }

    @Test
    void eachScanCountsOnceOnItsDayAndTheCounterCarriesTheLastFact() {
        GroupCode c = created();
        RecordedFact first = scan(c.tenantId(), c.codeId().text());
        assertEquals(new ScanCounter.Counted(CodeStatus.ACTIVE, 1), counter.count(c, "2026-12-06", first).orElseThrow());
        assertEquals(new ScanCounter.Counted(CodeStatus.ACTIVE, 1), counter.count(c, "2026-12-06", first).orElseThrow(),
                "the SDK's retry of a write that went through");
        RecordedFact second = scan(c.tenantId(), c.codeId().text());
        assertEquals(new ScanCounter.Counted(CodeStatus.ACTIVE, 2), counter.count(c, "2026-12-06", second).orElseThrow());

        Map<String, AttributeValue> item = TABLES.item(TABLES.main(), MainTableKeys.codeCounter(tenant, c.codeId()));
        assertEquals(second, FactCodec.decode(item.get("fact").m()));
        assertEquals(Map.of("2026-12-06", 2L), codes.findStored(tenant, c.codeId()).orElseThrow().scansByDay());
    }

    @Test
    void aRevokedCodesScanAnswersRevokedAndAMissingCounterIsEmpty() {
        GroupCode c = created();
        codes.revoke(tenant, c.codeId());
        assertEquals(CodeStatus.REVOKED, counter.count(c, "2026-12-06",
                scan(tenant, c.codeId().text())).orElseThrow().status());

        GroupCode absent = new GroupCode(TenantId.random(), CodeId.random(), c.groupId(), null, 1, GeoRules.NONE, Ecc.M,
                8, 1, ISSUED, ISSUED + 1, CodeStatus.ACTIVE, null, 1, new byte[] {1}, "k", 1, 2, ZoneOffset.UTC, "g",
                JoinPolicy.OPEN, null);
        assertTrue(counter.count(absent, "2026-12-06", scan(absent.tenantId(),
                absent.codeId().text())).isEmpty());
        assertTrue(TABLES.item(TABLES.main(), MainTableKeys.codeCounter(absent.tenantId(), absent.codeId())).isEmpty(),
                "the counting write never creates a counter");
    }

    @Test
    void daysBeforeYesterdayAreDroppedByALaterWrite() {
        GroupCode c = created();
        counter.count(c, "2026-12-01", scan(tenant, c.codeId().text()));
        counter.count(c, "2026-12-05", scan(tenant, c.codeId().text()));
        counter.count(c, "2026-12-06", scan(tenant, c.codeId().text()));
        Map<String, Long> days = codes.findStored(tenant, c.codeId()).orElseThrow().scansByDay();
        assertFalse(days.containsKey("2026-12-01"), "the counter stays small: " + days);
        assertEquals(1L, days.get("2026-12-06"));
    }
}
