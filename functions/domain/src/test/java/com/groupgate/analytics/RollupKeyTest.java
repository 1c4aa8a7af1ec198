package com.groupgate.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RollupKeyTest {

    @Test
    void keysReadAsPartitionAndSortKeys() {
        Instant at = Instant.parse("2026-11-26T03:59:59Z");
        RollupKey hour = RollupKey.of(Facts.TENANT1, Dimension.CODE, "code1", Granularity.HOUR, at);
        RollupKey day = RollupKey.of(Facts.TENANT1, Dimension.CODE, "code1", Granularity.DAY, at);
        assertEquals("T#tenantoneaaaa#CODE#code1", hour.pk());
        assertEquals("H#2026-11-26T03", hour.sk());
        assertEquals("D#2026-11-26", day.sk());
        assertEquals(Instant.parse("2026-11-26T03:00:00Z"), hour.bucketStart());
        assertEquals(Instant.parse("2026-11-26T00:00:00Z"), day.bucketStart());
    }

    @Property
    void keysParseBackFromTheirTableForm(
            @ForAll @LongRange(min = 0, max = 253_402_300_799L) long epochSecond, @ForAll Dimension dimension,
            @ForAll Granularity granularity) {
        String id = dimension == Dimension.TENANT ? Facts.TENANT1.text() : dimension == Dimension.CHANNEL ? "(none)" : "x7k2";
        RollupKey key = RollupKey.of(Facts.TENANT1, dimension, id, granularity, Instant.ofEpochSecond(epochSecond));
        assertEquals(key, RollupKey.parse(key.pk(), key.sk()));
    }

    @Test
    void hourSortKeysSortInTimeOrder() {
        Instant at = Instant.parse("2026-11-26T09:00:00Z");
        String nine = RollupKey.sortKey(Granularity.HOUR, at);
        String ten = RollupKey.sortKey(Granularity.HOUR, at.plusSeconds(3600));
        assertEquals(-1, Integer.signum(nine.compareTo(ten)));
    }

    @Test
    void aFactCountsTowardEveryDimensionItNamesAtBothGranularities() {
        Fact live = Facts.scan().code(null).group("g1").liveCode("l1").channel("flyer").build();
        List<RollupKey> keys = RollupKey.forFact(live);
        assertEquals(12, keys.size());
        assertEquals(List.of(Dimension.TENANT, Dimension.GROUP, Dimension.LIVE_CODE, Dimension.CHANNEL,
                Dimension.LABEL), keys.subList(0, 5).stream().map(RollupKey::dimension).toList());
        Fact exhaustedPool = Facts.scan().code(null).group(null).liveCode("l1").outcome("group_full").build();
        assertEquals("(none)", RollupKey.forFact(exhaustedPool).get(2).dimensionId());
        assertEquals(Dimension.values().length * Granularity.values().length, RollupKey.MAX_KEYS_PER_FACT);
        assertEquals(RollupKey.MAX_KEYS_PER_FACT,
                RollupKey.forFact(Facts.scan().liveCode("l1").channel("c").build()).size());
    }

    @Test
    void aLabelledFactCountsUnderItsLabelsHexAndAnUnlabelledOneUnderNone() {
        Fact labelled = Facts.scan().code("c1").group("g1").label("Store #12 徐汇").build();
        RollupKey label = RollupKey.forFact(labelled).stream().filter(k -> k.dimension() == Dimension.LABEL)
                .findFirst().orElseThrow();
        assertEquals("Store #12 徐汇", LabelKey.label(label.dimensionId()));
        assertEquals(label, RollupKey.parse(label.pk(), label.sk()));
        Fact unlabelled = Facts.scan().code("c1").group("g1").build();
        assertEquals(List.of(LabelKey.NO_LABEL, LabelKey.NO_LABEL), RollupKey.forFact(unlabelled).stream()
                .filter(k -> k.dimension() == Dimension.LABEL).map(RollupKey::dimensionId).toList());
    }

    @Test
    void aGroupsFactAlsoCountsUnderItsGroupAndLabelAndAGrouplessOneDoesNot() {
        Fact labelled = Facts.scan().code("c1").group("g1").label("Store #12 徐汇").build();
        List<RollupKey> keys = RollupKey.forFact(labelled).stream()
                .filter(k -> k.dimension() == Dimension.GROUP_LABEL).toList();
        assertEquals(2, keys.size(), "an hour and a day");
        String id = keys.get(0).dimensionId();
        assertEquals(GroupLabelKey.of("g1", LabelKey.of("Store #12 徐汇")), id);
        assertTrue(id.startsWith(GroupLabelKey.prefix("g1")));
        assertEquals("Store #12 徐汇", LabelKey.label(GroupLabelKey.labelKey(id)));
        assertEquals(keys.get(0), RollupKey.parse(keys.get(0).pk(), keys.get(0).sk()));
        assertEquals(LabelKey.NO_LABEL, GroupLabelKey.labelKey(RollupKey.forFact(Facts.scan().code("c1").group("g1")
                .build()).stream().filter(k -> k.dimension() == Dimension.GROUP_LABEL).findFirst().orElseThrow()
                .dimensionId()));
        Fact groupless = Facts.scan().code(null).group(null).liveCode("l1").label("Store #12 徐汇").build();
        assertTrue(RollupKey.forFact(groupless).stream().noneMatch(k -> k.dimension() == Dimension.GROUP_LABEL));
    }

    @Test
    void malformedKeysAreRefused() {
        Instant unaligned = Instant.parse("2026-11-26T03:30:00Z");
        assertThrows(IllegalArgumentException.class,
                () -> new RollupKey(Facts.TENANT1, Dimension.CODE, "c", Granularity.HOUR, unaligned));
        assertThrows(IllegalArgumentException.class,
                () -> RollupKey.of(Facts.TENANT1, Dimension.TENANT, "other", Granularity.HOUR, unaligned));
        assertThrows(IllegalArgumentException.class, () -> RollupKey.parse("T#t#NOPE#c", "H#2026-11-26T03"));
        assertThrows(IllegalArgumentException.class, () -> RollupKey.parse("T#t#CODE#c", "H#2026-11-26"));
        assertThrows(IllegalArgumentException.class, () -> RollupKey.parse("T#t#CODE#c", "W#2026-11-26"));
    }
}
