package com.groupgate.analytics;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.groupgate.error.RefusalException;

/**
 * The {@code from}/{@code to} of a stats request: a half-open interval of at most
 * {@link #MAX_LENGTH}. Refusals name the field at fault.
 */
public record StatsRange(Instant from, Instant to) {
    /** The longest range one request may ask for; bounds the items one read touches. */
    public static final Duration MAX_LENGTH = Duration.ofDays(90);
    private static final Duration ONE_HOUR = Duration.ofHours(1);
    private static final Duration ONE_DAY = Duration.ofDays(1);

    public StatsRange {
        if (from == null) {
            throw RefusalException.badField("from", "is required");
        }
        if (to == null) {
            throw RefusalException.badField("to", "is required");
        }
        if (!from.isBefore(to)) {
            throw RefusalException.badField("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_LENGTH) > 0) {
            throw RefusalException.badField("to", "must be at most 90 days after from");
        }
    }

    /**
     * The fewest stored buckets that together hold exactly this range widened outward to
     * whole UTC hours, in time order: hour buckets for the part-days at either end, day
     * buckets for the whole UTC days between. A day bucket counts what its 24 hours count,
     * so the sum is the same as over hours alone, from at most 23 + 90 + 23 buckets
     * instead of 2,160.
     */
    public List<RollupBucket> coveringBuckets() {
        Instant first = Granularity.HOUR.bucketStart(from);
        Instant end = Granularity.HOUR.isBucketStart(to) ? to : Granularity.HOUR.bucketStart(to).plus(ONE_HOUR);
        Instant firstDay = Granularity.DAY.isBucketStart(first) ? first : Granularity.DAY.bucketStart(first).plus(ONE_DAY);
        Instant lastDayEnd = Granularity.DAY.bucketStart(end);
        List<RollupBucket> out = new ArrayList<>();
        if (!firstDay.isBefore(lastDayEnd)) {
            hours(first, end, out);
            return List.copyOf(out);
        }
        hours(first, firstDay, out);
        for (Instant d = firstDay; d.isBefore(lastDayEnd); d = d.plus(ONE_DAY)) {
            out.add(new RollupBucket(Granularity.DAY, d));
        }
        hours(lastDayEnd, end, out);
        return List.copyOf(out);
    }

    private static void hours(Instant from, Instant to, List<RollupBucket> out) {
        for (Instant h = from; h.isBefore(to); h = h.plus(ONE_HOUR)) {
            out.add(new RollupBucket(Granularity.HOUR, h));
        }
    }

    /**
     * The range written in a request. Each bound is ISO-8601: an instant with an offset
     * ({@code 2026-11-26T00:00:00+08:00}, {@code …Z}), or a local date-time or date, which
     * is read in {@code zone} (a date means its first moment).
     */
    public static StatsRange parse(String from, String to, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        return new StatsRange(parseInstant(from, "from", zone), parseInstant(to, "to", zone));
    }

    private static Instant parseInstant(String text, String field, ZoneId zone) {
        if (text == null || text.isBlank()) {
            throw RefusalException.badField(field, "is required");
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException withOffset) {
            // Not an instant; try the zone-local forms below.
        }
        try {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeException local) {
            // Not a local date-time either.
        }
        try {
            return LocalDate.parse(text).atStartOfDay(zone).toInstant();
        } catch (DateTimeException date) {
            throw RefusalException.badField(field, "must be an ISO-8601 date-time or date");
        }
    }
}
