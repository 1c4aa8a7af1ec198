package com.groupgate.webhook;

import java.util.Locale;

/**
 * Why an endpoint was switched off: {@link #GONE} it answered 410; {@link #FAILING} three
 * days of failures; {@link #TENANT} the tenant switched it off.
 */
public enum DisabledReason {
    GONE, FAILING, TENANT;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** As on the wire and in the table. */
    public String wireName() {
        return wireName;
    }
}
