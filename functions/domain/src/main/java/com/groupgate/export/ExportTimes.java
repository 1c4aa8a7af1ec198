package com.groupgate.export;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Times as an export writes them: ISO 8601 to the second in the tenant's zone, always with a
 * numeric offset ({@code 2026-11-26T08:00:00+08:00}, {@code 2026-11-26T00:00:00+00:00}),
 * so a row says both the local wall time and the instant.
 */
public final class ExportTimes {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private final ZoneId zone;

    public ExportTimes(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public String format(Instant at) {
        return at == null ? "" : FORMAT.format(at.atZone(zone));
    }

    /** Epoch seconds, as items store them; 0 (never set) is empty. */
    public String formatEpochSecond(long epochSecond) {
        return epochSecond <= 0 ? "" : format(Instant.ofEpochSecond(epochSecond));
    }
}
