package com.groupgate.tenant;

import com.groupgate.id.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * The deletion of a whole tenant, as an operator asked for it: where it stands and what it
 * has removed so far. It runs in phases, each resumable from a stored position:
 * <ol>
 *   <li>{@link Phase#ACCESS}: the tenant and its API keys go first, so nothing new is
 *       written through the API once the containers' caches have let go of them;
 *   <li>{@link Phase#MAIN_TABLE} and {@link Phase#ANALYTICS_TABLE}: every item of the
 *       tenant, found by a scan of each table. The main table's scan starts only
 *       {@link #CACHE_GRACE} after access went, so writes that containers could still make
 *       from their caches (a key remembered for 60 s, a code policy, a group) have landed
 *       and are found;
 *   <li>{@link Phase#OBJECTS}: the tenant's pictures and word lists in the bucket;
 *   <li>{@link Phase#AUDIT_LOG}: the tenant's audit log, all but its signed checkpoints,
 *       once the scheduled signer has signed a checkpoint of the whole log (the deletion's
 *       own entry included), so what it held ends in a signed statement;
 *   <li>{@link Phase#DONE}.
 * </ol>
 */
public record TenantDeletion(TenantId tenantId, Phase phase, Instant startedAt, Instant accessRemovedAt,
                             long itemsDeleted, long objectsDeleted, Instant updatedAt, Instant finishedAt) {
    /** Twice the longest time a container keeps what it read of a tenant (keys, groups: 60 s). */
    public static final Duration CACHE_GRACE = Duration.ofMinutes(2);

    /** The phases, in order. */
    public enum Phase {
        ACCESS, MAIN_TABLE, ANALYTICS_TABLE, OBJECTS, AUDIT_LOG, DONE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Phase parse(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }

        Phase next() {
            return this == DONE ? DONE : values()[ordinal() + 1];
        }
    }

    public TenantDeletion {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (itemsDeleted < 0 || objectsDeleted < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    /** A deletion asked for at {@code now}: nothing removed yet. */
    public static TenantDeletion started(TenantId tenantId, Instant now) {
        return new TenantDeletion(tenantId, Phase.ACCESS, now, null, 0, 0, now, null);
    }

    /** {@code deleting} until every phase is done, then {@code deleted}. */
    public String status() {
        return phase == Phase.DONE ? "deleted" : "deleting";
    }

    public boolean done() {
        return phase == Phase.DONE;
    }

    /**
     * Whether this phase's work may run at {@code now}: the main table's scan waits
     * {@code grace} after access was removed; every other phase may run at once.
     */
    public boolean mayRun(Instant now, Duration grace) {
        return phase != Phase.MAIN_TABLE || accessRemovedAt == null || !now.isBefore(accessRemovedAt.plus(grace));
    }

    /** After a page of work that removed {@code items} items and {@code objects} objects. */
    public TenantDeletion progressed(long items, long objects, Instant now) {
        return new TenantDeletion(tenantId, phase, startedAt, accessRemovedAt, itemsDeleted + items,
                objectsDeleted + objects, now, finishedAt);
    }

    /** The current phase finished at {@code now}: on to the next one (a finished deletion stays as it is). */
    public TenantDeletion phaseDone(Instant now) {
        if (done()) {
            return this;
        }
        Phase next = phase.next();
        return new TenantDeletion(tenantId, next, startedAt, phase == Phase.ACCESS ? now : accessRemovedAt,
                itemsDeleted, objectsDeleted, now, next == Phase.DONE ? now : finishedAt);
    }
}
