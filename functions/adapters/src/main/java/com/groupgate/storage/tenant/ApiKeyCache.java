package com.groupgate.storage.tenant;

import com.groupgate.http.ErrorResponses;
import com.groupgate.id.ApiKeyId;
import com.groupgate.id.TenantId;
import com.groupgate.telemetry.Log;
import com.groupgate.tenant.KeyUse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who a presented API key belongs to, remembered per container for at most
 * {@link #CACHE_FOR}: a warm container answers a tenant's requests without reading its key
 * and tenant items each time, and a deleted key is refused everywhere within that bound —
 * an entry older than it is read again, and a key no longer found is forgotten.
 *
 * <p>Also records each key's use, at most once per {@link KeyUse#RESOLUTION} per key and
 * container (and once between containers, by the write's condition). Entries are keyed by
 * the key's SHA-256, so the key itself is not kept past the request that presented it.
 */
public final class ApiKeyCache {
    /** How long a key's lookup is trusted: the bound on how late a deletion takes effect. */
    public static final Duration CACHE_FOR = Duration.ofSeconds(60);
    /** Entries kept per container; past this, stale entries go, then all (they are re-read on use). */
    static final int MAX_ENTRIES = 1_000;

    private record Entry(Caller caller, Instant loadedAt, Instant useRecordedAt) {
        Entry withUseRecordedAt(Instant at) {
            return new Entry(caller, loadedAt, at);
        }
    }

    private final ApiKeyTable keys;
    private final TenantTable tenants;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public ApiKeyCache(ApiKeyTable keys, TenantTable tenants, Clock clock) {
        this.keys = keys;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** The caller a presented key stands for, or empty when it is no tenant's key (now, or within the bound). */
    public Optional<Caller> caller(String presentedKey) {
        if (presentedKey == null) {
            return Optional.empty();
        }
        String hash = ApiKeys.sha256Hex(presentedKey);
        Instant now = clock.instant();
        Entry entry = entries.get(hash);
        if (entry == null || !now.isBefore(entry.loadedAt().plus(CACHE_FOR))) {
            entry = load(hash, now, entry == null ? null : entry.useRecordedAt());
            if (entry == null) {
                entries.remove(hash);
                return Optional.empty();
            }
            remember(hash, entry, now);
        }
        recordUse(hash, entry, now);
        return Optional.of(entry.caller());
    }

    /** Forgets the deleted key {@code keyId} in this container at once (others within {@link #CACHE_FOR}). */
    public void forget(ApiKeyId keyId) {
        entries.values().removeIf(e -> keyId.equals(e.caller().keyId()));
    }

    /** Forgets every key of {@code tenantId} in this container at once (a block or unblock; others within {@link #CACHE_FOR}). */
    public void forgetTenant(TenantId tenantId) {
        entries.values().removeIf(e -> tenantId.equals(e.caller().tenant().tenantId()));
    }

    private Entry load(String hash, Instant now, Instant useRecordedAt) {
        Optional<ApiKeyTable.Grant> grant = keys.lookup(hash);
        if (grant.isEmpty()) {
            return null;
        }
        return tenants.find(grant.get().tenantId())
                .map(t -> new Entry(new Caller(t, grant.get().keyId(), grant.get().scope()), now, useRecordedAt))
                .orElse(null);
    }

    private void remember(String hash, Entry entry, Instant now) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> !now.isBefore(e.loadedAt().plus(CACHE_FOR)));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(hash, entry);
    }

    /**
     * Claims the key's next write of {@code lastUsedAt} in this container, then makes it.
     * The write is bookkeeping: when AWS is too busy for it the request goes on, and the
     * claim stands, so a struggling table is not asked again by every request.
     */
    private void recordUse(String hash, Entry entry, Instant now) {
        Caller caller = entry.caller();
        if (caller.keyId() == null || !KeyUse.due(entry.useRecordedAt(), now)
                || !entries.replace(hash, entry, entry.withUseRecordedAt(now))) {
            return;
        }
        try {
            keys.recordUse(caller.tenant().tenantId(), caller.keyId(), now);
        } catch (RuntimeException e) {
            if (!ErrorResponses.busy(e)) {
                throw e;
            }
            Log.info("key_use_not_recorded", Map.of("keyId", caller.keyId().toString(),
                    "exception", e.getClass().getSimpleName()));
        }
    }
}
