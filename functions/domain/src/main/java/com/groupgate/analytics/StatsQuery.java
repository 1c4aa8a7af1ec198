package com.groupgate.analytics;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.groupgate.error.RefusalException;

/**
 * A checked stats request: range, series granularity and the reader's time zone.
 *
 * <p><b>Series buckets.</b> With {@code hour}, one point per UTC hour that overlaps the
 * range; in any zone whose offset is a whole number of hours these are its local clock
 * hours, and in others (e.g. Asia/Kolkata) the point starts at :30 local time rather than
 * split an hour nobody stored. With {@code day}, one point per local day of {@code zone}
 * that overlaps the range, DST-long and -short days included; a local day holds the hour
 * buckets whose UTC start falls in it.
 *
 * <p><b>What to read.</b> The series buckets together cover {@code [seriesFrom, seriesTo)},
 * the range widened outward to whole buckets. The reader reads the hour buckets starting
 * in {@code [readFrom(), readTo())}; it may read day buckets instead only when
 * {@link #dayBucketsSuffice()}.
 */
public record StatsQuery(StatsRange range, Granularity granularity, ZoneId zone) {

    public StatsQuery {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(zone, "zone");
    }

    /**
     * The query parameters of a stats route, checked. {@code granularity} defaults to
     * {@code day} and {@code tz} to {@code defaultZone} (the tenant's zone) when absent.
     *
     * @throws RefusalException a 400 naming {@code from}, {@code to}, {@code granularity}
     *                          or {@code tz}
     */
    public static StatsQuery parse(String from, String to, String granularity, String tz, ZoneId defaultZone) {
        Objects.requireNonNull(defaultZone, "defaultZone");
        ZoneId zone = tz == null ? defaultZone : parseZone(tz);
        StatsRange range = StatsRange.parse(from, to, zone);
        return new StatsQuery(range, parseGranularity(granularity), zone);
    }

    /** The start of each series point, in order. */
    public List<Instant> seriesStarts() {
        List<Instant> starts = new ArrayList<>();
        for (Instant s = seriesFrom(); s.isBefore(range.to()); s = nextSeriesStart(s)) {
            starts.add(s);
        }
        return starts;
    }

    /** The start of the series point after the one starting at {@code start}. */
    public Instant nextSeriesStart(Instant start) {
        if (granularity == Granularity.HOUR) {
            return start.plus(1, ChronoUnit.HOURS);
        }
        return start.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The start of the first series point: {@code from} rounded down to a whole bucket. */
    public Instant seriesFrom() {
        if (granularity == Granularity.HOUR) {
            return Granularity.HOUR.bucketStart(range.from());
        }
        return range.from().atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
    }

    /** The end of the last series point: {@code to} rounded up to a whole bucket. */
    public Instant seriesTo() {
        Instant end = seriesFrom();
        while (end.isBefore(range.to())) {
            end = nextSeriesStart(end);
        }
        return end;
    }

    /** The first hour bucket to read: the first whose UTC start is in the series. */
    public Instant readFrom() {
        return ceilHour(seriesFrom());
    }

    /** The hour bucket after the last one to read. */
    public Instant readTo() {
        return ceilHour(seriesTo());
    }

    /**
     * Whether UTC day buckets answer this query exactly: a day series in a zone that is
     * UTC throughout. Everything else must read hour buckets.
     */
    public boolean dayBucketsSuffice() {
        return granularity == Granularity.DAY
                && zone.getRules().isFixedOffset()
                && zone.getRules().getOffset(Instant.EPOCH).equals(ZoneOffset.UTC);
    }

    private static Instant ceilHour(Instant t) {
        Instant floor = Granularity.HOUR.bucketStart(t);
        return floor.equals(t) ? t : floor.plus(1, ChronoUnit.HOURS);
    }

    private static ZoneId parseZone(String tz) {
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw RefusalException.badField("tz", "must be a time zone id such as Asia/Shanghai");
        }
    }

    private static Granularity parseGranularity(String granularity) {
        if (granularity == null) {
            return Granularity.DAY;
        }
        switch (granularity) {
            case "hour":
                return Granularity.HOUR;
            case "day":
                return Granularity.DAY;
            default:
                throw RefusalException.badField("granularity", "must be hour or day");
        }
    }
}
