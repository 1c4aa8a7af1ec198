package com.groupgate.storage.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.analytics.Breakdown;
import com.groupgate.analytics.Dimension;
import com.groupgate.analytics.Fact;
import com.groupgate.analytics.Granularity;
import com.groupgate.analytics.RollupValue;
import com.groupgate.analytics.StatsQuery;
import com.groupgate.analytics.StatsRange;
import com.groupgate.analytics.UsageDelta;
import com.groupgate.analytics.UsageKey;
import com.groupgate.id.TenantId;
import com.groupgate.storage.EmulatedTables;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RollupTable against the emulated AnalyticsTable: what the writer stored read back per subject, per page, per month. */
class RollupTableIT {
    private static final EmulatedTables TABLES = EmulatedTables.get();
    private static final Instant AT = Instant.parse("2026-12-06T08:15:00Z");
    private final RollupTable rollups = new RollupTable(TABLES.dynamo(), TABLES.analytics());
    private final RollupFacts facts = new RollupFacts(new RollupWriter(TABLES.dynamo(), TABLES.analytics(),
            Clock.fixed(AT, ZoneOffset.UTC)));
    private final TenantId tenant = TenantId.random();

    @Test
    void aCodesBucketsReadBackWithTheirCountsAndBreakdowns() {
        facts.count(List.of(RollupFacts.scan(tenant, "c1", "g1", "poster", AT),
                RollupFacts.scan(tenant, "c1", "g1", "poster", AT.plusSeconds(3600)),
                RollupFacts.join(tenant, "c1", "g1", "poster", AT.plusSeconds(3700)),
                RollupFacts.scan(TenantId.random(), "c1", "g1", "poster", AT)));

        StatsQuery hours = StatsQuery.parse("2026-12-06T08:00:00Z", "2026-12-06T10:00:00Z", "hour", "UTC", ZoneOffset.UTC);
        List<RollupValue> values = rollups.read(tenant, Dimension.CODE, "c1", hours);
        assertEquals(List.of(Granularity.HOUR, Granularity.HOUR), values.stream().map(RollupValue::granularity).toList());
        assertEquals(List.of(1L, 1L), values.stream().map(RollupValue::scans).toList(), "another tenant's c1 not counted");
        assertEquals(List.of(0L, 1L), values.stream().map(RollupValue::joins).toList());
        assertEquals(Map.of("CN", 1L), values.get(0).breakdown().counts(Breakdown.By.COUNTRY));

        StatsQuery day = StatsQuery.parse("2026-12-06T00:00:00Z", "2026-12-07T00:00:00Z", "day", "UTC", ZoneOffset.UTC);
        List<RollupValue> days = rollups.read(tenant, Dimension.CODE, "c1", day);
        assertEquals(1, days.size());
        assertEquals(Granularity.DAY, days.get(0).granularity());
        assertEquals(2, days.get(0).scans());
        assertEquals(1, days.get(0).joins());
    }

    @Test
    void pagingATenantsCodesGivesEachOnceInIdOrder() {
        List<Fact> scans = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String code = "code" + i;
            ids.add(code);
            scans.add(RollupFacts.scan(tenant, code, "g1", "poster", AT.plusSeconds(i * 3600L)));
        }
        facts.count(scans);
        StatsRange range = StatsRange.parse("2026-12-06T00:00:00Z", "2026-12-07T00:00:00Z", ZoneOffset.UTC);

        List<String> listed = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            RollupTable.Page page = rollups.readPage(tenant, Dimension.CODE, range, after, 3);
            listed.addAll(page.valuesById().keySet());
            after = page.last();
            pages++;
        } while (after != null && pages < 10);
        assertEquals(ids, listed);
        assertEquals(7, new HashSet<>(listed).size());

        Map<String, List<RollupValue>> all = rollups.readAll(tenant, Dimension.CODE, range);
        assertEquals(new HashSet<>(ids), all.keySet());
        assertTrue(all.values().stream().allMatch(v -> v.stream().mapToLong(RollupValue::scans).sum() == 1));
    }

    @Test
    void aMonthWithoutCountsReadsZero() {
        UsageDelta none = rollups.usage(UsageKey.of(tenant, Instant.parse("2020-01-15T00:00:00Z")));
        assertEquals(UsageDelta.ZERO, none);
    }
}
