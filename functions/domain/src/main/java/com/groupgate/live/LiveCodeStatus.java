package com.groupgate.live;

import java.util.Locale;

/** A live code routes scans while {@link #ACTIVE}; a {@link #REVOKED} one never again. */
public enum LiveCodeStatus {
    ACTIVE, REVOKED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** As on the wire and in the table. */
    public String wireName() {
        return wireName;
    }
}
