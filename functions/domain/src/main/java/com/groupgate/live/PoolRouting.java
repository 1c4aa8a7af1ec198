package com.groupgate.live;

import com.groupgate.id.GroupId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a live code (活码) sends the next scanner: the first group of its ordered pool
 * that is open and has room, where room means {@code members < min(capacity,
 * switchAfterJoins)}. When that group fills, the next scans go to the next group without
 * any tenant action; an exhausted pool routes nowhere (409 group_full). A group that is
 * not open (archived) is passed over whatever its room.
 */
public final class PoolRouting {
    /** Most groups one pool may hold. */
    public static final int MAX_POOL = 100;

    private PoolRouting() {
    }

    /** A pool member as last seen: its id, members and capacity, and whether it takes joins at all. */
    public record GroupFill(GroupId groupId, long members, int capacity, boolean open) {
        public GroupFill {
            Objects.requireNonNull(groupId, "groupId");
            if (members < 0 || capacity < 1) {
                throw new IllegalArgumentException("members must be >= 0 and capacity >= 1");
            }
        }

        /** An open group. */
        public GroupFill(GroupId groupId, long members, int capacity) {
            this(groupId, members, capacity, true);
        }
    }

    /** The seat limit of a pool member: its capacity, lowered by switchAfterJoins when set. */
    public static long limit(int capacity, Integer switchAfterJoins) {
        return switchAfterJoins == null ? capacity : Math.min(capacity, switchAfterJoins);
    }

    /** The first group in pool order with room, or empty when the pool is exhausted. */
    public static Optional<GroupId> route(List<GroupFill> poolInOrder, Integer switchAfterJoins) {
        Objects.requireNonNull(poolInOrder, "poolInOrder");
        for (GroupFill g : poolInOrder) {
            if (g.open() && g.members() < limit(g.capacity(), switchAfterJoins)) {
                return Optional.of(g.groupId());
            }
        }
        return Optional.empty();
    }
}
