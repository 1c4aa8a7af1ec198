package com.groupgate.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.id.GroupId;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolRoutingTest {
    private final GroupId a = GroupId.random();
    private final GroupId b = GroupId.random();
    private final GroupId c = GroupId.random();

    @Test
    void routesToTheFirstGroupWithRoom() {
        var pool = List.of(new PoolRouting.GroupFill(a, 100, 100), new PoolRouting.GroupFill(b, 3, 100),
                new PoolRouting.GroupFill(c, 0, 100));
        assertEquals(b, PoolRouting.route(pool, null).orElseThrow());
    }

    @Test
    void switchAfterJoinsLowersTheLimit() {
        var pool = List.of(new PoolRouting.GroupFill(a, 50, 100), new PoolRouting.GroupFill(b, 0, 100));
        assertEquals(b, PoolRouting.route(pool, 50).orElseThrow());
        assertEquals(a, PoolRouting.route(pool, 51).orElseThrow());
    }

    @Test
    void anExhaustedPoolRoutesNowhere() {
        var pool = List.of(new PoolRouting.GroupFill(a, 10, 10), new PoolRouting.GroupFill(b, 10, 10));
        assertTrue(PoolRouting.route(pool, null).isEmpty());
        assertTrue(PoolRouting.route(List.of(), null).isEmpty());
    }

    @Test
    void shardSharesSumToTheCapAndDifferByAtMostOne() {
        for (int cap : new int[] {1, 7, 8, 9, 100, 500, 1_000_000}) {
            int sum = 0;
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int s = 0; s < CounterShards.COUNT; s++) {
                int share = CounterShards.shareOf(cap, s);
                sum += share;
                min = Math.min(min, share);
                max = Math.max(max, share);
            }
            assertEquals(cap, sum);
            assertTrue(max - min <= 1);
        }
    }
}
