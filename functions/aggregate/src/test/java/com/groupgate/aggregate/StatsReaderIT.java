package com.groupgate.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.analytics.StatsReader;
import com.groupgate.code.CodeTable;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.id.Id;
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
 * What the stats and usage routes answer (StatsRoutes is a thin shell over StatsReader),
 * over rollups the aggregate handler wrote.
 */
class StatsReaderIT {
    private static final Instant T0 = Instant.parse("2026-11-26T01:00:00Z");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final Id tenant = Id.random();
    private final Id code = Id.random();
    private final Id group = Id.random();
    private final String mainTable = Emulator.RESOURCES.table("MainTable");
    private final String analyticsTable = Emulator.aggregateConfig().analyticsTable();
    private final DynamoDbClient dynamo = Emulator.operatorDynamo();
    private final DynamoDbClient aggregate = Emulator.dynamo(List.of());
    private final StatsReader reader = new StatsReader(Emulator.statsDynamo(), mainTable, analyticsTable);

    private void aggregateSomeFacts() {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item =
                new HashMap<>(CodeTable.key(tenant, code));
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

    @Test
    void codeStatsHaveTheDocumentedShapeInTheRequestedZone() {
        aggregateSomeFacts();
        Map<String, Object> body = reader.stats(tenant, SHANGHAI, StatsReader.Subject.CODE, code,
                Map.of("from", "2026-11-26", "to", "2026-11-27", "granularity", "hour"));
        assertEquals(List.of("totals", "series", "byCountry", "byRegion", "byCity", "byDevice", "byOs", "byApp",
                "byHourOfDay"), List.copyOf(body.keySet()));
        @SuppressWarnings("unchecked")
        Map<String, Object> totals = (Map<String, Object>) body.get("totals");
        assertEquals(3L, totals.get("scans"));
        assertEquals(2L, totals.get("accepted"));
        assertEquals(Map.of("daily_limit", 1L), totals.get("refused"));
        assertEquals(1L, totals.get("joins"));
        assertEquals(0.5, totals.get("conversionRate"));
        assertEquals(2L, totals.get("uniqueScanners"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> series = (List<Map<String, Object>>) body.get("series");
        assertEquals(24, series.size());
        assertEquals("2026-11-26T09:00:00+08:00", series.get(9).get("start"));
        assertEquals(2L, series.get(9).get("scans"));
        @SuppressWarnings("unchecked")
        Map<String, Long> hours = (Map<String, Long>) body.get("byHourOfDay");
        assertEquals(2L, hours.get("9"));
        assertEquals(1L, hours.get("10"));
    }

    @Test
    void anotherTenantsOrAnUnknownIdIsNotFound() {
        aggregateSomeFacts();
        Map<String, String> query = Map.of("from", "2026-11-26", "to", "2026-11-27");
        RefusalException other = assertThrows(RefusalException.class,
                () -> reader.stats(Id.random(), SHANGHAI, StatsReader.Subject.CODE, code, query));
        assertEquals(Refusal.NOT_FOUND, other.refusal());
        assertThrows(RefusalException.class,
                () -> reader.stats(tenant, SHANGHAI, StatsReader.Subject.GROUP, group, query));
        assertThrows(RefusalException.class,
                () -> reader.stats(tenant, SHANGHAI, StatsReader.Subject.LIVE_CODE, code, query));
    }

    @Test
    void badQueryInputNamesTheField() {
        assertEquals("granularity", assertThrows(RefusalException.class, () -> reader.stats(tenant, SHANGHAI,
                StatsReader.Subject.CODE, code, Map.of("from", "2026-11-26", "to", "2026-11-27",
                        "granularity", "week"))).field());
        assertEquals("to", assertThrows(RefusalException.class, () -> reader.stats(tenant, SHANGHAI,
                StatsReader.Subject.CODE, code, Map.of("from", "2026-11-26"))).field());
        assertEquals("groupBy", assertThrows(RefusalException.class, () -> reader.rows(tenant, SHANGHAI,
                Map.of("from", "2026-11-26", "to", "2026-11-27", "groupBy", "city"))).field());
        assertEquals("month", assertThrows(RefusalException.class, () -> reader.usage(tenant, "2026-13")).field());
    }

    @Test
    void rowsAndUsageAddUpWhatWasCounted() {
        aggregateSomeFacts();
        Map<String, Object> rows = reader.rows(tenant, ZoneOffset.UTC,
                Map.of("from", "2026-11-26", "to", "2026-11-27", "groupBy", "code", "tz", "UTC"));
        assertEquals(List.of(Map.of("key", code.toString(), "scans", 3L, "accepted", 2L, "joins", 1L,
                "conversionRate", 0.5)), rows.get("rows"));
        Map<String, Object> usage = reader.usage(tenant, "2026-11");
        assertEquals(Map.of("month", "2026-11", "codesIssued", 1L, "scansVerified", 2L, "joins", 1L,
                "imageBytesStored", 1234L), usage);
        assertTrue(((List<?>) reader.rows(tenant, ZoneOffset.UTC, Map.of("from", "2026-12-01", "to",
                "2026-12-02", "groupBy", "channel")).get("rows")).isEmpty());
    }
}
