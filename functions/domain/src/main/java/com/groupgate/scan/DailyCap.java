package com.groupgate.scan;

import com.groupgate.error.RefusalException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The daily scan cap of a code: at most {@code cap} accepted scans per day, where the day
 * is the tenant's calendar day in the tenant's time zone.
 *
 * <p><b>Counting design.</b> The scan path keeps one counter per code and day (keyed by
 * {@link #dayKey}) and performs a single atomic increment (a DynamoDB {@code ADD} returning
 * the new value), then accepts iff the post-increment value is at most the cap
 * ({@link #accepts}). Increments are serialised by the store, so with N concurrent
 * scanners each sees a distinct value 1..N and exactly {@code min(N, cap)} see a value
 * within the cap: exact under any concurrency, with one write per scan and no read first.
 * Refused scans also increment, which is harmless: the counter is only compared against
 * the cap, and {@code scansToday} reported to tenants is accepted scans, min(counter, cap).
 * The counter item expires (TTL) after its day has passed, so the key needs no cleanup.
 */
public final class DailyCap {
    public static final int DEFAULT_CAP = 500;
    public static final int MIN_CAP = 1;
    public static final int MAX_CAP = 1_000_000;
    /** The tenant time zone when none was chosen. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    private DailyCap() {
    }

    /** The calendar day of {@code now} in {@code zone}, ISO form ({@code 2026-11-26}). */
    public static String dayKey(Instant now, ZoneId zone) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(zone, "zone");
        return LocalDate.ofInstant(now, zone).toString();
    }

    /**
     * Whole seconds from {@code now} until the next day starts in {@code zone}, rounded up
     * and at least 1: the {@code Retry-After} of a {@code daily_limit} refusal. Days are
     * measured by the zone's rules, so the answer is right on days of 23 or 25 hours and
     * in zones where midnight does not exist on some dates (the day then starts at the
     * first valid instant).
     */
    public static long secondsUntilNextDay(Instant now, ZoneId zone) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(zone, "zone");
        ZonedDateTime nextDay = LocalDate.ofInstant(now, zone).plusDays(1).atStartOfDay(zone);
        Duration remaining = Duration.between(now, nextDay.toInstant());
        long seconds = remaining.getSeconds() + (remaining.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /** The instant the day after {@code now}'s day starts in {@code zone}; counters may expire after it. */
    public static Instant nextDayStart(Instant now, ZoneId zone) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(zone, "zone");
        return LocalDate.ofInstant(now, zone).plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** Whether the scan that moved the day's counter to {@code countAfterIncrement} is within the cap. */
    public static boolean accepts(long countAfterIncrement, int cap) {
        return countAfterIncrement <= cap;
    }

    /**
     * The cap a tenant asked for, or {@value #DEFAULT_CAP} when absent.
     *
     * @throws RefusalException naming {@code dailyScanLimit} when outside
     *     {@value #MIN_CAP}..{@value #MAX_CAP}
     */
    public static int validateCap(Integer requested) {
        if (requested == null) {
            return DEFAULT_CAP;
        }
        if (requested < MIN_CAP || requested > MAX_CAP) {
            throw RefusalException.badField("dailyScanLimit",
                    "must be " + MIN_CAP + ".." + MAX_CAP + ", got " + requested);
        }
        return requested;
    }

    /**
     * The tenant time zone named by {@code text} (an IANA id such as {@code Europe/Berlin}),
     * or {@link #DEFAULT_ZONE} when absent.
     *
     * @throws RefusalException naming {@code timezone} when it names no zone
     */
    public static ZoneId zoneOrDefault(String text) {
        if (text == null) {
            return DEFAULT_ZONE;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw RefusalException.badField("timezone", "must be an IANA time zone id like Asia/Shanghai");
        }
    }
}
