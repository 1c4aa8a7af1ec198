package com.groupgate.tenant;

import com.groupgate.block.Block;
import com.groupgate.id.TenantId;
import java.time.ZoneId;

/**
 * A GroupGate customer. Its API keys are never held here (ApiKeyTable keeps them).
 * {@code block}: the operator's block of the whole tenant, or null; {@code factRetentionDays}:
 * how long its raw facts are kept ({@link FactRetention}).
 */
public record Tenant(TenantId tenantId, String name, ZoneId timezone, Block block, int factRetentionDays) {
    public Tenant(TenantId tenantId, String name, ZoneId timezone) {
        this(tenantId, name, timezone, null, FactRetention.DEFAULT_DAYS);
    }

    public boolean blocked() {
        return block != null;
    }
}
