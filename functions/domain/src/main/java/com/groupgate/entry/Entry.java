package com.groupgate.entry;

import java.time.Instant;
import java.util.Optional;

/**
 * The real group behind a code: how a verified joiner gets in. Revealed only to a joiner
 * whose join was accepted, never in a scan answer. A group whose entry has expired counts
 * as full (live codes route past it; a group code answers {@code entry_expired}).
 */
public sealed interface Entry permits LinkEntry, ImageEntry {

    Platform platform();

    /** When the entry stops working (a WeChat group QR lasts 7 days), or empty when it does not. */
    Optional<Instant> expiresAt();

    /** Whether the entry no longer admits anyone at {@code now}. */
    default boolean expiredAt(Instant now) {
        return expiresAt().map(e -> !now.isBefore(e)).orElse(false);
    }

    /** Whether it expires within {@code seconds} of {@code now} (the dashboard warns a day ahead). */
    default boolean expiresWithin(Instant now, long seconds) {
        return expiresAt().map(e -> !now.plusSeconds(seconds).isBefore(e)).orElse(false);
    }
}
