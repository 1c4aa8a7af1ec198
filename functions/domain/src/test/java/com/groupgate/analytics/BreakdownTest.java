package com.groupgate.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BreakdownTest {
    private static final Breakdown ONE_OF_EACH = new Breakdown(Map.of(Breakdown.By.COUNTRY, Map.of("CN", 1L),
            Breakdown.By.REGION, Map.of("GD", 2L), Breakdown.By.CITY, Map.of("Shenzhen", 3L),
            Breakdown.By.DEVICE, Map.of("phone", 4L), Breakdown.By.OS, Map.of("ios", 5L),
            Breakdown.By.APP, Map.of("wechat", 6L), Breakdown.By.HOUR_OF_DAY, Map.of("9", 7L)));

    @Test
    void mapVisitsTheSevenBreakdownsByNameInTheApiOrder() {
        List<String> names = new ArrayList<>();
        ONE_OF_EACH.map((name, counts) -> {
            names.add(name);
            return counts;
        });
        List<String> apiOrder = List.of("byCountry", "byRegion", "byCity", "byDevice", "byOs", "byApp", "byHourOfDay");
        assertEquals(apiOrder, names);
        assertEquals(apiOrder, List.copyOf(ONE_OF_EACH.byName().keySet()));
        assertEquals(Map.of("Shenzhen", 3L), ONE_OF_EACH.byName().get("byCity"));
        assertEquals(Map.of("9", 7L), ONE_OF_EACH.byName().get("byHourOfDay"));
    }

    @Test
    void plusAddsADeltasScansKeyByKey() {
        Fact scan = new Fact("f1", FactType.SCAN, Instant.parse("2026-11-26T09:15:00Z"), Fact.ACCEPTED, Facts.TENANT1,
                "code1", "group1", null, null, "CN", "GD", null, "phone", "ios", "wechat", null);
        Breakdown sum = ONE_OF_EACH.plus(RollupDelta.of(scan));
        assertEquals(Map.of("CN", 2L), sum.counts(Breakdown.By.COUNTRY));
        assertEquals(Map.of("GD", 3L), sum.counts(Breakdown.By.REGION));
        assertEquals(Map.of("Shenzhen", 3L, Fact.UNKNOWN_CITY, 1L), sum.counts(Breakdown.By.CITY));
        assertEquals(Map.of("phone", 5L), sum.counts(Breakdown.By.DEVICE));
        assertEquals(Map.of("ios", 6L), sum.counts(Breakdown.By.OS));
        assertEquals(Map.of("wechat", 7L), sum.counts(Breakdown.By.APP));
        assertEquals(Map.of("9", 8L), sum.counts(Breakdown.By.HOUR_OF_DAY));
        assertEquals(Breakdown.none().plus(RollupDelta.of(scan)).counts(Breakdown.By.COUNTRY), Map.of("CN", 1L));
    }

    @Test
    void everyBreakdownIsRequiredAndNamedWhenMissing() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> Breakdown.of(by -> by == Breakdown.By.OS ? null : Map.of()));
        assertEquals("byOs", e.getMessage());
    }

    @Test
    void aRollupItemRefusesANegativeCountNamingItsBreakdown() {
        Breakdown negative = Breakdown.of(by -> by == Breakdown.By.APP ? Map.of("wechat", -1L) : Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RollupValue(
                Granularity.HOUR, Instant.parse("2026-11-26T09:00:00Z"), 0, 0, Map.of(), 0, negative, null));
        assertEquals(true, e.getMessage().startsWith("byApp must map"), e.getMessage());
    }
}
