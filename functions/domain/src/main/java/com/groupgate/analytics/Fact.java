package com.groupgate.analytics;

import com.groupgate.code.Channel;
import com.groupgate.id.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One analytics fact as the aggregate handler decodes it from a stream record: a scan
 * (accepted or refused) or a join. Facts are the only input to rollups and usage.
 *
 * <p>The constructor refuses anything a rollup could not count; the handler treats such a
 * record as poison (see {@link ShardRecord.Poison}) so that one bad record never blocks
 * its shard.
 *
 * <p>Identifiers (tenant, code, group, live code) must not contain {@code '#'}, because
 * they become parts of table keys joined by {@code '#'} (see {@link RollupKey}). The
 * where/what fields (country … app) describe the scanner and are required for scans; joins
 * do not count toward breakdowns, so there they may be null and are ignored.
 *
 * @param factId     unique per fact; used for diagnostics only, never for counting
 * @param outcome    for SCAN: {@code accepted} or a refusal code; for JOIN: {@code joined}
 * @param codeId     the code scanned or joined through, or null (e.g. a live-code scan)
 * @param groupId    the group scanned into, or null (e.g. an exhausted live-code pool)
 * @param liveCodeId the live code scanned, or null
 * @param channel    the code's channel, or null; counted under {@link #NO_CHANNEL}
 * @param city       null when unknown; counted under {@link #UNKNOWN_CITY}
 * @param device     {@code phone}, {@code tablet} or {@code desktop}
 * @param app        the in-app browser the scan came from
 * @param ipHash     keyed hash of the scanner's IP, or null; feeds unique scanners
 * @param label      the code's label, or null; counted under {@link LabelKey#of}
 */
public record Fact(
        String factId,
        FactType type,
        Instant at,
        String outcome,
        TenantId tenantId,
        String codeId,
        String groupId,
        String liveCodeId,
        Channel channel,
        String country,
        String region,
        String city,
        String device,
        String os,
        String app,
        String ipHash,
        String label) {

    public static final String ACCEPTED = "accepted";
    public static final String JOINED = "joined";
    /** Refusal codes a scan fact may carry; they match {@code com.groupgate.error.Refusal}. */
    public static final Set<String> SCAN_REFUSALS =
            Set.of("expired", "revoked", "superseded", "geo_blocked", "daily_limit", "group_full", "archived",
                    "entry_expired");
    public static final Set<String> DEVICES = Set.of("phone", "tablet", "desktop");
    /** The channel bucket of codes without one; cannot collide, as no {@link Channel} holds parentheses. */
    public static final String NO_CHANNEL = "(none)";
    public static final String UNKNOWN_CITY = "unknown";

    public Fact {
        requireText(factId, "factId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(tenantId, "tenantId");
        requireOptionalKeyPart(codeId, "codeId");
        requireOptionalKeyPart(groupId, "groupId");
        requireOptionalKeyPart(liveCodeId, "liveCodeId");
        if (type == FactType.SCAN) {
            if (!outcome.equals(ACCEPTED) && !SCAN_REFUSALS.contains(outcome)) {
                throw new IllegalArgumentException("outcome of a scan must be accepted or a refusal code: " + outcome);
            }
            requireText(country, "country");
            requireText(region, "region");
            requireText(device, "device");
            if (!DEVICES.contains(device)) {
                throw new IllegalArgumentException("device must be phone, tablet or desktop: " + device);
            }
            requireText(os, "os");
            requireText(app, "app");
        } else if (!outcome.equals(JOINED)) {
            throw new IllegalArgumentException("outcome of a join must be joined: " + outcome);
        }
        if (city != null && city.isBlank()) {
            throw new IllegalArgumentException("city must be null or not blank");
        }
        if (ipHash != null && ipHash.isEmpty()) {
            throw new IllegalArgumentException("ipHash must be null or not empty");
        }
        if (label != null && label.isEmpty()) {
            throw new IllegalArgumentException("label must be null or not empty");
        }
    }

    /** A fact of a code without a label (or of none). */
    public Fact(String factId, FactType type, Instant at, String outcome, TenantId tenantId, String codeId,
            String groupId, String liveCodeId, Channel channel, String country, String region, String city,
            String device, String os, String app, String ipHash) {
        this(factId, type, at, outcome, tenantId, codeId, groupId, liveCodeId, channel, country, region, city, device,
                os, app, ipHash, null);
    }

    public boolean isScan() {
        return type == FactType.SCAN;
    }

    /** An accepted scan: what billing calls a verified scan and conversion divides by. */
    public boolean isAcceptedScan() {
        return type == FactType.SCAN && outcome.equals(ACCEPTED);
    }

    public boolean isJoin() {
        return type == FactType.JOIN;
    }

    /** The channel bucket this fact counts under. */
    public String channelBucket() {
        return channel == null ? NO_CHANNEL : channel.value();
    }

    /** The label bucket (a rollup id) this fact counts under. */
    public String labelBucket() {
        return LabelKey.of(label);
    }

    /** The city bucket this fact counts under. */
    public String cityBucket() {
        return city == null ? UNKNOWN_CITY : city;
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requireKeyPart(String value, String name) {
        requireText(value, name);
        if (value.indexOf('#') >= 0) {
            throw new IllegalArgumentException(name + " must not contain '#': " + value);
        }
    }

    private static void requireOptionalKeyPart(String value, String name) {
        if (value != null) {
            requireKeyPart(value, name);
        }
    }
}
