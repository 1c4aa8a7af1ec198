package com.groupgate.analytics;

import com.groupgate.code.Channel;
import com.groupgate.id.TenantId;
import com.groupgate.scan.ClientContext;
import com.groupgate.scan.UserAgentClass;
import java.time.Instant;
import java.util.Objects;

/**
 * A fact as the scan and join paths record it, before the aggregate counts it: what
 * happened (a scan or a join), when, through which code, group, live code and channel,
 * where from and on what device — and a keyed hash of the client address, never the
 * address. Built by the services; turned into stored attributes and back by one codec at
 * the edge ({@code com.groupgate.fact.FactCodec}).
 *
 * <p>A fact's outcome is either known when it is written ({@code joined}, a refusal decided
 * before counting, a live code's counted scan) or decided by the count it rides on: a
 * group code's scan carries the day it was counted on and the cap it was counted against,
 * and its outcome is what that count left ({@link #decide}).
 *
 * @param outcome   null while the count decides it
 * @param countedOn the day (tenant's zone) of the count that decides the outcome; null otherwise
 * @param cap       the daily cap of that count; null otherwise
 * @param label     the code's label, or null
 */
// Fact's fields and the deciding count; not one record, as Fact's constructor is the aggregate's
// poison gate (outcome and place known), which a fact being written need not pass yet: see #toFact.
public record RecordedFact(
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
        String countedOn,
        Integer cap,
        String label) {

    /** A fact of a code without a label (or of none). */
    public RecordedFact(String factId, FactType type, Instant at, String outcome, TenantId tenantId, String codeId,
            String groupId, String liveCodeId, Channel channel, String country, String region, String city,
            String device, String os, String app, String ipHash, String countedOn, Integer cap) {
        this(factId, type, at, outcome, tenantId, codeId, groupId, liveCodeId, channel, country, region, city, device,
                os, app, ipHash, countedOn, cap, null);
    }

    /** Where every fact of one request comes from: the time, the client and its keyed address hash. */
    public record Origin(Instant at, ClientContext client, UserAgentClass agent, String ipHash) {
        public Origin {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(agent, "agent");
        }
    }

    public RecordedFact {
        if (factId == null || factId.isBlank()) {
            throw new IllegalArgumentException("factId: required");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        if (tenantId == null) {
            throw new IllegalArgumentException("tenantId: required");
        }
        if ((countedOn == null) != (cap == null)) {
            throw new IllegalArgumentException("countedOn and cap come together");
        }
        if (outcome == null && countedOn == null) {
            throw new IllegalArgumentException("a fact without an outcome must carry the count that decides it");
        }
    }

    /** A scan through {@code codeId} (a group code) or {@code liveCodeId}, its outcome not yet known. */
    public static Builder scan(Origin origin, TenantId tenantId) {
        return new Builder(FactType.SCAN, origin, tenantId);
    }

    /** A member joining, as the join or approval records it. */
    public static Builder join(Origin origin, TenantId tenantId) {
        return new Builder(FactType.JOIN, origin, tenantId).outcome(Fact.JOINED);
    }

    /** This fact with {@code value} as its outcome (a refusal decided before counting, say). */
    public RecordedFact withOutcome(String value) {
        return new RecordedFact(factId, type, at, Objects.requireNonNull(value, "outcome"), tenantId, codeId, groupId,
                liveCodeId, channel, country, region, city, device, os, app, ipHash, null, null, label);
    }

    /** This fact counted on {@code day} against {@code dailyCap}: its outcome is what the count leaves. */
    public RecordedFact countedAgainst(String day, int dailyCap) {
        return new RecordedFact(factId, type, at, null, tenantId, codeId, groupId, liveCodeId, channel, country,
                region, city, device, os, app, ipHash, Objects.requireNonNull(day, "day"), dailyCap, label);
    }

    /** This fact at {@code when} (an approval records the join when it is decided). */
    public RecordedFact at(Instant when) {
        return new RecordedFact(factId, type, when, outcome, tenantId, codeId, groupId, liveCodeId, channel, country,
                region, city, device, os, app, ipHash, countedOn, cap, label);
    }

    /**
     * The fact the aggregate counts: this one with {@code decided} as its outcome, and
     * {@code unknownPlace} for a scan's country or region that was not known (the request
     * did not come through our CloudFront, so geo was not trusted).
     *
     * @throws IllegalArgumentException or NullPointerException when a rollup could not count it
     */
    public Fact toFact(String decided, String unknownPlace) {
        boolean scan = type == FactType.SCAN;
        return new Fact(factId, type, at, decided, tenantId, codeId, groupId, liveCodeId, channel,
                scan && country == null ? unknownPlace : country, scan && region == null ? unknownPlace : region,
                city, device, os, app, ipHash, label);
    }

    /**
     * The outcome, deciding it from the count it rode on when it was not known at write:
     * the code's status when not active, else accepted iff the day's count is within the
     * cap ({@link com.groupgate.scan.DailyCap#accepts}) — what the scanner was told.
     *
     * @param codeStatus the counted item's status after the write
     * @param countOnDay the counted item's count for {@link #countedOn} after the write
     */
    public String decide(String codeStatus, Long countOnDay) {
        if (outcome != null) {
            return outcome;
        }
        if (codeStatus == null) {
            throw new IllegalArgumentException("a counted fact must ride on an item with a status");
        }
        if (!codeStatus.equals("active")) {
            return codeStatus;
        }
        if (countOnDay == null) {
            throw new IllegalArgumentException("a counted fact needs the count of its day");
        }
        return com.groupgate.scan.DailyCap.accepts(countOnDay, cap) ? Fact.ACCEPTED : "daily_limit";
    }

    /** Builds the fields every fact of a request shares, then what is particular to it. */
    public static final class Builder {
        private final FactType type;
        private final Origin origin;
        private final TenantId tenantId;
        private String outcome;
        private String codeId;
        private String groupId;
        private String liveCodeId;
        private Channel channel;
        private String label;

        private Builder(FactType type, Origin origin, TenantId tenantId) {
            this.type = type;
            this.origin = Objects.requireNonNull(origin, "origin");
            this.tenantId = tenantId;
        }

        public Builder code(Object id) {
            this.codeId = text(id);
            return this;
        }

        public Builder group(Object id) {
            this.groupId = text(id);
            return this;
        }

        public Builder liveCode(Object id) {
            this.liveCodeId = text(id);
            return this;
        }

        public Builder channel(Channel value) {
            this.channel = value;
            return this;
        }

        /** The label of the code scanned or joined through, or null. */
        public Builder label(String value) {
            this.label = value;
            return this;
        }

        public Builder outcome(String value) {
            this.outcome = value;
            return this;
        }

        /** The fact with a fresh id; an outcome must be set or the fact counted (see {@link #counted}). */
        public RecordedFact build() {
            return new RecordedFact(newId(), type, origin.at(), outcome, tenantId, codeId, groupId, liveCodeId, channel,
                    origin.client().country(), origin.client().region(), origin.client().city(),
                    origin.agent().device().wireName(), origin.agent().os().wireName(), origin.agent().app().wireName(),
                    origin.ipHash(), null, null, label);
        }

        /** The fact with a fresh id, its outcome decided by a count on {@code day} against {@code dailyCap}. */
        public RecordedFact counted(String day, int dailyCap) {
            return new RecordedFact(newId(), type, origin.at(), null, tenantId, codeId, groupId, liveCodeId, channel,
                    origin.client().country(), origin.client().region(), origin.client().city(),
                    origin.agent().device().wireName(), origin.agent().os().wireName(), origin.agent().app().wireName(),
                    origin.ipHash(), day, dailyCap, label);
        }

        private static String text(Object id) {
            return id == null ? null : id.toString();
        }

        /** 26 base32 characters of randomness twice: unique without coordination. */
        private static String newId() {
            return com.groupgate.id.Id.random().toString() + com.groupgate.id.Id.random();
        }
    }
}
