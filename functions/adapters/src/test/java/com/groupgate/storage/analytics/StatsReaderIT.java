package com.groupgate.storage.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.groupgate.analytics.GroupBy;
import com.groupgate.analytics.StatsQuery;
import com.groupgate.analytics.StatsReport;
import com.groupgate.analytics.StatsRow;
import com.groupgate.analytics.UsageKey;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.id.CodeId;
import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import com.groupgate.storage.EmulatedTables;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.usage.UsageTable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * StatsReader against the emulated MainTable and AnalyticsTable: a subject's report only
 * for its own tenant, tenant-level rows, and a month's usage joined from both tables.
 */
class StatsReaderIT {
    private static final EmulatedTables TABLES = EmulatedTables.get();
    private static final Instant AT = Instant.parse("2026-12-06T08:15:00Z");
    private static final StatsQuery DAY = StatsQuery.parse("2026-12-06T00:00:00Z", "2026-12-07T00:00:00Z", "day", "UTC",
            ZoneOffset.UTC);
    private final StatsReader stats = new StatsReader(TABLES.dynamo(), TABLES.main(), TABLES.analytics());
    private final RollupFacts facts = new RollupFacts(new RollupWriter(TABLES.dynamo(), TABLES.analytics(),
            Clock.fixed(AT, ZoneOffset.UTC)));
    private final TenantId tenant = TenantId.random();
    private final CodeId code = CodeId.random();
    private final GroupId group = GroupId.random();

    private void storeCode(TenantId owner) {
        TABLES.dynamo().putItem(p -> p.tableName(TABLES.main()).item(MainTableKeys.code(owner, code)));
    }

    @Test
    void aCodesReportCountsItsScansAndJoins() {
        storeCode(tenant);
        facts.count(List.of(RollupFacts.scan(tenant, code.text(), group.text(), "poster", AT),
                RollupFacts.scan(tenant, code.text(), group.text(), "poster", AT.plusSeconds(60)),
                RollupFacts.join(tenant, code.text(), group.text(), "poster", AT.plusSeconds(120))));

        StatsReport report = stats.report(tenant, StatsReader.Subject.CODE, code.id(), DAY);
        assertEquals(2, report.totals().scans());
        assertEquals(2, report.totals().accepted());
        assertEquals(1, report.totals().joins());
    }

    @Test
    void anotherTenantsCodeIsNotFoundLikeAMissingOne() {
        storeCode(TenantId.random());
        RefusalException e = assertThrows(RefusalException.class,
                () -> stats.report(tenant, StatsReader.Subject.CODE, code.id(), DAY));
        assertEquals(Refusal.NOT_FOUND, e.refusal());
        assertThrows(RefusalException.class, () -> stats.report(tenant, StatsReader.Subject.GROUP, group.id(), DAY));
    }

    @Test
    void rowsByChannelListTheTenantsChannels() {
        facts.count(List.of(RollupFacts.scan(tenant, code.text(), group.text(), "poster", AT),
                RollupFacts.scan(tenant, code.text(), group.text(), "flyer", AT),
                RollupFacts.join(tenant, code.text(), group.text(), "flyer", AT)));
        StatsReader.RowsPage page = stats.rows(tenant, GroupBy.CHANNEL, DAY.range(), null, 10);
        assertEquals(List.of("flyer", "poster"), page.rows().stream().map(StatsRow::key).toList());
        assertEquals(1, page.rows().get(0).joins());
        assertEquals(null, page.last());
    }

    @Test
    void aMonthsUsageJoinsIssuedCodesWithCountedScansAndJoins() {
        UsageTable issued = new UsageTable(TABLES.main());
        TABLES.dynamo().transactWriteItems(t -> t.transactItems(issued.codeIssued(tenant, AT, 2048)));
        facts.count(List.of(RollupFacts.scan(tenant, code.text(), group.text(), "poster", AT),
                RollupFacts.join(tenant, code.text(), group.text(), "poster", AT)));

        StatsReader.MonthUsage usage = stats.usage(tenant, UsageKey.of(tenant, AT));
        assertEquals(new StatsReader.MonthUsage("2026-12", 1, 1, 1, 2048), usage);
    }
}
