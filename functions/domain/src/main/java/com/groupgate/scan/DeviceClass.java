package com.groupgate.scan;

import java.util.Locale;

/** The kind of device a scan came from. Wire names are lowercase ({@link #wireName}). */
public enum DeviceClass {
    PHONE, TABLET, DESKTOP;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The name in analytics facts and API answers. */
    public String wireName() {
        return wireName;
    }
}
