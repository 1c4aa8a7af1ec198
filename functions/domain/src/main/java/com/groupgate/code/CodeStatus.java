package com.groupgate.code;

import java.util.Locale;

/**
 * A group code's status. {@link #REVOKED} and {@link #SUPERSEDED} are stored; an
 * {@link #ACTIVE} code past its expiry reads as {@link #EXPIRED} ({@link GroupCode#statusAt}),
 * which is never stored.
 */
public enum CodeStatus {
    ACTIVE, REVOKED, SUPERSEDED, EXPIRED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** As on the wire and in the table. */
    public String wireName() {
        return wireName;
    }
}
