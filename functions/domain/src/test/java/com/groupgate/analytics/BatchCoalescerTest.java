package com.groupgate.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BatchCoalescerTest {
    private static final String[] REFUSALS = {"expired", "revoked", "superseded", "geo_blocked", "daily_limit"};
    private static final String[] COUNTRIES = {"CN", "US", "DE", "JP"};

    @Test
    void thousandScansOverTwentyCodesInOneHourCoalesceToOneDeltaPerDistinctItem() {
        Random random = new Random(42);
        Instant hour = Instant.parse("2026-11-26T03:00:00Z");
        List<Fact> facts = new ArrayList<>();
        // Ground truth, counted independently of the code under test.
        Map<String, long[]> perCode = new HashMap<>(); // scans, accepted, joins
        Map<String, Long> refusedTotal = new HashMap<>();
        Map<String, Long> countryTotal = new HashMap<>();
        Set<String> groups = new HashSet<>();
        Set<String> channels = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            int c = random.nextInt(20);
            String code = "code" + c;
            String group = "group" + (c % 5);
            String channel = c % 4 == 0 ? null : "ch" + (c % 3);
            boolean accepted = random.nextInt(4) != 0;
            String outcome = accepted ? Fact.ACCEPTED : REFUSALS[random.nextInt(REFUSALS.length)];
            String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
            facts.add(Facts.scan().code(code).group(group).channel(channel).outcome(outcome).country(country)
                    .at(hour.plusSeconds(random.nextInt(3600))).ip("ip" + random.nextInt(300)).build());
            long[] t = perCode.computeIfAbsent(code, k -> new long[3]);
            t[0]++;
            if (accepted) {
                t[1]++;
            } else {
                refusedTotal.merge(outcome, 1L, Long::sum);
            }
            countryTotal.merge(country, 1L, Long::sum);
            groups.add(group);
            channels.add(channel == null ? "(none)" : channel);
            if (accepted && random.nextInt(3) == 0) {
                facts.add(Facts.join().code(code).group(group).channel(channel)
                        .at(hour.plusSeconds(random.nextInt(3600))).build());
                t[2]++;
            }
        }

        Map<RollupKey, RollupDelta> deltas = BatchCoalescer.coalesce(facts);

        // The 1 after the channels: none of these codes has a label, so every fact counts under the one
        // no-label bucket; the last term: each group's own no-label bucket (groupBy=label&groupId=…).
        int distinctPerGranularity = 1 + perCode.size() + groups.size() + channels.size() + 1 + groups.size();
        assertEquals(2 * distinctPerGranularity, deltas.size());
        long totalScans = 0;
        long totalAccepted = 0;
        long totalJoins = 0;
        for (Map.Entry<String, long[]> e : perCode.entrySet()) {
            for (Granularity g : Granularity.values()) {
                RollupDelta d = deltas.get(RollupKey.of(Facts.TENANT1, Dimension.CODE, e.getKey(), g, hour));
                assertEquals(e.getValue()[0], d.scans(), e.getKey() + " scans");
                assertEquals(e.getValue()[1], d.accepted(), e.getKey() + " accepted");
                assertEquals(e.getValue()[2], d.joins(), e.getKey() + " joins");
            }
            totalScans += e.getValue()[0];
            totalAccepted += e.getValue()[1];
            totalJoins += e.getValue()[2];
        }
        for (Granularity g : Granularity.values()) {
            RollupDelta tenant = deltas.get(RollupKey.of(Facts.TENANT1, Dimension.TENANT, Facts.TENANT1.text(), g, hour));
            assertEquals(totalScans, tenant.scans());
            assertEquals(totalAccepted, tenant.accepted());
            assertEquals(totalJoins, tenant.joins());
            assertEquals(refusedTotal, tenant.refused());
            assertEquals(countryTotal, tenant.counts(Breakdown.By.COUNTRY));
            assertEquals(Map.of("3", totalScans), tenant.counts(Breakdown.By.HOUR_OF_DAY));
        }
    }

    @Property(tries = 50)
    void everyDimensionSumsToTheTenantTotalAndBreakdownsSumToScans(
            @ForAll @IntRange(min = 0, max = 300) int count, @ForAll long seed) {
        List<Fact> facts = randomFacts(count, new Random(seed));
        Map<RollupKey, RollupDelta> deltas = BatchCoalescer.coalesce(facts);

        long scans = facts.stream().filter(Fact::isScan).count();
        long accepted = facts.stream().filter(Fact::isAcceptedScan).count();
        long joins = facts.stream().filter(Fact::isJoin).count();
        for (Granularity g : Granularity.values()) {
            long tenantScans = 0;
            long channelScans = 0;
            long channelAccepted = 0;
            long channelJoins = 0;
            for (Map.Entry<RollupKey, RollupDelta> e : deltas.entrySet()) {
                RollupDelta d = e.getValue();
                assertFalse(d.isEmpty());
                assertEquals(d.scans(), d.accepted() + d.refused().values().stream().mapToLong(Long::longValue).sum());
                for (Breakdown.By by : Breakdown.By.ALL) {
                    assertEquals(d.scans(), d.counts(by).values().stream().mapToLong(Long::longValue).sum());
                }
                if (e.getKey().granularity() != g) {
                    continue;
                }
                if (e.getKey().dimension() == Dimension.TENANT) {
                    tenantScans += d.scans();
                } else if (e.getKey().dimension() == Dimension.CHANNEL) {
                    channelScans += d.scans();
                    channelAccepted += d.accepted();
                    channelJoins += d.joins();
                }
            }
            assertEquals(scans, tenantScans);
            assertEquals(scans, channelScans);
            assertEquals(accepted, channelAccepted);
            assertEquals(joins, channelJoins);
        }
    }

    @Test
    void usageCountsAcceptedScansAndJoinsPerUtcMonth() {
        List<Fact> facts = List.of(
                Facts.scan().at("2026-11-30T23:59:59Z").build(),
                Facts.scan().at("2026-11-30T23:59:59Z").outcome("daily_limit").build(),
                Facts.join().at("2026-11-30T23:00:00Z").build(),
                Facts.scan().at("2026-12-01T00:00:00Z").build(),
                Facts.scan().at("2026-12-01T00:00:00Z").tenant(Facts.TENANT2).build());

        Map<UsageKey, UsageDelta> usage = BatchCoalescer.usage(facts);

        assertEquals(Map.of(
                new UsageKey(Facts.TENANT1, "2026-11"), new UsageDelta(1, 1),
                new UsageKey(Facts.TENANT1, "2026-12"), new UsageDelta(1, 0),
                new UsageKey(Facts.TENANT2, "2026-12"), new UsageDelta(1, 0)), usage);
    }

    @Test
    void refusedScansAloneChangeNoUsage() {
        assertEquals(Map.of(), BatchCoalescer.usage(List.of(Facts.scan().outcome("expired").build())));
    }

    /** Random facts over a few tenants, codes, groups, live codes and channels across three days. */
    static List<Fact> randomFacts(int count, Random random) {
        Instant start = Instant.parse("2026-11-25T00:00:00Z");
        List<Fact> facts = new ArrayList<>(count);
        String[] outcomes = {"accepted", "accepted", "accepted", "expired", "revoked", "superseded",
                "geo_blocked", "daily_limit", "group_full"};
        String[] devices = {"phone", "tablet", "desktop"};
        for (int i = 0; i < count; i++) {
            boolean join = random.nextInt(5) == 0;
            Facts f = join ? Facts.join() : Facts.scan().outcome(outcomes[random.nextInt(outcomes.length)]);
            f.tenant(random.nextBoolean() ? Facts.TENANT1 : Facts.TENANT2)
                    .at(start.plusSeconds(random.nextInt(3 * 86400)))
                    .code(random.nextInt(4) == 0 ? null : "code" + random.nextInt(30))
                    .group(random.nextInt(6) == 0 ? null : "group" + random.nextInt(8))
                    .liveCode(random.nextInt(3) == 0 ? "live" + random.nextInt(3) : null)
                    .channel(random.nextInt(3) == 0 ? null : "ch" + random.nextInt(4))
                    .country(COUNTRIES[random.nextInt(COUNTRIES.length)])
                    .city(random.nextInt(5) == 0 ? null : "city" + random.nextInt(5))
                    .device(devices[random.nextInt(devices.length)])
                    .ip(random.nextInt(10) == 0 ? null : "ip" + random.nextInt(1000));
            facts.add(f.build());
        }
        return facts;
    }
}
