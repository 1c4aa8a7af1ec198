package com.groupgate.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.analytics.Breakdown;
import com.groupgate.analytics.GroupBy;
import com.groupgate.analytics.StatsQuery;
import com.groupgate.analytics.StatsReport;
import com.groupgate.analytics.StatsRow;
import com.groupgate.analytics.UsageKey;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.id.CodeId;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.analytics.StatsReader;
import com.groupgate.usage.UsageTable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What StatsReader reads back — reports, rows, usage — over rollups the aggregate handler
 * wrote. The JSON the routes make of them is StatsRoutes' (codes API tests).
 */
class StatsReaderIT {
    private static final Instant T0 = Instant.parse("2026-11-26T01:00:00Z");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final TenantId tenant = TenantId.random();
    private final Id code = Id.random();
    private final Id group = Id.random();
    private final String mainTable = Emulator.RESOURCES.table("MainTable");
    private final String analyticsTable = Emulator.aggregateConfig().analyticsTable();
    private final DynamoDbClient dynamo = Emulator.operatorDynamo();
    private final DynamoDbClient aggregate = Emulator.dynamo(List.of());
    private final StatsReader reader = new StatsReader(Emulator.statsDynamo(), mainTable, analyticsTable);

    private void aggregateSomeFacts() {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item =
                new HashMap<>(MainTableKeys.code(tenant, new CodeId(code)));
        dynamo.putItem(p -> p.tableName(mainTable).item(item));
        dynamo.transactWriteItems(t -> t.transactItems(new UsageTable(mainTable).codeIssued(tenant, T0, 1234)));
        FakeStream stream = new FakeStream("arn:stats:" + tenant);
        String t = tenant.toString();
        String c = code.toString();
        String g = group.toString();
        stream.scan(TestFact.scan("s1", T0, t, c, g, "web"), 2);
        stream.scan(TestFact.scan("s2", T0.plusSeconds(60), t, c, g, "web").ip("other"), 2);
        // The first scanner again, an hour later: unique over the range, not per hour.
        stream.scan(TestFact.scan("s3", T0.plusSeconds(3600), t, c, g, "web").ip("ip-s1"), 2);
        stream.join(TestFact.scan("j1", T0.plusSeconds(120), t, c, g, "web"));
        new AggregateHandler(aggregate, analyticsTable, Clock.systemUTC(), new PoisonQueue(null, null, Clock.systemUTC()))
                .handleRequest(stream.event(stream.records()), null);
    }

    private static StatsQuery query(String from, String to, String granularity, String tz, ZoneId zone) {
        return StatsQuery.parse(from, to, granularity, tz, zone);
    }

    @Test
    void codeStatsCountWhatWasScannedInTheRequestedZone() {
        aggregateSomeFacts();
        StatsReport report = reader.report(tenant, StatsReader.Subject.CODE, code,
                query("2026-11-26", "2026-11-27", "hour", null, SHANGHAI));
        StatsReport.Totals totals = report.totals();
        assertEquals(3L, totals.scans());
        assertEquals(2L, totals.accepted());
        assertEquals(Map.of("daily_limit", 1L), totals.refused());
        assertEquals(1L, totals.joins());
        assertEquals(0.5, totals.conversionRate());
        assertEquals(2L, totals.uniqueScanners());
        assertEquals(24, report.series().size());
        assertEquals("2026-11-26T09:00:00+08:00", report.series().get(9).start());
        assertEquals(2L, report.series().get(9).scans());
        assertEquals(2L, report.breakdown().counts(Breakdown.By.HOUR_OF_DAY).get("9"));
        assertEquals(1L, report.breakdown().counts(Breakdown.By.HOUR_OF_DAY).get("10"));
    }

    @Test
    void anotherTenantsOrAnUnknownIdIsNotFound() {
        aggregateSomeFacts();
        StatsQuery query = query("2026-11-26", "2026-11-27", null, null, SHANGHAI);
        RefusalException other = assertThrows(RefusalException.class,
                () -> reader.report(TenantId.random(), StatsReader.Subject.CODE, code, query));
        assertEquals(Refusal.NOT_FOUND, other.refusal());
        assertThrows(RefusalException.class, () -> reader.report(tenant, StatsReader.Subject.GROUP, group, query));
        assertThrows(RefusalException.class, () -> reader.report(tenant, StatsReader.Subject.LIVE_CODE, code, query));
    }

    @Test
    void badQueryInputNamesTheField() {
        assertEquals("granularity", assertThrows(RefusalException.class,
                () -> query("2026-11-26", "2026-11-27", "week", null, SHANGHAI)).field());
        assertEquals("to", assertThrows(RefusalException.class,
                () -> query("2026-11-26", null, null, null, SHANGHAI)).field());
        assertEquals("groupBy", assertThrows(RefusalException.class, () -> GroupBy.parse("city")).field());
        assertEquals("month", assertThrows(RefusalException.class,
                () -> UsageKey.forRequest(tenant, "2026-13")).field());
    }

    @Test
    void rowsAndUsageAddUpWhatWasCounted() {
        aggregateSomeFacts();
        StatsReader.RowsPage rows = reader.rows(tenant, GroupBy.parse("code"),
                query("2026-11-26", "2026-11-27", null, "UTC", ZoneOffset.UTC).range(), null, 100);
        assertEquals(List.of(new StatsRow(code.toString(), 3L, 2L, 1L, 0.5)), rows.rows());
        assertEquals(new StatsReader.MonthUsage("2026-11", 1L, 2L, 1L, 1234L),
                reader.usage(tenant, UsageKey.forRequest(tenant, "2026-11")));
        assertTrue(reader.rows(tenant, GroupBy.parse("channel"),
                query("2026-12-01", "2026-12-02", null, null, ZoneOffset.UTC).range(), null, 100).rows().isEmpty());
    }
}
