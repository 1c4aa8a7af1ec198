package com.groupgate.storage.code;

import com.groupgate.code.CodeStatus;
import com.groupgate.code.GroupCode;
import com.groupgate.id.CodeId;
import com.groupgate.id.TenantId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The scan path's per-container memory of codes: everything about a code but its status
 * and counters is fixed at issue, so it is read once (GetItem) and kept. Status is never
 * taken from here: the counting write returns it.
 */
public final class CodeCache {
    private static final int MAX_ENTRIES = 10_000;

    private final CodeTable codes;
    private final Map<String, GroupCode> entries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, GroupCode> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public CodeCache(CodeTable codes) {
        this.codes = codes;
    }

    /** The code's status now, never from memory ({@link CodeTable#status}). */
    public Optional<CodeStatus> currentStatus(TenantId tenantId, CodeId codeId) {
        return codes.status(tenantId, codeId);
    }

    public Optional<GroupCode> get(TenantId tenantId, CodeId codeId) {
        String key = tenantId + "/" + codeId;
        synchronized (entries) {
            GroupCode cached = entries.get(key);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        Optional<GroupCode> loaded = codes.find(tenantId, codeId);
        loaded.ifPresent(c -> {
            synchronized (entries) {
                entries.put(key, c);
            }
        });
        return loaded;
    }
}
