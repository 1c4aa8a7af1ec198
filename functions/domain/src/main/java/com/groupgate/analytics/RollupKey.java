package com.groupgate.analytics;

import com.groupgate.id.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The identity of one rollup item: a tenant, what it is kept per, and one UTC bucket.
 *
 * <p>Hours are UTC hours and days are UTC days. Day and range queries in other time zones
 * are answered by summing hour buckets (see {@link Stats}); day buckets are only a
 * shortcut for readers in UTC.
 *
 * <p>Table form: {@code pk = "T#<tenant>#<DIMENSION>#<id>"}, {@code sk = "H#2026-11-26T03"}
 * or {@code "D#2026-11-26"}. Sort keys of one partition sort by time within a granularity,
 * so a range read is one Query with {@code BETWEEN}. For {@link Dimension#TENANT} the id is
 * the tenant id itself.
 *
 * @param dimensionId the code, group or live code id, the channel or label bucket, or the tenant id
 * @param bucketStart the UTC start of the bucket; must be aligned to {@code granularity}
 */
public record RollupKey(
        TenantId tenantId, Dimension dimension, String dimensionId, Granularity granularity, Instant bucketStart) {

    /**
     * The most keys one fact touches: seven dimensions at two granularities. A literal, so
     * that transaction sizing can be a constant; a test holds it to the enums.
     */
    public static final int MAX_KEYS_PER_FACT = 14;

    private static final String SEPARATOR = "#";
    private static final DateTimeFormatter HOUR_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH");

    public RollupKey {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(dimension, "dimension");
        requireKeyPart(dimensionId, "dimensionId");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(bucketStart, "bucketStart");
        if (!granularity.isBucketStart(bucketStart)) {
            throw new IllegalArgumentException("bucketStart must start a UTC " + granularity + ": " + bucketStart);
        }
        if (dimension == Dimension.TENANT && !dimensionId.equals(tenantId.text())) {
            throw new IllegalArgumentException("dimensionId of a TENANT key must be the tenant id: " + dimensionId);
        }
    }

    /** The key of the bucket of {@code granularity} that holds {@code at}. */
    public static RollupKey of(TenantId tenantId, Dimension dimension, String dimensionId, Granularity granularity,
            Instant at) {
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(at, "at");
        return new RollupKey(tenantId, dimension, dimensionId, granularity, granularity.bucketStart(at));
    }

    /**
     * Every rollup item {@code fact} counts toward, in a fixed order: each applicable
     * dimension (tenant, code, group, live code, channel, label, group and label) at each
     * granularity.
     */
    public static List<RollupKey> forFact(Fact fact) {
        Objects.requireNonNull(fact, "fact");
        List<RollupKey> keys = new ArrayList<>(MAX_KEYS_PER_FACT);
        for (Granularity g : Granularity.values()) {
            keys.add(of(fact.tenantId(), Dimension.TENANT, fact.tenantId().text(), g, fact.at()));
            if (fact.codeId() != null) {
                keys.add(of(fact.tenantId(), Dimension.CODE, fact.codeId(), g, fact.at()));
            }
            if (fact.groupId() != null) {
                keys.add(of(fact.tenantId(), Dimension.GROUP, fact.groupId(), g, fact.at()));
            }
            if (fact.liveCodeId() != null) {
                keys.add(of(fact.tenantId(), Dimension.LIVE_CODE, fact.liveCodeId(), g, fact.at()));
            }
            keys.add(of(fact.tenantId(), Dimension.CHANNEL, fact.channelBucket(), g, fact.at()));
            keys.add(of(fact.tenantId(), Dimension.LABEL, fact.labelBucket(), g, fact.at()));
            if (fact.groupId() != null) {
                keys.add(of(fact.tenantId(), Dimension.GROUP_LABEL, GroupLabelKey.of(fact.groupId(),
                        fact.labelBucket()), g, fact.at()));
            }
        }
        return keys;
    }

    /** The partition key of every bucket of this tenant's {@code dimension}/{@code dimensionId}. */
    public static String partitionKey(TenantId tenantId, Dimension dimension, String dimensionId) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(dimension, "dimension");
        requireKeyPart(dimensionId, "dimensionId");
        return "T" + SEPARATOR + tenantId.text() + SEPARATOR + dimension.name() + SEPARATOR + dimensionId;
    }

    /** The sort key of the bucket starting at {@code bucketStart}. */
    public static String sortKey(Granularity granularity, Instant bucketStart) {
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(bucketStart, "bucketStart");
        if (!granularity.isBucketStart(bucketStart)) {
            throw new IllegalArgumentException("bucketStart must start a UTC " + granularity + ": " + bucketStart);
        }
        LocalDateTime utc = LocalDateTime.ofInstant(bucketStart, ZoneOffset.UTC);
        return granularity == Granularity.HOUR
                ? "H" + SEPARATOR + HOUR_FORMAT.format(utc)
                : "D" + SEPARATOR + DateTimeFormatter.ISO_LOCAL_DATE.format(utc);
    }

    public String pk() {
        return partitionKey(tenantId, dimension, dimensionId);
    }

    public String sk() {
        return sortKey(granularity, bucketStart);
    }

    /** The exclusive end of this bucket. */
    public Instant bucketEnd() {
        return bucketStart.plus(granularity.length());
    }

    /** The key written as {@code pk} and {@code sk}; the inverse of {@link #pk()} and {@link #sk()}. */
    public static RollupKey parse(String pk, String sk) {
        Objects.requireNonNull(pk, "pk");
        Objects.requireNonNull(sk, "sk");
        String[] p = pk.split(SEPARATOR, -1);
        if (p.length != 4 || !p[0].equals("T")) {
            throw new IllegalArgumentException("pk must be T#<tenant>#<DIMENSION>#<id>: " + pk);
        }
        Dimension dimension;
        try {
            dimension = Dimension.valueOf(p[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pk names no dimension: " + pk);
        }
        TenantId tenantId = TenantId.parse(p[1])
                .orElseThrow(() -> new IllegalArgumentException("pk names no tenant: " + pk));
        String[] s = sk.split(SEPARATOR, -1);
        if (s.length != 2) {
            throw new IllegalArgumentException("sk must be H#<hour> or D#<day>: " + sk);
        }
        try {
            switch (s[0]) {
                case "H":
                    return new RollupKey(tenantId, dimension, p[3], Granularity.HOUR,
                            LocalDateTime.parse(s[1], HOUR_FORMAT).toInstant(ZoneOffset.UTC));
                case "D":
                    return new RollupKey(tenantId, dimension, p[3], Granularity.DAY,
                            LocalDate.parse(s[1]).atStartOfDay(ZoneOffset.UTC).toInstant());
                default:
                    throw new IllegalArgumentException("sk must be H#<hour> or D#<day>: " + sk);
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("sk holds no bucket time: " + sk, e);
        }
    }

    private static void requireKeyPart(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.contains(SEPARATOR)) {
            throw new IllegalArgumentException(name + " must be non-blank and free of '#': " + value);
        }
    }
}
