package com.groupgate.scan;

import java.util.Locale;

/** The operating system a scan came from; {@code OTHER} when the User-Agent names none we track. Wire names are lowercase ({@link #wireName}). */
public enum Os {
    ANDROID, IOS, HARMONYOS, WINDOWS, MACOS, LINUX, OTHER;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The name in analytics facts and API answers. */
    public String wireName() {
        return wireName;
    }
}
