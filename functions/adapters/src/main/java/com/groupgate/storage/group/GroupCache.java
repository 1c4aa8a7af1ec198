package com.groupgate.storage.group;

import com.groupgate.group.Group;
import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scan path's memory of groups: the display text a landing page shows and what makes a
 * group closed (archived, its entry expired), read at most once per {@link #FRESH_FOR} per
 * container, so a tenant's edit shows within a minute and a scan still costs no read in
 * the common case. Joins never decide from it: they read the group again.
 */
public final class GroupCache {
    public static final Duration FRESH_FOR = Duration.ofSeconds(60);
    private static final int MAX_ENTRIES = 10_000;

    private final GroupTable groups;
    private final Clock clock;
    private final Map<String, Cached> entries = new ConcurrentHashMap<>();

    private record Cached(Group group, Instant readAt) {
    }

    public GroupCache(GroupTable groups, Clock clock) {
        this.groups = groups;
        this.clock = clock;
    }

    public Optional<Group> get(TenantId tenantId, GroupId groupId) {
        String key = tenantId + "/" + groupId;
        Cached c = entries.get(key);
        Instant now = clock.instant();
        if (c != null && now.isBefore(c.readAt().plus(FRESH_FOR))) {
            return Optional.of(c.group());
        }
        Optional<Group> read = groups.find(tenantId, groupId);
        if (read.isEmpty()) {
            entries.remove(key);
            return read;
        }
        if (entries.size() > MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Cached(read.get(), now));
        return read;
    }
}
