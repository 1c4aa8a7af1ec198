package com.groupgate.storage.live;

import com.groupgate.group.Group;
import com.groupgate.id.CampaignId;
import com.groupgate.id.LiveCodeId;
import com.groupgate.id.TenantId;
import com.groupgate.live.LiveCode;
import com.groupgate.storage.group.PoolGroups;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scan path's short memory of live codes and their pools' fill, so a viral code does
 * not read its items on every scan. Staleness is bounded by {@link #FRESH_FOR} and never
 * decides anything that matters: the counting write is refused by DynamoDB when the pool
 * changed ({@code poolVersion}), and joins re-route against fresh reads.
 */
public final class LiveCodeCache {
    public static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private final LiveCodeTable live;
    private final PoolGroups pools;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** A live code with its pool's groups as last read, and the referral campaign it runs (null for none). */
    public record Entry(LiveCode code, List<Group> groups, Instant readAt, CampaignId campaignId) {
    }

    public LiveCodeCache(LiveCodeTable live, PoolGroups pools, Clock clock) {
        this.live = live;
        this.pools = pools;
        this.clock = clock;
    }

    public Optional<Entry> get(TenantId tenantId, LiveCodeId liveCodeId) {
        Entry e = entries.get(tenantId + "/" + liveCodeId);
        if (e != null && clock.instant().isBefore(e.readAt().plus(FRESH_FOR))) {
            return Optional.of(e);
        }
        return reload(tenantId, liveCodeId);
    }

    /** Forgets what this container knows of a live code, e.g. after a join changed its pool's fill. */
    public void invalidate(TenantId tenantId, LiveCodeId liveCodeId) {
        entries.remove(tenantId + "/" + liveCodeId);
    }

    /** Reads the live code and its pool again, strongly consistent. */
    public Optional<Entry> reload(TenantId tenantId, LiveCodeId liveCodeId) {
        String key = tenantId + "/" + liveCodeId;
        Optional<LiveCodeTable.Marked> marked = live.findMarked(tenantId, liveCodeId);
        if (marked.isEmpty()) {
            entries.remove(key);
            return Optional.empty();
        }
        LiveCode code = marked.get().code();
        Entry e = new Entry(code, pools.read(tenantId, code.groupIds(), true), clock.instant(), marked.get().campaignId());
        if (entries.size() > 10_000) {
            entries.clear();
        }
        entries.put(key, e);
        return Optional.of(e);
    }
}
