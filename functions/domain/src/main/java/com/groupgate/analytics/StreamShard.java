package com.groupgate.analytics;

/**
 * The one shard of a DynamoDB stream whose records a batch holds: the unit the aggregate
 * function counts in order and keeps a checkpoint for. Sequence numbers compare only
 * within a shard, so a checkpoint shared by two shards would let one skip the other's
 * records; Lambda names the shard in tumbling-window invocations ({@code shardId}).
 *
 * @param streamArn the stream ({@code eventSourceARN})
 * @param shardId   the shard within it, such as {@code shardId-00000001700000000000-1a2b3c4d}
 */
public record StreamShard(String streamArn, String shardId) {
    public StreamShard {
        requireText(streamArn, "streamArn");
        requireText(shardId, "shardId");
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    @Override
    public String toString() {
        return streamArn + "/" + shardId;
    }
}
