package com.groupgate.analytics;

import java.util.Objects;

/**
 * One stream record of a shard as the aggregate handler hands it to {@link ShardBatch}:
 * either a decoded {@link Fact} or poison (a record that cannot be decoded into one).
 * Poison is skipped and reported, and the checkpoint moves past it, so that it never
 * blocks its shard; the handler sends it to the failure destination for a person to read.
 */
public sealed interface ShardRecord permits ShardRecord.Decoded, ShardRecord.Poison {

    /** The record's stream sequence number, decimal digits. */
    String sequenceNumber();

    static ShardRecord of(String sequenceNumber, Fact fact) {
        return new Decoded(sequenceNumber, fact);
    }

    static ShardRecord poison(String sequenceNumber, String reason) {
        return new Poison(sequenceNumber, reason);
    }

    /** A record that decoded into a fact. */
    record Decoded(String sequenceNumber, Fact fact) implements ShardRecord {
        public Decoded {
            ShardCheckpoint.requireSequenceNumber(sequenceNumber, "sequenceNumber");
            Objects.requireNonNull(fact, "fact");
        }
    }

    /** A record that did not decode; {@code reason} says why, for the failure destination. */
    record Poison(String sequenceNumber, String reason) implements ShardRecord {
        public Poison {
            ShardCheckpoint.requireSequenceNumber(sequenceNumber, "sequenceNumber");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
