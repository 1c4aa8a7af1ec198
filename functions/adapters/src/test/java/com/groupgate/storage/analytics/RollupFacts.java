package com.groupgate.storage.analytics;

import com.groupgate.analytics.Fact;
import com.groupgate.analytics.FactType;
import com.groupgate.analytics.RollupDelta;
import com.groupgate.analytics.RollupKey;
import com.groupgate.analytics.StreamShard;
import com.groupgate.analytics.UsageDelta;
import com.groupgate.analytics.UsageKey;
import com.groupgate.code.Channel;
import com.groupgate.id.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Writes facts' counts to the emulated AnalyticsTable through the production
 * {@link RollupWriter}, as the aggregate function does, for the readers' tests.
 */
final class RollupFacts {
    private final RollupWriter writer;
    private final StreamShard shard = new StreamShard("arn:aws:dynamodb:us-east-1:123456789012:table/MainTable/stream/"
            + UUID.randomUUID(), "shardId-" + UUID.randomUUID());
    private long sequence;

    RollupFacts(RollupWriter writer) {
        this.writer = writer;
    }

    static Fact scan(TenantId tenant, String code, String group, String channel, Instant at) {
        return new Fact(UUID.randomUUID().toString(), FactType.SCAN, at, Fact.ACCEPTED, tenant, code, group, null,
                Channel.of(channel), "CN", "CN-BJ", "Beijing", "phone", "ios", "wechat", UUID.randomUUID().toString());
    }

    static Fact join(TenantId tenant, String code, String group, String channel, Instant at) {
        return new Fact(UUID.randomUUID().toString(), FactType.JOIN, at, Fact.JOINED, tenant, code, group, null,
                Channel.of(channel), null, null, null, null, null, null, null);
    }

    /** Counts each fact on every rollup item and the usage item it belongs to, one update each. */
    void count(List<Fact> facts) {
        for (Fact f : facts) {
            String through = String.format("%021d", ++sequence);
            for (RollupKey key : RollupKey.forFact(f)) {
                RollupWriter.ItemState state = writer.rollupStates(shard, List.of(key)).get(key);
                writer.applyRollup(shard, key, state, RollupDelta.of(f), through).orElseThrow();
            }
            UsageKey usage = UsageKey.of(f.tenantId(), f.at());
            RollupWriter.ItemState state = writer.usageStates(shard, List.of(usage)).get(usage);
            writer.applyUsage(shard, usage, state, UsageDelta.of(f), through).orElseThrow();
        }
    }
}
