package com.groupgate.analytics;

import java.util.Objects;

/**
 * How far a shard's facts have been counted. DynamoDB stream sequence numbers are decimal
 * strings of up to about 40 digits that increase within a shard, so they compare as
 * numbers: a longer number (leading zeros aside) is larger, and equal lengths compare
 * digit by digit. They do not fit a {@code long}, and compared as plain strings "9" would
 * come after "10".
 *
 * <p>The rule that makes counting exactly-once: a record counts toward an item only if its
 * sequence number is after the item's watermark for the shard, and the watermark moves in
 * the same conditional write as the counts (see {@link ShardBatch}).
 */
public final class ShardCheckpoint {
    private ShardCheckpoint() {
    }

    /**
     * Whether {@code seq} comes after {@code checkpoint}; every record is after a missing
     * ({@code null}) checkpoint.
     *
     * @throws IllegalArgumentException if either is not a decimal sequence number
     */
    public static boolean isAfter(String seq, String checkpoint) {
        requireSequenceNumber(seq, "seq");
        if (checkpoint == null) {
            return true;
        }
        requireSequenceNumber(checkpoint, "checkpoint");
        return compare(seq, checkpoint) > 0;
    }

    /** Compares two sequence numbers numerically; negative, zero or positive. */
    public static int compare(String a, String b) {
        requireSequenceNumber(a, "a");
        requireSequenceNumber(b, "b");
        String x = stripLeadingZeros(a);
        String y = stripLeadingZeros(b);
        if (x.length() != y.length()) {
            return Integer.compare(x.length(), y.length());
        }
        return x.compareTo(y); // same length, ASCII digits: string order is numeric order
    }

    /** Checks that {@code value} is a non-empty string of ASCII digits, naming it if not. */
    public static String requireSequenceNumber(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(name + " must be decimal digits: " + value);
            }
        }
        return value;
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}
