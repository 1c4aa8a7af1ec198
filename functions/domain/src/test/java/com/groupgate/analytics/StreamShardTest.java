package com.groupgate.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StreamShardTest {
    @Test
    void aShardIsNamedByItsStreamAndItsId() {
        StreamShard shard = new StreamShard("arn:aws:dynamodb:us-east-1:1:table/T/stream/S", "shardId-1");
        assertEquals("arn:aws:dynamodb:us-east-1:1:table/T/stream/S/shardId-1", shard.toString());
        assertEquals(shard, new StreamShard(shard.streamArn(), shard.shardId()));
    }

    @Test
    void bothPartsAreRequired() {
        assertEquals("shardId is required",
                assertThrows(IllegalArgumentException.class, () -> new StreamShard("arn", " ")).getMessage());
        assertEquals("streamArn is required",
                assertThrows(IllegalArgumentException.class, () -> new StreamShard(null, "shardId-1")).getMessage());
    }
}
