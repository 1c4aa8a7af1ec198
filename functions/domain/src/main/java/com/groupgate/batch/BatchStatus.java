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
}
