package com.groupgate.batch;

import java.util.Locale;

/** Where a batch is: queued until a worker takes it, running, then done (its ZIP stored) or failed. */
public enum BatchStatus {
    QUEUED,
    RUNNING,
    DONE,
    FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status a stored wire name names; anything else is a broken item. */
    public static BatchStatus parse(String wireName) {
        for (BatchStatus s : values()) {
            if (s.wireName().equals(wireName)) {
                return s;
            }
        }
        throw new IllegalArgumentException("not a batch status: " + wireName);
    }
}
