package com.groupgate.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BreakdownTest {
    private static final Breakdown ONE_OF_EACH = new Breakdown(Map.of("CN", 1L), Map.of("GD", 2L),
            Map.of("Shenzhen", 3L), Map.of("phone", 4L), Map.of("ios", 5L), Map.of("wechat", 6L), Map.of("9", 7L));

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
        Fact scan = new Fact("f1", FactType.SCAN, Instant.parse("2026-11-26T09:15:00Z"), Fact.ACCEPTED, "tenant1",
                "code1", "group1", null, null, "CN", "GD", null, "phone", "ios", "wechat", null);
        Breakdown sum = ONE_OF_EACH.plus(RollupDelta.of(scan));
        assertEquals(Map.of("CN", 2L), sum.byCountry());
        assertEquals(Map.of("GD", 3L), sum.byRegion());
        assertEquals(Map.of("Shenzhen", 3L, Fact.UNKNOWN_CITY, 1L), sum.byCity());
        assertEquals(Map.of("phone", 5L), sum.byDevice());
        assertEquals(Map.of("ios", 6L), sum.byOs());
        assertEquals(Map.of("wechat", 7L), sum.byApp());
        assertEquals(Map.of("9", 8L), sum.byHourOfDay());
        assertEquals(Breakdown.none().plus(RollupDelta.of(scan)).byCountry(), Map.of("CN", 1L));
    }

    @Test
    void everyBreakdownIsRequiredAndNamedWhenMissing() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> new Breakdown(Map.of(), Map.of(),
                Map.of(), Map.of(), null, Map.of(), Map.of()));
        assertEquals("byOs", e.getMessage());
    }

    @Test
    void aRollupItemRefusesANegativeCountNamingItsBreakdown() {
        Breakdown negative = new Breakdown(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of("wechat", -1L),
                Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RollupValue(
                Granularity.HOUR, Instant.parse("2026-11-26T09:00:00Z"), 0, 0, Map.of(), 0, negative, null));
        assertEquals(true, e.getMessage().startsWith("byApp must map"), e.getMessage());
    }
}
