package com.groupgate.tenant;

import com.groupgate.id.Id;
import java.time.ZoneId;

/** A GroupGate customer. Its API keys are never held here: see {@link ApiKeyTable}. */
public record Tenant(Id tenantId, String name, ZoneId timezone) {
}
